import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../content/load-content.ts';
import { plainLanguageCheck } from './plain-language-check.ts';
import type { ProseJob } from './prose-jobs.ts';
import { runProseJobs } from './prose-pool.ts';
import type { ProseRules } from './prose.ts';

const ROOT = join(import.meta.dirname, '../../..');
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function temporary(): string {
  const dir = mkdtempSync(join(tmpdir(), 'taskfront-prose-pool-'));
  made.push(dir);
  return dir;
}

/** Sentences that break each rule, appended to every third task's body; every ninth gets a hard summary too. */
const PLANTED = [
  'You should tell us about every single pothole that you can see on any road or pavement in the whole city so that our team can go out and fix it.',
  'Your form is checked and then it is sent to the team. Please utilise the [click here](https://example.org) link prior to applying.',
  'Applicants documenting unsafe infrastructure deterioration receive acknowledgement. Maintenance prioritisation considers vulnerability. Compensation eligibility requires documentation.',
  'See [https://example.org](https://example.org). The bins are emptied on Monday.',
];

/** The demo content with problems of every kind planted, so the runs compared have much to agree on. */
function plantedCatalogue(): string {
  const dir = temporary();
  cpSync(join(ROOT, 'content'), dir, { recursive: true });
  readdirSync(join(dir, 'tasks'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .forEach((name, index) => {
      if (index % 3) return;
      const file = join(dir, 'tasks', name);
      let text = `${readFileSync(file, 'utf8').trimEnd()}\n\n${PLANTED[(index / 3) % PLANTED.length]}\n`;
      if (index % 9 === 0) text = text.replace(/^summary: .*$/m, 'summary: Prior to commencing, residents must utilise the municipal administration portal, which is maintained by the council.');
      writeFileSync(file, text);
    });
  return dir;
}

describe('the plain-language check in parallel and from its cache', () => {
  it('finds exactly what the serial run finds, in the same order, in parallel and then from the cache, on a catalogue with planted problems', { timeout: 120_000 }, async () => {
    const root = plantedCatalogue();
    const content = loadContent({ root, cwd: root });
    const base = { content, root, cwd: root, today: '2026-11-23', scope: 'all' } as const;
    const cacheDir = temporary();
    const serial = await plainLanguageCheck.run({ ...base, threads: 1 });
    // As runChecks does it: the workers start before the run, while the content would load.
    plainLanguageCheck.prepare!({ root, scope: 'all', threads: 3 });
    const parallel = await plainLanguageCheck.run({ ...base, threads: 3, cacheDir });
    const warm = await plainLanguageCheck.run({ ...base, threads: 2, cacheDir });

    // Every kind of finding is among them, and the page-level message, so the comparison covers each path.
    const messages = serial.map((problem) => problem.message).join('\n');
    for (const part of ['sentence has', 'words to avoid', 'is passive', 'link text', 'the page reads at age', 'lifts the whole page']) expect(messages).toContain(part);
    expect(parallel).toEqual(serial);
    expect(warm).toEqual(serial);
  });
});

// 800 texts through retext: seconds on a quiet machine, far more on a busy one.
describe('runProseJobs', { timeout: 120_000 }, () => {
  const rules: ProseRules = { readingAge: 9, maxSentenceWords: 25, wordsToAvoid: { utilise: 'use' } };
  // Enough distinct texts for a worker thread to start.
  const texts = Array.from({ length: 400 }, (_, index) => `Please utilise form ${'abcdefghij'[index % 10]}${index}. It is sent to us on day ${index}.`);
  const jobs: ProseJob[] = texts.flatMap((text) => [{ kind: 'text' as const, text }, { kind: 'reading' as const, text }, { kind: 'text' as const, text }]);

  it('checks each distinct text once, spreads the work over threads, and gives each text its own result', async () => {
    const run = await runProseJobs(jobs, rules, { threads: 2 });
    expect(run.stats).toEqual({ distinct: 800, fromCache: 0, workers: 1 });
    const [finding] = run.resultOf({ kind: 'text', text: texts[7]! }) as { message: string }[];
    expect(finding?.message).toContain('"utilise" (use "use")');
    expect(finding?.message).toContain('form h7');
    expect(() => run.resultOf({ kind: 'markdown', text: texts[7]! })).toThrow(/not among the jobs run/);
  });

  it('reuses kept results for unchanged texts only, and none after the rules change', async () => {
    const cacheDir = temporary();
    expect((await runProseJobs(jobs, rules, { cacheDir })).stats.fromCache).toBe(0);
    const changed: ProseJob[] = [...jobs.slice(0, -3), { kind: 'text', text: 'A new text is utilised.' }];
    // The last text is gone and a new one came: 798 kept, 1 checked.
    expect((await runProseJobs(changed, rules, { cacheDir })).stats).toEqual({ distinct: 799, fromCache: 798, workers: 0 });

    const stricter: ProseRules = { ...rules, wordsToAvoid: { ...rules.wordsToAvoid, form: 'page' } };
    const again = await runProseJobs(changed, stricter, { cacheDir });
    expect(again.stats.fromCache).toBe(0);
    expect((again.resultOf({ kind: 'text', text: texts[7]! }) as { message: string }[])[0]?.message).toContain('"form" (use "page")');
    // Results kept for the old rules can never match again, so their file goes.
    expect(readdirSync(cacheDir)).toHaveLength(1);
  });

  it('starts afresh from a cache file that cannot be read', async () => {
    const cacheDir = temporary();
    await runProseJobs(jobs.slice(0, 6), rules, { cacheDir });
    const [file] = readdirSync(cacheDir);
    writeFileSync(join(cacheDir, file!), '[["cut short');
    expect((await runProseJobs(jobs.slice(0, 6), rules, { cacheDir })).stats).toMatchObject({ fromCache: 0, distinct: 4 });
  });
});
