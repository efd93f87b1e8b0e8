/**
 * The one wrapper every command-line tool uses around node:util parseArgs, so they all
 * behave the same way: `--help` prints the usage and exits 0; an unknown flag, a missing
 * value or a bad value prints one plain line naming it and how to get help, and exits 2;
 * nothing from the parser ever reaches the person as a stack trace.
 *
 * Exit codes, for every tool: 0 done and nothing wrong; 1 the tool ran and found
 * problems; 2 the tool could not run (bad flags, missing files, no browser…).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isRealDate } from '../../schemas/common.ts';

export const EXIT = { ok: 0, problems: 1, cannotRun: 2 } as const;

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  default?: string | boolean | string[] | boolean[];
  /** What the option does, for --help. With a string option, name its value as `<value>` in `valueName`. */
  description: string;
  valueName?: string;
  /** The only values a string option accepts; anything else is refused with exit 2, naming them. */
  choices?: readonly string[];
}

export interface CliSpec<O extends Record<string, OptionSpec>> {
  /** How to run it, e.g. "npm run check:search [-- options]". */
  usage: string;
  /** One or two sentences saying what the tool does. */
  summary: string;
  options: O;
  /** Adds --json to the options and the help; a string says what the JSON holds, for --help. */
  json?: boolean | string;
  /** Positional arguments, e.g. "<url>…"; without it, positionals are refused. */
  positionals?: string;
  /**
   * Without `positionals`: what to say to someone who typed some anyway, given them
   * (e.g. new-task: give the title with --title). Default: the tool takes options only.
   */
  positionalsHint?: (given: string[]) => string;
  /** Extra lines after the options (exit codes are added for you). */
  notes?: string;
  /** What exit code 0 means for this tool, when "done" says too little, e.g. "report printed". */
  done?: string;
  /** What exit code 1 means for this tool, e.g. "some expected tasks are not in the top 3". */
  problems?: string;
  /** What exit code 2 covers for this tool, when "could not run" says too little. */
  cannotRun?: string;
}

type ValueOf<S extends OptionSpec> = S['type'] extends 'boolean'
  ? S['multiple'] extends true ? boolean[] : boolean
  : S['multiple'] extends true ? string[] : S extends { default: string } ? string : string | undefined;

export type CliValues<O extends Record<string, OptionSpec>> = { [K in keyof O]: ValueOf<O[K]> } & { json: boolean; help: boolean };

export interface ParsedCli<O extends Record<string, OptionSpec>> {
  values: CliValues<O>;
  positionals: string[];
  help: string;
}

/** What the arguments asked for, before anything is printed or any exit: see readCli. */
export type CliOutcome<O extends Record<string, OptionSpec>> =
  | { kind: 'run'; parsed: ParsedCli<O> }
  | { kind: 'help'; text: string }
  | { kind: 'error'; message: string };

/** Stops the tool with a plain message on stderr and an honest exit code (2 unless told). */
export function fail(message: string, code: number = EXIT.cannotRun): never {
  console.error(message);
  process.exit(code);
}

/** How to ask for help, naming the npm script when the usage line gives it (`npm run x --help` would show npm's own help). */
function helpHint(spec: CliSpec<Record<string, OptionSpec>>): string {
  const script = /^npm run [^\s[]+/.exec(spec.usage)?.[0];
  return script ? `Run ${script} -- --help to see the options.` : 'Run with --help to see the options.';
}

function orList(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : (items[0] ?? '');
}

export function helpText<O extends Record<string, OptionSpec>>(spec: CliSpec<O>): string {
  const rows: [string, string][] = Object.entries(spec.options).map(([name, option]) => [
    `${option.short ? `-${option.short}, ` : ''}--${name}${option.type === 'string' ? ` <${option.valueName ?? option.choices?.join('|') ?? 'value'}>` : ''}`,
    option.description,
  ]);
  if (spec.json) rows.push(['--json', typeof spec.json === 'string' ? spec.json : 'print the result as JSON on stdout']);
  rows.push(['-h, --help', 'show this help']);
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  // A long description wraps under itself, not under the flags.
  const row = (flag: string, text: string) => `  ${flag.padEnd(width)}${text.replaceAll('\n', `\n  ${' '.repeat(width)}`)}`;
  const exits = `Exit codes: 0 ${spec.done ?? 'done'}${spec.problems ? `, 1 ${spec.problems}` : ''}, 2 ${spec.cannotRun ?? 'could not run'}.`;
  return [
    `Usage: ${spec.usage}`,
    '',
    spec.summary,
    '',
    'Options:',
    ...rows.map(([flag, text]) => row(flag, text)),
    ...(spec.notes ? ['', spec.notes] : []),
    '',
    exits,
  ].join('\n');
}

/** Edit distance counting a swap of two neighbours as one edit (--jsno for --json); only ever run on a few option names. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The known option a mistyped one was most likely meant to be, if one is close. */
function closest(flag: string, known: string[]): string | undefined {
  const typed = flag.replace(/^-+/, '').split('=')[0]!;
  if (typed.length < 3) return undefined;
  const ranked = known.map((name) => ({ name, d: distance(typed, name) })).sort((a, b) => a.d - b.d);
  const best = ranked[0];
  return best && best.d <= Math.max(1, Math.floor(typed.length / 4)) ? `--${best.name}` : undefined;
}

/** Turns parseArgs' messages into one plain line that names the flag and the fix. */
function plainParseError(error: unknown, spec: CliSpec<Record<string, OptionSpec>>, argv: string[], known: string[]): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const hint = helpHint(spec);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = /'(-{1,2}[^' ]+)'/.exec(message)?.[1] ?? message;
    const guess = closest(flag, known);
    return `Unknown option ${flag}${guess ? ` (did you mean ${guess}?)` : ''}. ${hint}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // The message names the option as '--min', '-m, --min <value>' or '--write'; the long name is what people know it by.
    const name = /--([\w-]+)/.exec(message)?.[1] ?? '';
    const option = spec.options[name];
    return option?.type === 'string'
      ? `Option --${name} needs a value, e.g. --${name} ${option.choices?.[0] ?? (typeof option.default === 'string' ? option.default : `<${option.valueName ?? 'value'}>`)}. ${hint}`
      : `Option --${name} takes no value: give it alone, as --${name}. ${hint}`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    // parseArgs names only the first; say them all, since the fix is usually to quote them into one option.
    const given = parseArgs({ args: argv, strict: false, allowPositionals: true }).positionals;
    return `Unexpected "${given.join(' ')}": ${spec.positionalsHint?.(given) ?? 'this tool takes options only'}. ${hint}`;
  }
  return `${message.split('\n')[0]}. ${hint}`;
}

/**
 * Reads the arguments against the spec without printing or exiting, so tools' specs can be
 * tested in-process. parseCli is this plus the printing and the exit codes.
 */
export function readCli<O extends Record<string, OptionSpec>>(spec: CliSpec<O>, argv: string[] = process.argv.slice(2)): CliOutcome<O> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, option] of Object.entries(spec.options)) {
    // Booleans default to false and lists to [], so a tool never has to tell "absent" from "off".
    const fallback = option.multiple ? [] : option.type === 'boolean' ? false : undefined;
    const value = option.default ?? fallback;
    options[name] = { type: option.type, ...(option.short ? { short: option.short } : {}), ...(option.multiple ? { multiple: true } : {}), ...(value !== undefined ? { default: value as string } : {}) };
  }
  if (spec.json) options.json = { type: 'boolean', default: false };
  options.help = { type: 'boolean', short: 'h', default: false };
  const general = spec as CliSpec<Record<string, OptionSpec>>;
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: spec.positionals !== undefined, strict: true });
  } catch (error) {
    return { kind: 'error', message: plainParseError(error, general, argv, Object.keys(options)) };
  }
  const help = helpText(spec);
  // --help wins over every other mistake: someone asking for help gets it.
  if (parsed.values.help) return { kind: 'help', text: help };
  for (const [name, option] of Object.entries(spec.options)) {
    if (!option.choices) continue;
    const given = parsed.values[name];
    for (const value of Array.isArray(given) ? given : [given]) {
      if (typeof value === 'string' && !option.choices.includes(value)) {
        return { kind: 'error', message: `--${name} must be ${orList(option.choices)} (got "${value}"). ${helpHint(general)}` };
      }
    }
  }
  return { kind: 'run', parsed: { values: { json: false, ...parsed.values } as CliValues<O>, positionals: parsed.positionals, help } };
}

/**
 * Parses process.argv (or `argv`) against the spec. Prints help and exits 0 on --help;
 * prints a plain message and exits 2 on anything it cannot parse.
 */
export function parseCli<O extends Record<string, OptionSpec>>(spec: CliSpec<O>, argv: string[] = process.argv.slice(2)): ParsedCli<O> {
  const outcome = readCli(spec, argv);
  if (outcome.kind === 'error') fail(outcome.message);
  if (outcome.kind === 'help') {
    console.log(outcome.text);
    process.exit(EXIT.ok);
  }
  return outcome.parsed;
}

/** `--url`, for the tools that talk to a running portal (demo traffic, benchmarks); read it with urlOption. */
export const PORTAL_URL_OPTION = { type: 'string', default: 'http://127.0.0.1:4321', valueName: 'address', description: 'the running portal' } as const satisfies OptionSpec;

/** Reads an http(s) address option, failing with a plain message when it is not one. */
export function urlOption(name: string, raw: string | undefined): URL {
  let url: URL | undefined;
  try {
    url = new URL(raw ?? '');
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol)) fail(`--${name} must be an address like http://127.0.0.1:4321 (got "${raw ?? ''}").`);
  return url;
}

/** Reads a whole-number option, failing with a plain message when it is not one. */
export function intOption(name: string, raw: string | undefined, { min = 0, max = Number.MAX_SAFE_INTEGER, fallback, example }: { min?: number; max?: number; fallback: number; example?: string }): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    fail(`--${name} must be a whole number ${rangeText(min, max)}${example ? `, e.g. ${example}` : ''} (got "${raw}").`);
  }
  return value;
}

/** Reads a number option that may have a fraction (e.g. 0.2), failing with a plain message when it is not one in range. */
export function numberOption(name: string, raw: string | undefined, { min = 0, max = Number.MAX_SAFE_INTEGER, fallback, example }: { min?: number; max?: number; fallback: number; example?: string }): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  // Number() also takes "0x10", "1e3" and " 5 "; people write plain decimals, so only those are accepted.
  if (!/^\d*\.?\d+$|^\d+\.$/.test(raw) || !(value >= min && value <= max)) {
    fail(`--${name} must be a number ${rangeText(min, max)}${example ? `, e.g. ${example}` : ''} (got "${raw}").`);
  }
  return value;
}

/** Reads a comma-separated list of whole numbers, such as --widths 320,1280. */
export function intListOption(name: string, raw: string, { min = 0, max = Number.MAX_SAFE_INTEGER, example }: { min?: number; max?: number; example: string }): number[] {
  const parts = raw.split(',').map((part) => part.trim());
  const values = parts.map(Number);
  if (!parts.length || parts.some((part) => !/^\d+$/.test(part)) || values.some((value) => value < min || value > max)) {
    fail(`--${name} must be whole numbers ${rangeText(min, max)}, separated by commas, e.g. ${example} (got "${raw}").`);
  }
  return values;
}

/** Reads a YYYY-MM-DD option that must be a real day; undefined when it was not given. */
export function dateOption(name: string, raw: string | undefined, { example }: { example?: string } = {}): string | undefined {
  if (raw === undefined) return undefined;
  if (!isRealDate(raw)) fail(`--${name} must be a date written as YYYY-MM-DD${example ? `, e.g. --${name} ${example}` : ''} (got "${raw}").`);
  return raw;
}

function rangeText(min: number, max: number): string {
  return max >= Number.MAX_SAFE_INTEGER ? `of ${min} or more` : `from ${min} to ${max}`;
}
