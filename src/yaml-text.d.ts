/**
 * A YAML file imported by the sources is its text. Every tool that loads the sources reads it so:
 * tsup and esbuild with the `text` loader (tsup.config.ts, scripts/playground.ts), vitest with
 * the plugin of vitest.config.ts, and Node (tsx) with the hooks of scripts/yaml-text.mjs.
 */
declare module '*.yaml' {
  const text: string;
  export default text;
}
