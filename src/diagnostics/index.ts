export type { Severity, PathSegment, Diagnostic, Result } from './diagnostic.js';
export { hasErrors, sortDiagnostics } from './diagnostic.js';
export type { DiagnosticCode } from './codes.js';
export { diagnosticDocsUrl, formatDiagnostics, diagnosticsToJson } from './format.js';
export { limitDiagnostics } from './limit.js';
