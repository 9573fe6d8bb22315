import { parseArgs } from 'node:util';
import { UsageError } from './io.js';
import { didYouMeanAny } from '../source/suggest.js';

/** Declared options of a command. */
export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: string | boolean }>;

/** Parses argv for one command, turning mistakes into {@link UsageError}. */
export function parseCommandArgs<T extends OptionSpec>(command: string, argv: string[], options: T) {
  try {
    const r = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: r.values as Record<string, string | boolean | string[] | undefined>, positionals: r.positionals };
  } catch (error) {
    let message = (error as Error).message.replace(/\. To specify a positional.*$/s, '.');
    // Name the closest declared option: `Unknown option '--countyr'. Did you mean --country?`
    const unknown = /^Unknown option '(-{1,2})([^']*)'/.exec(message);
    if (unknown?.[1] === '--') message += didYouMeanAny(unknown[2]!, [...Object.keys(options), 'help', 'version'], (o) => `--${o}`);
    throw new UsageError(message, command);
  }
}

/** Reads a `--format` value, checking it against the allowed list. */
export function formatOption<F extends string>(command: string, value: unknown, allowed: readonly F[], fallback: F): F {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--format must be one of ${allowed.join(', ')} (got "${String(value)}").`, command);
  }
  return value as F;
}
