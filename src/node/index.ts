/**
 * `policy-index/node`: loaders that read rubrics, answer sets and workbooks from files.
 *
 * @module
 */
export { loadRubricFile, loadAnswerSetFile, loadAnswerSetFiles, expandAnswerPaths, readTextFile, resolveRubricIndex, MAX_FILE_BYTES } from './files.js';
export { MAX_FOLDER_DEPTH, MAX_FOLDER_ENTRIES } from './files.js';
// Checked reading and writing: regular files only, outputs inside their folder and never an input
export type { ReadFileOptions } from './safe-fs.js';
export { readFileBytes, InputFiles } from './safe-fs.js';
export type { OutputFile, OutputGuard, WriteOutputFilesOptions, WriteOutputFilesResult } from './output.js';
export { outputPath, outputGuard, checkOutputPath, checkOutputFolder, writeOutputFiles, isSafePathPart } from './output.js';
export { packageRoot, packageVersion, bundledRubricPath, bundledOutcomeDataPath } from './package.js';
// The MIPEX workbook: import, write, verify
export type { PublishedScore, ImportMipexOptions, MipexImportResult } from './mipex/import.js';
export { importMipexWorkbook, MIPEX_2020_CITATION } from './mipex/import.js';
export type { WriteMipexOptions, WriteMipexResult } from './mipex/write.js';
export { writeMipexAnswerSets, renderMipexFiles } from './mipex/write.js';
export type { VerifyDisagreement } from '../analysis/verify/verify.js';
export type { VerifyWorkbookResult, VerifyWorkbookOptions } from './mipex/verify.js';
export { verifyWorkbook, VERIFY_TOLERANCE } from './mipex/verify.js';
// Answer tables and questionnaires
export type { ReadAnswerTableOptions, AnswerTableFile } from './tables.js';
export { readAnswerTableFile, answerTableXlsx } from './tables.js';
export type { WriteAnswerSetFilesOptions, WriteAnswerSetFilesResult } from './answer-files.js';
export { writeAnswerSetFiles } from './answer-files.js';
export { xlsxCellGrids } from './xlsx/read-table.js';
export type { QuestionnaireOptions } from './questionnaire.js';
export { questionnaireXlsx } from './questionnaire.js';
export type { SubnationalUnit, MipexSheetCount } from './mipex/import.js';
export { importParsedMipexWorkbook, MIPEX_SUBNATIONAL_UNITS } from './mipex/import.js';
export type { VerifySheetCount } from './mipex/verify.js';
export type { ReadPublishedXlsxOptions } from './published.js';
export { readPublishedXlsx } from './published.js';
// Uncertainty and sensitivity over worker threads
export type { ParallelOptions } from './robustness.js';
export { sampleScoresParallel, analyseUncertaintyParallel, analyseSensitivityParallel, PARALLEL_THRESHOLD } from './robustness.js';
