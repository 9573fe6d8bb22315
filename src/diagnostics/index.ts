export type { Severity, PathSegment, Diagnostic, Result } from './diagnostic.js';
export { hasErrors, formatPath, sortDiagnostics } from './diagnostic.js';
export type { DiagnosticCodeInfo, DiagnosticCode } from './codes.js';
export { DIAGNOSTIC_CODES } from './codes.js';
export type { FormatOptions } from './format.js';
export { escapeControlCharacters, codeFrame, diagnosticDocsUrl, formatDiagnostics, diagnosticsToJson } from './format.js';
