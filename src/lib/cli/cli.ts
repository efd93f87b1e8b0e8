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

export const EXIT = { ok: 0, problems: 1, cannotRun: 2 } as const;

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  default?: string | boolean | string[] | boolean[];
  /** What the option does, for --help. With a string option, name its value as `<value>` in `valueName`. */
  description: string;
  valueName?: string;
}

export interface CliSpec<O extends Record<string, OptionSpec>> {
  /** How to run it, e.g. "npm run check:search [-- options]". */
  usage: string;
  /** One or two sentences saying what the tool does. */
  summary: string;
  options: O;
  /** Adds --json to the options and the help. */
  json?: boolean;
  /** Positional arguments, e.g. "<url>…"; without it, positionals are refused. */
  positionals?: string;
  /** Extra lines after the options (exit codes are added for you). */
  notes?: string;
  /** What exit code 1 means for this tool, e.g. "some expected tasks are not in the top 3". */
  problems?: string;
}

type ValueOf<S extends OptionSpec> = S['type'] extends 'boolean'
  ? S['multiple'] extends true ? boolean[] : boolean | undefined
  : S['multiple'] extends true ? string[] : string | undefined;

export type CliValues<O extends Record<string, OptionSpec>> = { [K in keyof O]: ValueOf<O[K]> } & { json: boolean; help: boolean };

export interface ParsedCli<O extends Record<string, OptionSpec>> {
  values: CliValues<O>;
  positionals: string[];
  help: string;
}

/** Stops the tool with a plain message on stderr and an honest exit code (2 unless told). */
export function fail(message: string, code: number = EXIT.cannotRun): never {
  console.error(message);
  process.exit(code);
}

export function helpText<O extends Record<string, OptionSpec>>(spec: CliSpec<O>): string {
  const rows: [string, string][] = Object.entries(spec.options).map(([name, option]) => [
    `${option.short ? `-${option.short}, ` : ''}--${name}${option.type === 'string' ? ` <${option.valueName ?? 'value'}>` : ''}`,
    option.description,
  ]);
  if (spec.json) rows.push(['--json', 'print the result as JSON on stdout']);
  rows.push(['-h, --help', 'show this help']);
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  const exits = `Exit codes: 0 done${spec.problems ? `, 1 ${spec.problems}` : ''}, 2 could not run.`;
  return [
    `Usage: ${spec.usage}`,
    '',
    spec.summary,
    '',
    'Options:',
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`),
    ...(spec.notes ? ['', spec.notes] : []),
    '',
    exits,
  ].join('\n');
}

/** Turns parseArgs' messages into one plain line that names the flag and the fix. */
function plainParseError(error: unknown, spec: CliSpec<Record<string, OptionSpec>>): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const flag = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option ${flag ?? message}. Run with --help to see the options.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = flag?.replace(/^-+/, '').split(/[ =]/)[0] ?? '';
    const option = spec.options[name];
    return option?.type === 'string'
      ? `Option --${name} needs a value, e.g. --${name} <${option.valueName ?? 'value'}>. Run with --help to see the options.`
      : `Option ${flag ?? ''} takes no value. Run with --help to see the options.`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `Unexpected argument ${/'([^']*)'/.exec(message)?.[0] ?? ''}: this tool takes options only. Run with --help to see them.`;
  return `${message}. Run with --help to see the options.`;
}

/**
 * Parses process.argv (or `argv`) against the spec. Prints help and exits 0 on --help;
 * prints a plain message and exits 2 on anything it cannot parse.
 */
export function parseCli<O extends Record<string, OptionSpec>>(spec: CliSpec<O>, argv: string[] = process.argv.slice(2)): ParsedCli<O> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, option] of Object.entries(spec.options)) {
    options[name] = { type: option.type, ...(option.short ? { short: option.short } : {}), ...(option.multiple ? { multiple: true } : {}), ...(option.default !== undefined ? { default: option.default } : {}) };
  }
  if (spec.json) options.json = { type: 'boolean', default: false };
  options.help = { type: 'boolean', short: 'h', default: false };
  const help = helpText(spec);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: spec.positionals !== undefined, strict: true });
  } catch (error) {
    fail(plainParseError(error, spec as CliSpec<Record<string, OptionSpec>>));
  }
  if (parsed.values.help) {
    console.log(help);
    process.exit(EXIT.ok);
  }
  return { values: { json: false, ...parsed.values } as CliValues<O>, positionals: parsed.positionals, help };
}

/** Reads a whole-number option, failing with a plain message when it is not one. */
export function intOption(name: string, raw: string | undefined, { min = 0, max = Number.MAX_SAFE_INTEGER, fallback }: { min?: number; max?: number; fallback: number }): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    fail(`--${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
  }
  return value;
}
