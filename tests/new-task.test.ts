/**
 * npm run new-task, run as editors and scripts run it: a child process with no
 * terminal, writing into a copy of the demo content.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

function checkContent(...files: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'src/cli/check-content.ts'), ...files], {
    cwd: parent,
    encoding: 'utf8',
    env: { ...process.env, TASKFRONT_CONTENT_DIR: content },
    timeout: 60_000,
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
        'Replace each [[...]] placeholder, then check it with npm run check:content -- content/tasks/apply-for-a-skip-permit.md',
        '',
      ].join('\n'),
    );
    expect(taskFiles()).toEqual([...before, 'apply-for-a-skip-permit.md'].sort());

    const loaded = loadContent({ root: content, cwd: parent });
    expect(loaded.problems.filter((problem) => problem.file === 'content/tasks/apply-for-a-skip-permit.md')).toEqual([]);
    const task = loaded.tasks.find((item) => item.slug === 'apply-for-a-skip-permit');
    expect(task).toMatchObject({ title: 'Apply for a skip permit', topic: 'parking-and-roads', kind: 'transaction', start: { url: 'https://example.org/skip' } });
  });

  it('writes a file that check:content fails until every placeholder is replaced, naming each with its line', () => {
    expect(newTask(...skipPermit).status).toBe(0);
    const file = 'content/tasks/apply-for-a-skip-permit.md';
    const untouched = checkContent(file);
    expect(untouched.status).toBe(1);
    const placeholders = untouched.stdout.split('\n').filter((line) => line.includes('[placeholders]'));
    expect(placeholders).toEqual([
      `  error   ${file}:6 summary: replace the placeholder with the real text: [[One sentence on what people can do here, e.g. "You can apply for a skip permit online."]]  [placeholders]`,
      `  error   ${file}:13 eligibility: replace the placeholder with the real text: [[Who can use this, e.g. "Anyone who lives in Riverton."]]  [placeholders]`,
      `  error   ${file}:15 youWillNeed 1: replace the placeholder with the real text: [[Something to have ready, e.g. "your car’s registration number". One line each; delete lines you do not need]]  [placeholders]`,
      `  error   ${file}:16 cost: replace the placeholder with the real text: [[What it costs, e.g. "Free" or "£25"]]  [placeholders]`,
      `  error   ${file}:17 timeToComplete: replace the placeholder with the real text: [[How long it takes, e.g. "About 5 minutes"]]  [placeholders]`,
      `  error   ${file}:19 steps 1.title: replace the placeholder with the real text: [[Step 1, verb first, e.g. "Check you can apply"]]  [placeholders]`,
      `  error   ${file}:20 steps 1.text: replace the placeholder with the real text: [[What people do in step 1, in 1 to 3 short sentences, e.g. "Have your address ready."]]  [placeholders]`,
      `  error   ${file}:21 steps 2.title: replace the placeholder with the real text: [[Step 2, verb first, e.g. "Fill in the form"]]  [placeholders]`,
      `  error   ${file}:22 steps 2.text: replace the placeholder with the real text: [[What people do in step 2, in 1 to 3 short sentences, e.g. "Press Start and answer the questions."]]  [placeholders]`,
      `  error   ${file}:23 steps 3.title: replace the placeholder with the real text: [[Step 3, verb first, e.g. "Get an email from us"]]  [placeholders]`,
      `  error   ${file}:24 steps 3.text: replace the placeholder with the real text: [[What people do in step 3, in 1 to 3 short sentences, e.g. "We tell you what happens next."]]  [placeholders]`,
      `  error   ${file}:29 owner: replace the placeholder with the real text: [[The team that answers for this page]]  [placeholders]`,
    ]);
    // Nothing else: a placeholder is reported once, not again as prose.
    expect(untouched.stdout).toContain('1 file checked (schema, links, placeholders, plain-language, freshness, incidents): 12 errors, 0 warnings.');

    // Filled in the way an editor would, it passes.
    const path = join(parent, file);
    const filled = readFileSync(path, 'utf8')
      .replace(/^summary: .*$/m, 'summary: Get a permit to put a skip on the road outside your home.')
      .replace(/^eligibility: .*$/m, 'eligibility: Anyone who hires a skip from a licensed company.')
      .replace(/^ {2}- '\[\[Something.*$/m, '  - where the skip will go')
      .replace(/^cost: .*$/m, 'cost: £40 for 2 weeks')
      .replace(/^timeToComplete: .*$/m, 'timeToComplete: About 10 minutes')
      .replace(/title: '\[\[Step 1.*$/m, 'title: Check where the skip can go')
      .replace(/text: '\[\[What people do in step 1.*$/m, 'text: It must not block a dropped kerb.')
      .replace(/title: '\[\[Step 2.*$/m, 'title: Apply for the permit')
      .replace(/text: '\[\[What people do in step 2.*$/m, 'text: Press Start and answer the questions.')
      .replace(/title: '\[\[Step 3.*$/m, 'title: Put the permit on the skip')
      .replace(/text: '\[\[What people do in step 3.*$/m, 'text: We email it to you within 2 working days.')
      .replace(/^owner: .*$/m, 'owner: Highways Team');
    writeFileSync(path, filled);
    const done = checkContent(file);
    expect(done.stdout).toContain('1 file checked (schema, links, placeholders, plain-language, freshness, incidents): 0 errors, 0 warnings.');
    expect(done.status).toBe(0);
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
      nextStep: 'Run npm run dev, then open http://localhost:4321/find-a-park-near-you. Replace each [[...]] placeholder, then check it with npm run check:content -- content/tasks/find-a-park-near-you.md',
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
