/**
 * Every command-line tool, run as people run them, with a flag it does not know and with
 * --help. All of them must answer the same way: exit 2 and a plain line naming the flag
 * (never a stack trace), or exit 0 and the usage. The list of tools comes from src/cli/ and
 * package.json, so a new tool is checked without anyone remembering to add it here.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/site.ts';

const EXTRA_TOOLS = ['tools/screenshot.ts', 'tools/demo-traffic.ts', 'tools/ensure-chromium.ts', 'tools/act-harness.ts', 'tools/act-fixtures.ts', 'tools/audit-timing.ts', 'bench/search.ts', 'bench/run.ts'];
const TOOLS = [
  ...readdirSync(join(ROOT, 'src/cli'))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => `src/cli/${name}`),
  ...EXTRA_TOOLS,
].sort();


// Nothing here should reach a store, but if a tool ever read one before its options, it must not be the real one.
const scratch = mkdtempSync(join(tmpdir(), 'taskfront-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const env = { ...process.env, TASKFRONT_DB: join(scratch, 'none.sqlite'), DATABASE_URL: '', TASKFRONT_CONTENT_DIR: '' };

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(tool: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, tool), ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

// Each tool runs twice in all, with a bad flag and with --help, and the tests share the answers:
// most of the time goes on Node loading each tool's imports. (Vitest runs a few tests at once.)
const runs = new Map<string, Promise<Run>>();
function answer(tool: string, flag: '--no-such-flag' | '--help'): Promise<Run> {
  const key = `${tool} ${flag}`;
  if (!runs.has(key)) runs.set(key, run(tool, [flag]));
  return runs.get(key)!;
}

const STACK_LINE = /^\s+at /m;

describe('the tool list', () => {
  it('covers every .ts tool that package.json runs', () => {
    const scripts = Object.values((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
    const run = scripts.flatMap((script) => [...script.matchAll(/\bnode\s+(\S+\.ts)\b/g)].map((match) => match[1]!.replace(/^\.\//, '')));
    expect(run.length).toBeGreaterThan(5);
    expect(run.filter((tool) => !TOOLS.includes(tool))).toEqual([]);
  });
});

describe.concurrent.each(TOOLS)('%s', (tool) => {
  it('refuses --no-such-flag with exit 2, naming it, with no stack trace', async () => {
    const { status, stdout, stderr } = await answer(tool, '--no-such-flag');
    expect(stderr.split('\n')[0]).toContain('--no-such-flag');
    expect(stderr).not.toMatch(STACK_LINE);
    expect(stdout).toBe('');
    expect(status).toBe(2);
  });

  it('answers like every parseCli tool: one plain line, exit codes in its help', async () => {
    const { stderr } = await answer(tool, '--no-such-flag');
    expect(stderr).toMatch(/^Unknown option --no-such-flag\. Run (npm run \S+ -- --help|with --help) to see the options\.\n$/);
    const { stdout } = await answer(tool, '--help');
    expect(stdout).toMatch(/\nExit codes: 0 .*, 2 .*\.\n$/);
  });

  it('shows its usage for --help and exits 0', async () => {
    const { status, stdout, stderr } = await answer(tool, '--help');
    expect(stdout).toMatch(/^Usage: /);
    expect(stderr).not.toMatch(STACK_LINE);
    expect(status).toBe(0);
  });
});
