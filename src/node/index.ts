/**
 * `policy-index/node`: loaders that read rubrics, answer sets and workbooks from files.
 *
 * @module
 */
export { loadRubricFile, loadAnswerSetFile, loadAnswerSetFiles, expandAnswerPaths, readTextFile, resolveRubricIndex, MAX_FILE_BYTES } from './files.js';
