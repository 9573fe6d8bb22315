/**
 * Loads the optional `exceljs` package, for writing workbooks. Node-only.
 *
 * @module
 */
import type { Diagnostic } from '../../diagnostics/index.js';

/** The exceljs module, or a diagnostic saying how to install it. */
export async function loadExcelJs(): Promise<{ value?: typeof import('exceljs'); diagnostics: Diagnostic[] }> {
  try {
    const mod = (await import('exceljs')) as unknown as { default?: typeof import('exceljs') } & typeof import('exceljs');
    return { value: mod.default ?? mod, diagnostics: [] };
  } catch {
    return {
      diagnostics: [
        { code: 'TABLE_XLSX_UNAVAILABLE', severity: 'error', message: 'Writing .xlsx files needs the package "exceljs", which is not installed.', hint: 'Run `npm install exceljs`, or write CSV.' },
      ],
    };
  }
}
