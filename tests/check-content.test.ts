import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/site.ts';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A project-like folder with a copy of the fixture content, to break on purpose. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'taskfront-check-'));
  made.push(dir);
  cpSync(join(ROOT, 'tests/fixtures/content'), join(dir, 'content'), { recursive: true });
  cpSync(join(ROOT, 'content/style'), join(dir, 'content/style'), { recursive: true });
  return dir;
}

function check(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'src/cli/check-content.ts'), '--today', '2026-11-23', ...args], { cwd, encoding: 'utf8', env: { ...process.env, TASKFRONT_CONTENT_DIR: '' } });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

describe('npm run check:content', () => {
  it('passes clean content with exit 0', () => {
    const result = check(workspace());
    expect(result.status).toBe(0);
    expect(result.out).toMatch(/5 files checked \(schema, links, plain-language, freshness, search, incidents\): 0 errors, 0 warnings\./);
  });

  it('fails a broken incident file, naming the file, line, field and fix', () => {
    const dir = workspace();
    mkdirSync(join(dir, 'content/incidents'));
    writeFileSync(join(dir, 'content/incidents/2026-11-20-card-payments.md'), '---\ntitle: Card payments are not working\naffects:\n  - pay-a-bil\nimpact: down\nstatus: investigating\nstarted: 2026-11-20T09:00:00Z\nresolved: 2026-11-20T08:00:00Z\nworkaround: Call 01632 960 200.\nupdates:\n  - at: 2026-11-20T09:00:00Z\n    text: We are looking into it.\n---\n');
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.out).toContain('content/incidents/2026-11-20-card-payments.md:4 affects[0]: "pay-a-bil" is not a task: use the name of a file in content/tasks/ without .md, or "all"');
    expect(result.out).toContain('content/incidents/2026-11-20-card-payments.md:6 status: is "investigating" but the incident has a resolved time: set status to resolved, or remove resolved if it is not fixed');
    expect(result.out).toContain('content/incidents/2026-11-20-card-payments.md:8 resolved: is before started');
  });

  it('names every problem of a broken task with its file and line, and exits 1', () => {
    const dir = workspace();
    const file = join(dir, 'content/tasks/report-a-pothole.md');
    const forty = 'You should tell us about every single pothole that you can see on any road or pavement in the whole city so that our team can go out and fix it for you and for everyone who uses it daily.';
    writeFileSync(file, readFileSync(file, 'utf8')
      .replace('summary: Tell us about a hole in a road or pavement.', `summary: ${forty}`)
      .replace('eligibility: Anyone can report a pothole.', 'eligibility: Anyone can utilise this form.')
      .replace('  - pay-a-bill', '  - pay-a-bil')
      .replace('reviewBy: 2027-04-01', 'reviewBy: 2026-11-22'));
    const result = check(dir);
    expect(result.status).toBe(1);
    const lines = result.out.split('\n').map((line) => line.trim());
    expect(lines).toContain('error   content/tasks/report-a-pothole.md:3 summary: sentence has 40 words; keep sentences to 25 words or fewer (split it in two): "You should tell us about every single pothole that you can see on any road or…"  [plain-language]');
    expect(lines).toContain('error   content/tasks/report-a-pothole.md:10 eligibility: "utilise" is a word to avoid: use "use" instead (content/style/words-to-avoid.yml)  [plain-language]');
    expect(lines).toContain('error   content/tasks/report-a-pothole.md:24 related[0]: "pay-a-bil" is not a task: use the file name of a task in content/tasks/ without .md  [links]');
    expect(lines).toContain('error   content/tasks/report-a-pothole.md:27 reviewBy: the review date 22 November 2026 has passed: check the page is still right, then set lastReviewed to today and reviewBy to a date up to 6 months ahead  [freshness]');
    expect(result.out).toMatch(/^content\/tasks\/report-a-pothole\.md \(\d+ errors, \d+ warnings?\)$/m);
  });

  it('warns, without failing, when a review is due within 30 days', () => {
    const dir = workspace();
    const file = join(dir, 'content/tasks/pay-a-bill.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('reviewBy: 2027-04-01', 'reviewBy: 2026-12-10'));
    const result = check(dir);
    expect(result.status).toBe(0);
    expect(result.out).toContain('  warning content/tasks/pay-a-bill.md:20 reviewBy: due for review in 17 days (10 December 2026): plan the review  [freshness]');
  });

  it('reports schema errors with line, field and fix', () => {
    const dir = workspace();
    const file = join(dir, 'content/tasks/pay-a-bill.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('reviewBy: 2027-04-01', 'reviewBy: 2026-13-01'));
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.out).toContain('content/tasks/pay-a-bill.md:20 reviewBy: "2026-13-01" is not a date (use YYYY-MM-DD)  [schema]');
  });

  it('checks only the files named, and speaks JSON and GitHub annotations', () => {
    const dir = workspace();
    const file = join(dir, 'content/tasks/pay-a-bill.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('reviewBy: 2027-04-01', 'reviewBy: 2026-11-01'));
    expect(check(dir, 'content/tasks/report-a-pothole.md').status).toBe(0);
    const json = JSON.parse(check(dir, '--json').out) as { errors: number; problems: { file: string; line: number; check: string }[] };
    expect(json.errors).toBe(1);
    expect(json.problems[0]).toMatchObject({ file: 'content/tasks/pay-a-bill.md', line: 20, check: 'freshness' });
    expect(check(dir, '--format', 'github').out).toMatch(/^::error file=content\/tasks\/pay-a-bill\.md,line=20,title=freshness%3A reviewBy::the review date 1 November 2026 has passed/);
  });

  it('fails when a search expectation stops finding its task', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'content/search/expectations.yml'), '- query: "hole in road"\n  task: report-a-pothole\n- query: "opening hours"\n  task: pay-a-bill\n');
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.out).toMatch(/content\/search\/expectations\.yml:3 "opening hours" should find pay-a-bill in the top 3, but it is not found/);
  });

  it('explains bad options with exit 2', () => {
    const result = check(workspace(), '--format', 'xml');
    expect(result.status).toBe(2);
    expect(result.err).toContain('--format must be text, json or github (got "xml")');
  });
});
