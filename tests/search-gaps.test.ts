/**
 * npm run search:gaps end to end: a real SQLite store seeded with searches, the
 * command run as a child process, its JSON and its text.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../src/lib/dates.ts';
import type { Gap } from '../src/lib/search/gaps.ts';
import { createEventStore } from '../src/lib/tracking/storage/event-store.ts';
import { openSqlite } from '../src/lib/tracking/storage/sqlite.ts';
import type { StoredEvent } from '../src/schemas/events.ts';

const ROOT = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'taskfront-gaps-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const times = (count: number, event: Record<string, unknown>) => Array.from({ length: count }, () => ({ id: randomUUID(), day: today(), ...event }) as StoredEvent);

async function seed(file: string, events: StoredEvent[]) {
  const store = createEventStore(openSqlite(file));
  await store.insert(events);
  await store.close();
}

function gaps(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [join(ROOT, 'src/cli/search-gaps.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', TASKFRONT_CONTENT_DIR: '', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run search:gaps', () => {
  const db = join(dir, 'events.sqlite');
  beforeAll(() =>
    seed(db, [
      ...times(12, { type: 'search', query: 'skip hire', results: 0 }),
      ...times(11, { type: 'search', query: 'Bin day', results: 4 }),
      ...times(11, { type: 'search_click', query: 'bin day', task: 'find-your-bin-collection-day', rank: 1 }),
      ...times(3, { type: 'search', query: 'rare', results: 0 }),
    ]),
  );

  it('reports the gaps as JSON, with a suggestion for each', () => {
    const { status, stdout, stderr } = gaps(['--json'], { TASKFRONT_DB: db });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as { store: string; min: number; searches: number; gaps: Gap[] };
    expect(report.store).toBe(`SQLite at ${db}`);
    expect(report.min).toBe(10);
    expect(report.searches).toBe(26);
    expect(report.gaps.map((gap) => gap.query)).toEqual(['skip hire']);
    const [gap] = report.gaps;
    expect(gap).toMatchObject({ query: 'skip hire', searches: 12, zeroResults: 12, clicks: 0, reason: 'zero-results' });
    expect(['keyword', 'synonym', 'new-task']).toContain(gap!.suggestion.kind);
    expect(gap!.suggestion.yaml).toContain('skip hire');
    expect(gap!.text).toContain('"skip hire" — searched 12 times, 12 found nothing');
  });

  it('prints the store, the period, one block per gap and the counts', () => {
    const { status, stdout } = gaps([], { TASKFRONT_DB: db });
    expect(status).toBe(0);
    expect(stdout).toContain(`SQLite at ${db}`);
    expect(stdout).toMatch(/searches from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/);
    expect(stdout).toContain('"skip hire" — searched 12 times, 12 found nothing');
    expect(stdout).toContain('- skip hire');
    expect(stdout).not.toContain('"rare"');
    expect(stdout).not.toContain('"bin day"');
    expect(stdout.trim().split('\n').at(-1)).toMatch(/^1 gap: /);
    // --min lowers the bar: "rare" appears, "bin day" (every search clicked) still does not.
    const low = gaps(['--min', '3'], { TASKFRONT_DB: db }).stdout;
    expect(low).toContain('"rare" — searched 3 times, 3 found nothing');
    expect(low).not.toContain('"bin day"');
  });

  it('says what to do when nothing was recorded', async () => {
    const empty = join(dir, 'empty.sqlite');
    await createEventStore(openSqlite(empty)).close();
    const { status, stdout } = gaps([], { TASKFRONT_DB: empty });
    expect(status).toBe(0);
    expect(stdout).toMatch(/^No searches recorded since \d{4}-\d{2}-\d{2} in SQLite at .*empty\.sqlite\. Run the portal, or npm run demo:traffic, first\.\n$/);
  });

  it('never creates a store where there is none, and says so', () => {
    const missing = join(dir, 'missing.sqlite');
    const { status, stderr } = gaps([], { TASKFRONT_DB: missing });
    expect(status).toBe(2);
    expect(stderr).toContain(`there is no events database at ${missing} yet`);
    expect(existsSync(missing)).toBe(false);
  });

  it('refuses wrong options with exit code 2 and the fix', () => {
    for (const [args, message] of [
      [['--min', '0'], '--min must be a whole number of 1 or more'],
      [['--min', '2.5'], '--min must be a whole number of 1 or more'],
      [['--low-ctr', '20'], '--low-ctr must be a number from 0 to 1'],
      [['--since', '2026-02-30'], '--since must be a date written as YYYY-MM-DD'],
      [['--colour'], 'Unknown option --colour. Run npm run search:gaps -- --help to see the options.'],
      [['--min'], 'Option --min needs a value, e.g. --min 10.'],
    ] as const) {
      const { status, stdout, stderr } = gaps([...args], { TASKFRONT_DB: db });
      expect(status, args.join(' ')).toBe(2);
      expect(stderr).toContain(message);
      // One plain line, not the whole help, and nothing on stdout for a script to mistake for a report.
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stdout).toBe('');
    }
  });

  it('--write adds keyword suggestions to the task files, and only prints synonyms', async () => {
    const content = join(dir, 'content');
    cpSync(join(ROOT, 'tests/fixtures/content'), content, { recursive: true });
    const writeDb = join(dir, 'write.sqlite');
    await seed(writeDb, [...times(10, { type: 'search', query: 'pavement hole', results: 0 }), ...times(10, { type: 'search', query: 'pothloe', results: 0 })]);
    const before = readFileSync(join(content, 'tasks/report-a-pothole.md'), 'utf8');

    const { status, stdout } = gaps(['--write'], { TASKFRONT_DB: writeDb, TASKFRONT_CONTENT_DIR: content });
    expect(status).toBe(0);
    expect(stdout).toContain('Wrote');
    expect(stdout).toContain('added "pavement hole" to its keywords');
    expect(stdout).toContain('Synonyms are not written');
    expect(readFileSync(join(content, 'tasks/report-a-pothole.md'), 'utf8')).toBe(before.replace('  - road damage\n', '  - road damage\n  - pavement hole\n'));

    // Run again: the keyword is there now, so search finds the task and nothing is written twice.
    const again = gaps(['--write', '--json'], { TASKFRONT_DB: writeDb, TASKFRONT_CONTENT_DIR: content });
    const report = JSON.parse(again.stdout) as { written: { added: string[] }[] };
    expect(report.written.flatMap((entry) => entry.added)).toEqual([]);
    expect(readFileSync(join(content, 'tasks/report-a-pothole.md'), 'utf8').match(/pavement hole/g)).toHaveLength(1);
  });
});
