/**
 * `policy-index/node`: loaders that read rubrics, answer sets and workbooks from files.
 *
 * @module
 */
export { loadRubricFile, loadAnswerSetFile, loadAnswerSetFiles, expandAnswerPaths, readTextFile, resolveRubricIndex, MAX_FILE_BYTES } from './files.js';
export { packageRoot, packageVersion, bundledRubricPath, bundledOutcomeDataPath } from './package.js';
// The MIPEX workbook: import, write, verify
export type { PublishedScore, ImportMipexOptions, MipexImportResult } from './mipex/import.js';
export { importMipexWorkbook, MIPEX_2020_CITATION } from './mipex/import.js';
export type { WriteMipexOptions, WriteMipexResult } from './mipex/write.js';
export { writeMipexAnswerSets, renderMipexFiles } from './mipex/write.js';
export type { VerifyDisagreement, VerifyWorkbookResult, VerifyWorkbookOptions } from './mipex/verify.js';
export { verifyWorkbook, VERIFY_TOLERANCE } from './mipex/verify.js';
// Uncertainty and sensitivity over worker threads
export type { ParallelOptions } from './robustness.js';
export { sampleScoresParallel, analyseUncertaintyParallel, analyseSensitivityParallel, PARALLEL_THRESHOLD } from './robustness.js';
