import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dateOption, helpText, intListOption, intOption, numberOption, readCli, type CliSpec, type OptionSpec } from './cli.ts';

const spec = {
  usage: 'npm run check:things [-- options]',
  summary: 'Checks things.',
  options: {
    min: { type: 'string', default: '10', valueName: 'n', description: 'only things seen this often' },
    format: { type: 'string', choices: ['text', 'github'], description: 'how to print' },
    verbose: { type: 'boolean', short: 'v', description: 'say more' },
    tag: { type: 'string', multiple: true, description: 'only things with this tag\n(give it more than once for more)' },
  },
  json: 'print the things as JSON',
  problems: 'some things are wrong',
} satisfies CliSpec<Record<string, OptionSpec>>;

function errorOf(argv: string[], given: CliSpec<Record<string, OptionSpec>> = spec): string {
  const outcome = readCli(given, argv);
  if (outcome.kind !== 'error') throw new Error(`expected an error for ${argv.join(' ')}, got ${outcome.kind}`);
  return outcome.message;
}

describe('helpText', () => {
  it('lays out usage, summary, every option with its value, --json, --help and the exit codes', () => {
    expect(helpText(spec)).toBe(
      [
        'Usage: npm run check:things [-- options]',
        '',
        'Checks things.',
        '',
        'Options:',
        '  --min <n>               only things seen this often',
        '  --format <text|github>  how to print',
        '  -v, --verbose           say more',
        '  --tag <value>           only things with this tag',
        '                          (give it more than once for more)',
        '  --json                  print the things as JSON',
        '  -h, --help              show this help',
        '',
        'Exit codes: 0 done, 1 some things are wrong, 2 could not run.',
      ].join('\n'),
    );
  });

  it('says what 0 and 2 mean when the tool says so, and adds notes before the exit codes', () => {
    const text = helpText({ usage: 'x', summary: 'y', options: {}, notes: 'Never writes.', done: 'report printed', cannotRun: 'no store' });
    expect(text).toContain('  -h, --help  show this help\n\nNever writes.\n\nExit codes: 0 report printed, 2 no store.');
    expect(text).not.toContain('--json');
  });
});

describe('readCli', () => {
  it('gives defaults: booleans off, lists empty, strings their default, --json off', () => {
    const outcome = readCli(spec, []);
    expect(outcome.kind).toBe('run');
    if (outcome.kind !== 'run') return;
    expect(outcome.parsed.values).toEqual({ min: '10', verbose: false, tag: [], json: false, help: false });
    expect(outcome.parsed.positionals).toEqual([]);
    expect(outcome.parsed.help).toBe(helpText(spec));
  });

  it('reads values, short flags, repeated options and --json', () => {
    const outcome = readCli(spec, ['--min', '3', '-v', '--tag', 'a', '--tag=b', '--format', 'github', '--json']);
    if (outcome.kind !== 'run') throw new Error(outcome.kind);
    expect(outcome.parsed.values).toEqual({ min: '3', verbose: true, tag: ['a', 'b'], format: 'github', json: true, help: false });
  });

  it('answers --help and -h with the help text', () => {
    expect(readCli(spec, ['--help'])).toEqual({ kind: 'help', text: helpText(spec) });
    expect(readCli(spec, ['--min', 'whatever', '-h'])).toEqual({ kind: 'help', text: helpText(spec) });
  });

  it('names an unknown option and says how to get help through npm', () => {
    expect(errorOf(['--no-such-flag'])).toBe('Unknown option --no-such-flag. Run npm run check:things -- --help to see the options.');
    expect(errorOf(['-x'])).toBe('Unknown option -x. Run npm run check:things -- --help to see the options.');
    expect(errorOf(['--no-such-flag=3'])).toContain('Unknown option --no-such-flag.');
  });

  it('guesses the option meant when it is one slip away', () => {
    expect(errorOf(['--verbos'])).toContain('Unknown option --verbos (did you mean --verbose?)');
    expect(errorOf(['--jsno'])).toContain('(did you mean --json?)');
    expect(errorOf(['--colour'])).not.toContain('did you mean');
  });

  it('refuses --json when the tool has no JSON output', () => {
    expect(errorOf(['--json'], { ...spec, json: undefined })).toContain('Unknown option --json.');
  });

  it('says when a value is missing, or given to a switch', () => {
    expect(errorOf(['--min'])).toBe('Option --min needs a value, e.g. --min 10. Run npm run check:things -- --help to see the options.');
    expect(errorOf(['--format'])).toContain('Option --format needs a value, e.g. --format text.');
    expect(errorOf(['--tag', '--json'])).toContain('Option --tag needs a value, e.g. --tag <value>.');
    expect(errorOf(['--verbose=yes'])).toBe('Option --verbose takes no value: give it alone, as --verbose. Run npm run check:things -- --help to see the options.');
  });

  it('refuses a value outside the choices, naming them', () => {
    expect(errorOf(['--format', 'xml'])).toBe('--format must be text or github (got "xml"). Run npm run check:things -- --help to see the options.');
  });

  it('refuses positionals unless the tool takes them, quoting all of them', () => {
    expect(errorOf(['pay', 'my', 'tax'])).toBe('Unexpected "pay my tax": this tool takes options only. Run npm run check:things -- --help to see the options.');
    const hinted = { ...spec, positionalsHint: (given: string[]) => `give it as --title "${given.join(' ')}"` };
    expect(errorOf(['pay', 'tax', '-v'], hinted)).toContain('Unexpected "pay tax": give it as --title "pay tax".');
    const outcome = readCli({ ...spec, positionals: '<file>…' }, ['a.md', '-v', 'b.md']);
    expect(outcome.kind === 'run' && outcome.parsed.positionals).toEqual(['a.md', 'b.md']);
  });

  it('says "with --help" when the usage names no npm script', () => {
    expect(errorOf(['--nope'], { ...spec, usage: 'npx node tools/x.ts' })).toBe('Unknown option --nope. Run with --help to see the options.');
  });
});

describe('value helpers', () => {
  let stderr: string[];
  beforeEach(() => {
    stderr = [];
    vi.spyOn(console, 'error').mockImplementation((message: string) => void stderr.push(message));
    // fail() ends the process; here it throws instead, so the test can see the code it asked for.
    vi.spyOn(process, 'exit').mockImplementation((code?: string | number | null) => {
      throw new Error(`exit ${code}`);
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('intOption: whole numbers in range, else exit 2 naming the option, the range and the value', () => {
    expect(intOption('min', '12', { min: 1, fallback: 10 })).toBe(12);
    expect(intOption('min', undefined, { min: 1, fallback: 10 })).toBe(10);
    expect(() => intOption('min', '2.5', { min: 1, fallback: 10, example: '--min 10' })).toThrow('exit 2');
    expect(stderr.at(-1)).toBe('--min must be a whole number of 1 or more, e.g. --min 10 (got "2.5").');
    expect(() => intOption('port', '70000', { min: 1, max: 65535, fallback: 1 })).toThrow('exit 2');
    expect(stderr.at(-1)).toBe('--port must be a whole number from 1 to 65535 (got "70000").');
    expect(() => intOption('min', '-3', { fallback: 1 })).toThrow('exit 2');
  });

  it('numberOption: plain decimals in range only', () => {
    expect(numberOption('low-ctr', '0.25', { max: 1, fallback: 0.2 })).toBe(0.25);
    expect(numberOption('low-ctr', '.5', { max: 1, fallback: 0.2 })).toBe(0.5);
    expect(numberOption('low-ctr', '1', { max: 1, fallback: 0.2 })).toBe(1);
    for (const bad of ['20', '1e-1', '0x1', 'abc', '-0.1', ' 0.2']) {
      expect(() => numberOption('low-ctr', bad, { max: 1, fallback: 0.2, example: '--low-ctr 0.2' }), bad).toThrow('exit 2');
    }
    expect(stderr.at(-1)).toBe('--low-ctr must be a number from 0 to 1, e.g. --low-ctr 0.2 (got " 0.2").');
  });

  it('intListOption: comma-separated whole numbers in range', () => {
    expect(intListOption('widths', '320, 1280', { min: 200, max: 4000, example: '320,1280' })).toEqual([320, 1280]);
    for (const bad of ['320,', '100', '320,abc', '']) {
      expect(() => intListOption('widths', bad, { min: 200, max: 4000, example: '320,1280' }), bad).toThrow('exit 2');
    }
    expect(stderr.at(-1)).toBe('--widths must be whole numbers from 200 to 4000, separated by commas, e.g. 320,1280 (got "").');
  });

  it('dateOption: a real day as YYYY-MM-DD, or undefined when not given', () => {
    expect(dateOption('since', '2026-02-28')).toBe('2026-02-28');
    expect(dateOption('since', undefined)).toBeUndefined();
    expect(() => dateOption('since', '2026-02-30', { example: '2026-02-01' })).toThrow('exit 2');
    expect(stderr.at(-1)).toBe('--since must be a date written as YYYY-MM-DD, e.g. --since 2026-02-01 (got "2026-02-30").');
  });
});

describe('parseCli in a real process', () => {
  // A tiny tool on the wrapper, run as people run tools: the exit code and the streams are the contract.
  const cli = pathToFileURL(new URL('./cli.ts', import.meta.url).pathname).href;
  const tool = `
    import { parseCli, fail } from ${JSON.stringify(cli)};
    const { values } = parseCli({ usage: 'npm run demo-tool [-- options]', summary: 'A demo.', json: true,
      options: { name: { type: 'string', description: 'who to greet' } } }, process.argv.slice(1));
    if (values.name === 'nobody') fail('--name must name somebody');
    console.log(values.json ? JSON.stringify({ hello: values.name }) : 'hello ' + values.name);`;
  const run = (...args: string[]) => spawnSync(process.execPath, ['--input-type=module', '--eval', tool, '--', ...args], { encoding: 'utf8' });

  it('runs with good options and exits 0', () => {
    const result = run('--name', 'Ada', '--json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ hello: 'Ada' });
  });

  it('prints help on stdout and exits 0', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run demo-tool/);
    expect(result.stderr).toBe('');
  });

  it('exits 2 with one plain line on stderr for an unknown flag, and no stack trace', () => {
    const result = run('--no-such-flag');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('Unknown option --no-such-flag. Run npm run demo-tool -- --help to see the options.\n');
  });

  it('fail() exits 2 with its message only', () => {
    const result = run('--name', 'nobody');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('--name must name somebody\n');
  });
});
