/**
 * Typed command definitions: every `policy-index` command is one {@link defineCommand} value,
 * from which its argument parsing, its `--help` text and the CLI reference page are all made.
 *
 * The parser is the one place that turns argv into typed arguments. Its mistakes (an unknown
 * flag, a flag without its value, a value outside an enum, a number out of range, too few or
 * too many positionals) are a {@link UsageError}: `main` prints it with the command's usage and
 * exits 2, and nothing else is written.
 *
 * @module
 */
import { didYouMeanAny } from '../source/suggest.js';
import { UsageError, type CliIO, type ExitCode } from './io.js';

/** One option of a command, written `--name`. */
export interface OptionDef {
  /** `string` and `number` take a value; `boolean` takes none; `enum` takes one of `values`. */
  type: 'string' | 'boolean' | 'number' | 'enum';
  description: string;
  /** The accepted values of an `enum` option. */
  values?: readonly string[];
  /** Other names of enum values, kept for old invocations (e.g. `table` for `text`). */
  valueAliases?: Readonly<Record<string, string>>;
  /** The value when the flag is absent (shown in the help). */
  default?: string | number | boolean;
  /** How the help shows a default that is not a plain value (e.g. "the rubric's default"). */
  defaultText?: string;
  /** The option may be given several times; its value is then the list of values. */
  repeatable?: boolean;
  /** Other accepted names (without the dashes), kept for old invocations. */
  aliases?: readonly string[];
  /** A one-letter short form, e.g. `o` for `-o`. */
  short?: string;
  /** The value's placeholder in help, e.g. `dir` for `--out <dir>`. */
  placeholder?: string;
  /** The command cannot run without it (shown in the usage line). */
  required?: boolean;
  /** `number` options: whole numbers only, and their range. */
  integer?: boolean;
  min?: number;
  max?: number;
}

/** One positional argument. */
export interface PositionalDef {
  name: string;
  description: string;
  /** Takes every remaining positional (one or more; none when not required). */
  variadic?: boolean;
  /** Default true. */
  required?: boolean;
}

type Options = Readonly<Record<string, OptionDef>>;

type OptionValue<O extends OptionDef> = O['type'] extends 'boolean'
  ? boolean
  : O['repeatable'] extends true
    ? string[]
    : O['type'] extends 'number'
      ? O extends { default: number } ? number : number | undefined
      : O['type'] extends 'enum'
        ? O extends { values: readonly (infer V)[] } ? (O extends { default: string } ? V : V | undefined) : string
        : O extends { default: string } | { required: true } ? string : string | undefined;

type PositionalValue<P extends PositionalDef> = P['variadic'] extends true ? string[] : P['required'] extends false ? string | undefined : string;

/** The options every command accepts. */
export const GLOBAL_OPTIONS = {
  quiet: { type: 'boolean', short: 'q', description: 'errors only: no warnings, notes, progress or summary line' },
  verbose: { type: 'boolean', description: 'every diagnostic, none cut short (the text output lists at most 20 of one code otherwise)' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} as const satisfies Options;

/** The parsed arguments of a command: option values by flag name, positionals by name, and all positionals in order. */
export type ArgsOf<O extends Options, P extends readonly PositionalDef[]> = {
  options: { [K in keyof O]: OptionValue<O[K]> } & { quiet: boolean; verbose: boolean };
  positionals: { [I in P[number] as I['name']]: PositionalValue<I> };
  /** Every positional, in the order given. */
  rest: string[];
};

/** A command as it is written. */
export interface CommandInput<O extends Options, P extends readonly PositionalDef[]> {
  /** One word, or a group and a word (`outcomes gaps`). */
  name: string;
  /** One line, for the command list. */
  summary: string;
  /** Paragraphs shown after the usage line. */
  description: string;
  positionals: P;
  options: O;
  /** Extra usage lines (other forms of the command), after the generated one. */
  usage?: readonly string[];
  /** Text after the options (limits, threads …). */
  notes?: string;
  examples?: readonly { command: string; description?: string }[];
  /** What the exit codes mean for this command. */
  exitCodes: string;
  /** Whether `--format json` prints a JSON document on standard output (the reference lists its shape). */
  json?: string;
  run: (args: ArgsOf<O, P>, io: CliIO) => Promise<ExitCode>;
}

/** A defined command. */
export interface Command<O extends Options = Options, P extends readonly PositionalDef[] = readonly PositionalDef[]> extends CommandInput<O, P> {
  /** The generated `--help` text. */
  readonly help: string;
}

/** Any defined command, whatever its options. */
export type AnyCommand = Command<any, any>;

/**
 * Defines a command; its arguments are typed from the definition.
 *
 * @example
 * ```ts
 * import { defineCommand } from './command.js';
 * const hello = defineCommand({
 *   name: 'hello', summary: 'greet', description: 'Greets.', exitCodes: '0 always.',
 *   positionals: [{ name: 'who', description: 'whom to greet' }] as const,
 *   options: { loud: { type: 'boolean', description: 'shout' } },
 *   run: async (args, io) => { io.stdout(`hello ${args.positionals.who}${args.options.loud ? '!' : ''}\n`); return 0; },
 * });
 * ```
 */
export function defineCommand<const O extends Options, const P extends readonly PositionalDef[]>(input: CommandInput<O, P>): Command<O, P> {
  let help: string | undefined;
  return {
    ...input,
    get help() {
      return (help ??= renderHelp(input as unknown as CommandInput<Options, readonly PositionalDef[]>));
    },
  };
}

/** Every option of a command, global ones included. */
export function allOptions(command: Pick<AnyCommand, 'options'>): Record<string, OptionDef> {
  return { ...(command.options as Options), ...GLOBAL_OPTIONS };
}

const placeholder = (name: string, o: OptionDef) => (o.type === 'boolean' ? '' : ` <${o.placeholder ?? (o.type === 'enum' ? 'f' : o.type === 'number' ? 'n' : 'value')}>`);

/** `--name <value>`, as the usage line and the help show it. */
export function optionSyntax(name: string, o: OptionDef): string {
  return `${o.short ? `-${o.short}, ` : ''}--${name}${placeholder(name, o)}`;
}

/** `<name>`, `<name…>` or `[<name>]`. */
export function positionalSyntax(p: PositionalDef): string {
  const s = `<${p.name}${p.variadic ? '…' : ''}>`;
  return p.required === false ? `[${s}]` : s;
}

/** The default of an option as help shows it, or undefined. */
export function defaultShown(o: OptionDef): string | undefined {
  if (o.defaultText !== undefined) return o.defaultText;
  if (o.default === undefined || o.default === false) return undefined;
  return String(o.default);
}

/** The description of an option with its values, default and other names. */
export function optionText(name: string, o: OptionDef): string {
  const parts = [o.description];
  const extra: string[] = [];
  if (o.type === 'enum' && o.values) extra.push(`one of ${o.values.join(', ')}`);
  const d = defaultShown(o);
  if (d !== undefined) extra.push(`default: ${d}`);
  const aliases = [...(o.aliases ?? []).map((a) => `--${a}`), ...Object.keys(o.valueAliases ?? {}).map((v) => `${v} = ${o.valueAliases![v]}`)];
  if (aliases.length) extra.push(`also: ${aliases.join(', ')}`);
  if (o.repeatable) extra.push('repeatable');
  if (extra.length) parts.push(`(${extra.join('; ')})`);
  void name;
  return parts.join(' ');
}

/** The usage line of a command. */
export function usageLine(command: Pick<AnyCommand, 'name' | 'positionals' | 'options'>): string {
  const required = Object.entries(command.options as Options)
    .filter(([, o]) => o.required)
    .map(([n, o]) => `--${n}${placeholder(n, o)}`);
  return ['policy-index', command.name, ...(command.positionals as readonly PositionalDef[]).map(positionalSyntax), ...required, '[options]'].join(' ');
}

const WIDTH = 100;

function wrap(text: string, indent: number, first: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  let room = WIDTH - first;
  for (const w of words) {
    if (line && line.length + 1 + w.length > room) {
      lines.push(line);
      line = w;
      room = WIDTH - indent;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines;
}

function table(rows: readonly [string, string][]): string[] {
  const width = Math.min(26, rows.reduce((w, [a]) => Math.max(w, a.length), 0));
  const out: string[] = [];
  for (const [a, b] of rows) {
    const col = 2 + width + 2;
    const lines = wrap(b, col, col);
    if (a.length > width) {
      out.push(`  ${a}`);
      for (const l of lines) out.push(' '.repeat(col) + l);
    } else {
      out.push(`  ${a.padEnd(width)}  ${lines[0] ?? ''}`);
      for (const l of lines.slice(1)) out.push(' '.repeat(col) + l);
    }
  }
  return out;
}

function renderHelp(c: CommandInput<Options, readonly PositionalDef[]>): string {
  const lines = [`Usage: ${usageLine(c)}`];
  for (const u of c.usage ?? []) lines.push(`       ${u}`);
  lines.push('', c.description.trim());
  const section = (title: string, rows: string[]): void => {
    lines.push('', title);
    for (const row of rows) lines.push(row);
  };
  if (c.positionals.length) section('Arguments:', table(c.positionals.map((p) => [positionalSyntax(p), p.description])));
  section('Options:', table(Object.entries(allOptions(c)).map(([n, o]) => [optionSyntax(n, o), optionText(n, o)])));
  if (c.notes) lines.push('', c.notes.trim());
  if (c.examples?.length) {
    lines.push('', 'Examples:');
    for (const e of c.examples) {
      if (e.description) lines.push(`  # ${e.description}`);
      lines.push(`  ${e.command}`);
    }
  }
  lines.push('', `Exit codes: ${c.exitCodes}`);
  return lines.join('\n');
}

function numberValue(command: string, name: string, o: OptionDef, raw: string): number {
  const whole = o.integer === true;
  const n = Number(raw);
  const ok = (whole ? /^-?\d+$/.test(raw) : /^-?(\d+\.?\d*|\.\d+)$/.test(raw)) && Number.isFinite(n) && (o.min === undefined || n >= o.min) && (o.max === undefined || n <= o.max);
  if (!ok) {
    const range = o.min !== undefined && o.max !== undefined ? ` from ${o.min} to ${o.max}` : o.min !== undefined ? ` of at least ${o.min}` : '';
    throw new UsageError(`--${name} must be a ${whole ? 'whole number' : 'number'}${range} (got "${raw}").`, command);
  }
  return n;
}

function enumValue(command: string, name: string, o: OptionDef, raw: string): string {
  const v = o.valueAliases?.[raw] ?? raw;
  if (!(o.values ?? []).includes(v)) {
    throw new UsageError(`--${name} must be one of ${(o.values ?? []).join(', ')} (got "${raw}").${didYouMeanAny(raw, [...(o.values ?? [])])}`, command);
  }
  return v;
}

/**
 * Turns argv into the typed arguments of a command. `--name value`, `--name=value`, `-x value`,
 * and `--` (everything after it is positional) are understood.
 */
export function parseArgs<O extends Options, P extends readonly PositionalDef[]>(command: Pick<Command<O, P>, 'name' | 'options' | 'positionals'>, argv: readonly string[]): ArgsOf<O, P> {
  const name = command.name;
  const defs = allOptions(command as Pick<AnyCommand, 'options'>);
  const byName = new Map<string, string>();
  const byShort = new Map<string, string>();
  for (const [n, o] of Object.entries(defs)) {
    byName.set(n, n);
    for (const a of o.aliases ?? []) byName.set(a, n);
    if (o.short) byShort.set(o.short, n);
  }
  const values: Record<string, unknown> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      for (const item of argv.slice(i + 1)) rest.push(item);
      break;
    }
    if (!arg.startsWith('-') || arg === '-' || /^-\d/.test(arg)) {
      rest.push(arg);
      continue;
    }
    let key: string | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const written = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      if (eq >= 0) inline = arg.slice(eq + 1);
      key = byName.get(written);
      if (!key) throw new UsageError(`Unknown option '--${written}'.${didYouMeanAny(written, [...byName.keys(), 'version'], (o) => `--${o}`)}`, name);
    } else {
      key = byShort.get(arg.slice(1, 2));
      if (!key) throw new UsageError(`Unknown option '${arg}'.`, name);
      if (arg.length > 2) inline = arg.slice(2);
    }
    const o = defs[key]!;
    if (o.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`Option '--${key}' takes no value (got "${inline}").`, name);
      values[key] = true;
      continue;
    }
    let raw = inline;
    if (raw === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-' && !/^-\d/.test(next))) throw new UsageError(`Option '--${key}${placeholder(key, o)}' needs a value.`, name);
      raw = next;
      i++;
    }
    const value = o.type === 'number' ? numberValue(name, key, o, raw) : o.type === 'enum' ? enumValue(name, key, o, raw) : raw;
    if (o.repeatable) ((values[key] ??= []) as unknown[]).push(value);
    else values[key] = value;
  }
  for (const [n, o] of Object.entries(defs)) {
    if (values[n] !== undefined) continue;
    if (o.type === 'boolean') values[n] = false;
    else if (o.repeatable) values[n] = [];
    else if (o.default !== undefined) values[n] = o.default;
  }
  if (values.help) return { options: values, positionals: {}, rest } as ArgsOf<O, P>;
  for (const [n, o] of Object.entries(defs)) {
    if (o.required && (values[n] === undefined || values[n] === '')) throw new UsageError(`${name} needs --${n}${placeholder(n, o)}.`, name);
  }
  const positionals: Record<string, string | string[] | undefined> = {};
  const list = command.positionals as readonly PositionalDef[];
  let at = 0;
  for (const [i, p] of list.entries()) {
    if (p.variadic) {
      const after = list.slice(i + 1).filter((q) => !q.variadic && q.required !== false).length;
      const take = Math.max(0, rest.length - at - after);
      positionals[p.name] = rest.slice(at, at + take);
      at += take;
    } else positionals[p.name] = rest[at++];
  }
  const missing = list.filter((p) => p.required !== false && (p.variadic ? (positionals[p.name] as string[]).length === 0 : positionals[p.name] === undefined));
  if (missing.length) throw new UsageError(`${name} needs ${missing.map(positionalSyntax).join(' ')}${rest.length ? ` (got ${rest.length} argument${rest.length === 1 ? '' : 's'})` : ''}.`, name);
  if (!list.some((p) => p.variadic) && rest.length > list.length) {
    throw new UsageError(`${name} takes ${list.length ? list.map(positionalSyntax).join(' ') : 'no arguments'}; "${rest[list.length]}" is one too many.`, name);
  }
  return { options: values, positionals, rest } as ArgsOf<O, P>;
}

/** Parses argv, prints the help when asked, and runs the command; a usage mistake throws {@link UsageError}. */
export async function runCommand(command: AnyCommand, argv: readonly string[], io: CliIO): Promise<ExitCode> {
  const args = parseArgs(command, argv);
  if (args.options.help) {
    io.stdout(command.help + '\n');
    return 0;
  }
  const verbosity = args.options.quiet ? 'quiet' : args.options.verbose ? 'verbose' : 'normal';
  if (args.options.quiet && args.options.verbose) throw new UsageError('--quiet and --verbose exclude each other.', command.name);
  return command.run(args, { ...io, verbosity });
}
