import { defineConfig } from 'vitest/config';

/** The sources import YAML files as text (src/yaml-text.d.ts), as the bundles' `text` loader does. */
const yamlText = {
  name: 'yaml-text',
  enforce: 'pre' as const,
  transform(code: string, id: string) {
    if (!id.split('?')[0]!.endsWith('.yaml')) return null;
    return { code: `export default ${JSON.stringify(code)};\n`, map: null };
  },
};

export default defineConfig({
  plugins: [yamlText],
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/helpers/temp-sandbox.ts'],
  },
});
