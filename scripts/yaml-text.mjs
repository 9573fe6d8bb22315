// Lets Node run the TypeScript sources, which import YAML files as text (src/yaml-text.d.ts):
//   npx tsx --import ./scripts/yaml-text.mjs scripts/build-docs.ts
//   node --import tsx --import ./scripts/yaml-text.mjs examples/usage.ts
// The built package needs none of this: the bundles hold the text.
import { register } from 'node:module';

register('./yaml-text-hooks.mjs', import.meta.url);
