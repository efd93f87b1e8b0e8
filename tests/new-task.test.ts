/**
 * npm run new-task, run as editors and scripts run it: a child process with no
 * terminal, writing into a copy of the demo content.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContent } from '../src/lib/content/load-content.ts';
import { ROOT } from './helpers/site.ts';

const CLI = join(ROOT, 'src/cli/new-task.ts');
let parent: string;
let content: string;

beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'taskfront-new-task-'));
  content = join(parent, 'content');
  cpSync(join(ROOT, 'content'), content, { recursive: true });
});

afterEach(() => {
  rmSync(parent, { recursive: true, force: true });
});

function newTask(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: parent,
    encoding: 'utf8',
    // A pipe, not a terminal: the command must not wait for answers.
    stdio: ['pipe', 'pipe', 'pipe'],
    input: '',
    env: { ...process.env, TASKFRONT_CONTENT_DIR: content },
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const skipPermit = ['--title', 'Apply for a skip permit', '--topic', 'parking-and-roads', '--kind', 'transaction', '--start-url', 'https://example.org/skip', '--yes'];
const taskFiles = () => readdirSync(join(content, 'tasks')).sort();

describe('npm run new-task', () => {
  it('creates a valid task file and says what to do next', () => {
    const before = taskFiles();
    const run = newTask(...skipPermit);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      [
        'Created content/tasks/apply-for-a-skip-permit.md',
        'Next: run npm run dev, then open http://localhost:4321/apply-for-a-skip-permit',
        'Replace the example text, then check it with npm run check:content -- content/tasks/apply-for-a-skip-permit.md',
        '',
      ].join('\n'),
    );
    expect(taskFiles()).toEqual([...before, 'apply-for-a-skip-permit.md'].sort());

    const loaded = loadContent({ root: content, cwd: parent });
    expect(loaded.problems.filter((problem) => problem.file === 'content/tasks/apply-for-a-skip-permit.md')).toEqual([]);
    const task = loaded.tasks.find((item) => item.slug === 'apply-for-a-skip-permit');
    expect(task).toMatchObject({ title: 'Apply for a skip permit', topic: 'parking-and-roads', kind: 'transaction', start: { url: 'https://example.org/skip' } });
  });

  it('never replaces a file that exists', () => {
    expect(newTask(...skipPermit).status).toBe(0);
    const path = join(content, 'tasks/apply-for-a-skip-permit.md');
    const before = readFileSync(path, 'utf8');

    const again = newTask(...skipPermit);
    expect(again.status).toBe(2);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('content/tasks/apply-for-a-skip-permit.md already exists: choose another title, or edit that file');
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('refuses a title whose address the portal uses, naming the fix', () => {
    const run = newTask('--title', 'Search', '--topic', 'parking-and-roads', '--kind', 'information', '--yes');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('"Search" would use the address /search, which the portal uses itself: choose another title');
    expect(existsSync(join(content, 'tasks/search.md'))).toBe(false);
  });

  it('refuses an unknown topic and lists the real ones', () => {
    const before = taskFiles();
    const run = newTask('--title', 'Apply for a skip permit', '--topic', 'skips', '--kind', 'transaction', '--start-url', 'https://example.org/skip', '--yes');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/"skips" is not a topic: use one of bins-and-recycling, .*parking-and-roads/);
    expect(taskFiles()).toEqual(before);
  });

  it('without a terminal, names a missing --title and shows an example instead of asking', () => {
    const before = taskFiles();
    const run = newTask('--topic', 'parking-and-roads', '--kind', 'transaction', '--start-url', 'https://example.org/skip');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Missing --title.');
    expect(run.stderr).toContain('npm run new-task -- --title "Apply for a skip permit" --topic parking-and-roads --kind transaction --start-url https://example.org/skip');
    expect(taskFiles()).toEqual(before);
  });

  it('needs --start-url for a report, but not for information', () => {
    const report = newTask('--title', 'Report a broken bench', '--topic', 'environment-and-neighbourhood', '--kind', 'report');
    expect(report.status).toBe(2);
    expect(report.stderr).toContain('Missing --start-url.');

    const information = newTask('--title', 'Find a park near you', '--topic', 'environment-and-neighbourhood', '--kind', 'information', '--json');
    expect(information.status).toBe(0);
    expect(JSON.parse(information.stdout)).toEqual({
      path: 'content/tasks/find-a-park-near-you.md',
      slug: 'find-a-park-near-you',
      nextStep: 'Run npm run dev, then open http://localhost:4321/find-a-park-near-you. Replace the example text, then check it with npm run check:content -- content/tasks/find-a-park-near-you.md',
    });
    const problems = loadContent({ root: content, cwd: parent }).problems;
    expect(problems.filter((problem) => problem.file === 'content/tasks/find-a-park-near-you.md')).toEqual([]);
  });

  it('shows help and exits 0', () => {
    const run = newTask('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: npm run new-task');
    expect(run.stdout).toContain('--start-url');
  });
});
