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
    expect(result.out).toMatch(/5 files checked \(schema, links, placeholders, plain-language, freshness, search, incidents\): 0 errors, 0 warnings\./);
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
    expect(lines).toContain('error   content/tasks/report-a-pothole.md:3 summary: sentence has 40 words; keep sentences to 25 words or fewer (split it in two): "You should tell us about every single pothole that you can see on any road or…"; it lifts the whole page to reading age 9.8 (7.3 without it; aim for 9)  [plain-language]');
    expect(lines).toContain('error   content/tasks/report-a-pothole.md:10 eligibility: a word to avoid: "utilise" (use "use") (content/style/words-to-avoid.yml): "Anyone can utilise this form."  [plain-language]');
    expect(lines).toContain('error   content/tasks/report-a-pothole.md:24 related 1: "pay-a-bil" is not a task: did you mean "pay-a-bill"? (a related task is the name of a file in content/tasks/ without .md)  [links]');
    expect(lines).toContain('error   content/tasks/report-a-pothole.md:27 reviewBy: the review date 22 November 2026 has passed: check the page is still right, then set lastReviewed to today and reviewBy to a date up to 6 months ahead  [freshness]');
    // One sentence, one finding: the page's reading age is told on the long sentence, not again at line 1.
    expect(result.out).toMatch(/^content\/tasks\/report-a-pothole\.md \(4 errors, 0 warnings\)$/m);
    expect(result.out).not.toContain('report-a-pothole.md:1 ');
  });

  it('gives one long sentence one finding, at its own line', () => {
    const dir = workspace();
    const file = join(dir, 'content/tasks/report-a-pothole.md');
    const long = 'If you notice that a pothole has been dug out and repaired but the repair has sunk, cracked or broken up again within a few weeks, please report it again here.';
    writeFileSync(file, readFileSync(file, 'utf8').replace('We fix the worst holes within 24 hours.', `We fix the worst holes within 24 hours.\n\n${long}`));
    const result = check(dir, 'content/tasks/report-a-pothole.md');
    expect(result.status).toBe(1);
    const found = result.out.split('\n').filter((line) => line.includes('report-a-pothole.md:'));
    expect(found).toEqual([
      '  error   content/tasks/report-a-pothole.md:31 body: sentence has 31 words; keep sentences to 25 words or fewer (split it in two); "been dug" is passive: say who does it ("we will send" rather than "it will be sent"): "If you notice that a pothole has been dug out and repaired but the repair has…"; it lifts the whole page to reading age 9.1 (7.3 without it; aim for 9)  [plain-language]',
    ]);
  });

  // The cases below share one shape on purpose (plant a problem in a copy, run the tool, read its line): each names what an editor would see.
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
    expect(result.out).toContain('content/tasks/pay-a-bill.md:20 reviewBy: "2026-13-01" is not a date: there is no month 13 (the month comes second and goes from 01 to 12, as in 2026-03-01)  [schema]');
  });

  it('says which day a month does not have', () => {
    const dir = workspace();
    const file = join(dir, 'content/tasks/pay-a-bill.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('reviewBy: 2027-04-01', 'reviewBy: 2027-02-30'));
    const result = check(dir, 'content/tasks/pay-a-bill.md');
    expect(result.status).toBe(1);
    expect(result.out).toContain('  error   content/tasks/pay-a-bill.md:20 reviewBy: "2027-02-30" is not a date: February 2027 has no 30th; its last day is 2027-02-28  [schema]');
  });

  it('asks for quotes around a summary with a colon, on its line', () => {
    const dir = workspace();
    const file = join(dir, 'content/tasks/pay-a-bill.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('summary: Pay a bill from the council online.', 'summary: Pay a bill: online or by phone.'));
    const result = check(dir, 'content/tasks/pay-a-bill.md');
    expect(result.status).toBe(1);
    expect(result.out.split('\n').filter((line) => line.includes('pay-a-bill.md:'))).toEqual([
      '  error   content/tasks/pay-a-bill.md:3 summary: put the text in quotes because it contains a colon, like this: summary: "Pay a bill: online or by phone."  [schema]',
    ]);
  });

  it('offers the nearest topic for a misspelt one', () => {
    const dir = workspace();
    const file = join(dir, 'content/tasks/report-a-pothole.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('topic: streets', 'topic: stretes'));
    const result = check(dir, 'content/tasks/report-a-pothole.md');
    expect(result.status).toBe(1);
    expect(result.out).toContain('  error   content/tasks/report-a-pothole.md:4 topic: "stretes" is not a topic: did you mean "streets"? (a topic is the name of a file in content/topics/ without .md)  [links]');
  });

  it('checks one file without reading the fields of the others, and says what waits for the full run', () => {
    const dir = workspace();
    // Another file broken beyond reading: only a check of everything reports it.
    writeFileSync(join(dir, 'content/tasks/pay-a-bill.md'), readFileSync(join(dir, 'content/tasks/pay-a-bill.md'), 'utf8').replace('cost: The amount on your bill', 'cost: [unclosed'));
    const one = check(dir, 'content/tasks/report-a-pothole.md');
    expect(one.status).toBe(0);
    expect(one.out).toContain('Not run: search ranks every task against the others, so it runs when all files are checked (npm run check:content with no file names).');
    expect(one.out).toMatch(/^1 file checked \(schema, links, placeholders, plain-language, freshness, incidents\): 0 errors, 0 warnings\. \(\d+\.\d\d s\)$/m);
    expect(check(dir).status).toBe(1);
  });

  it('refuses a file name that does not exist, with exit 2', () => {
    const result = check(workspace(), 'content/tasks/report-a-pothle.md');
    expect(result.status).toBe(2);
    expect(result.err).toContain('content/tasks/report-a-pothle.md does not exist: check the spelling and the folder, e.g. content/tasks/report-a-pothole.md');
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
