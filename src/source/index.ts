export type { SourceRange, ParseLimits, SourceLocator, ParsedSource } from './yaml-source.js';
export { createLocator, offsetRanger, located, parseYamlSource } from './yaml-source.js';
export { editDistance, suggest, didYouMean, MAX_SUGGEST_LENGTH, MAX_SUGGEST_CANDIDATES } from './suggest.js';
