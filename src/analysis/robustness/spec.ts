/**
 * The YAML spec of uncertain inputs: schema (zod), loading with positioned diagnostics, and
 * the check of a spec against a rubric.
 *
 * @module
 */
import { z } from 'zod';
import type { Diagnostic } from '../../diagnostics/index.js';
import { located, parseYamlSource, type SourceLocator } from '../../source/yaml-source.js';
import { zodIssuesToDiagnostics } from '../../source/zod-diagnostics.js';
import { METHODS } from './plan.js';
import type { SpecProblem, UncertaintySpec } from './context.js';

const noise = z.number().min(0).max(0.99);
const weightEntry = z.strictObject({ id: z.string().min(1).optional(), level: z.enum(['area', 'dimension', 'indicator', 'question']).optional(), node: z.string().min(1).optional(), noise });
const aggregationEntry = z.strictObject({ id: z.string().min(1).optional(), node: z.string().min(1), methods: z.array(z.enum(METHODS)).min(1) });
const missingEntry = z.strictObject({ id: z.string().min(1).optional(), level: z.enum(['index', 'area', 'dimension', 'indicator']).optional(), rules: z.array(z.enum(['omit', 'minimum'])).min(1) });

/** zod schema of an uncertainty spec file. */
export const uncertaintySpecSchema = z.strictObject({
  samples: z.number().int().min(1).max(10_000_000).optional(),
  seed: z.number().int().min(0).max(4294967295).optional(),
  weights: z.array(weightEntry).optional(),
  aggregations: z.array(aggregationEntry).optional(),
  missing: z.array(missingEntry).optional(),
  leaveOneOut: z.boolean().optional(),
});

/** A loaded spec and where its entries sit in the text. */
export interface LoadedUncertaintySpec {
  value?: UncertaintySpec;
  diagnostics: Diagnostic[];
  locator?: SourceLocator;
}

/**
 * Parses and schema-checks a YAML uncertainty spec.
 *
 * @example
 * ```ts
 * import { loadUncertaintySpec } from 'policy-index';
 * const spec = loadUncertaintySpec('samples: 2000\nseed: 7\nweights:\n  - { level: area, noise: 0.25 }\nleaveOneOut: true\n', 'robust.yaml');
 * spec.value?.weights?.[0]?.noise; // 0.25
 * ```
 */
export function loadUncertaintySpec(text: string, file = '<spec>'): LoadedUncertaintySpec {
  const parsed = parseYamlSource(text, file);
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: parsed.diagnostics, locator: parsed.locator };
  const r = uncertaintySpecSchema.safeParse(parsed.value ?? {});
  if (!r.success) return { diagnostics: [...parsed.diagnostics, ...zodIssuesToDiagnostics(r.error.issues, parsed.value, [], parsed.locator, () => Object.keys(uncertaintySpecSchema.shape))], locator: parsed.locator };
  return { value: r.data, diagnostics: parsed.diagnostics, locator: parsed.locator };
}

/** Turns problems of a spec against a rubric into `ROBUSTNESS_SPEC_INVALID` (or, for a run over its budget, `ROBUSTNESS_OVER_BUDGET`) diagnostics. */
export function specProblemDiagnostics(problems: readonly SpecProblem[], locator?: SourceLocator, file?: string): Diagnostic[] {
  return problems.map((p) => {
    const path = p.path.split(/[.[\]]+/).filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const d = located(locator, { code: p.code ?? 'ROBUSTNESS_SPEC_INVALID', severity: 'error', message: p.message, path });
    return locator ? d : { ...d, ...(file ? { file } : {}) };
  });
}
