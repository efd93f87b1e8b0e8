import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../content/load-content.ts';
import { formatProblem } from '../content/problem.ts';
import { checkIncidents } from './incidents-check.ts';

const ROOT = join(import.meta.dirname, '../../..');
const FIXTURES = join(ROOT, 'tests/fixtures/incidents');
const content = loadContent({ root: join(ROOT, 'tests/fixtures/content'), cwd: ROOT });
const NOW = new Date('2026-11-20T11:00:00Z');

function lines(dir: string, now = NOW): string[] {
  return checkIncidents(join(FIXTURES, dir), content, ROOT, now).map((problem) => `${problem.severity} ${formatProblem(problem)}`);
}

describe('the incident content check', () => {
  it('passes valid incident files', () => {
    expect(lines('valid')).toEqual([]);
  });

  it('names the file, line, field and fix of each broken one', () => {
    const found = lines('broken');
    const base = 'tests/fixtures/incidents/broken';
    expect(found).toContain(`error ${base}/2026-11-20-unknown-task.md:4 affects[0]: "pay-a-bil" is not a task: use the name of a file in content/tasks/ without .md, or "all"`);
    expect(found).toContain(`error ${base}/2026-11-20-resolved-before-start.md:8 resolved: is before started: the incident cannot be fixed before it began; check both times and their time zones`);
    expect(found).toContain(`error ${base}/2026-11-20-resolved-but-open.md:6 status: is "investigating" but the incident has a resolved time: set status to resolved, or remove resolved if it is not fixed`);
    expect(found).toContain(`error ${base}/2026-11-20-no-time-zone.md:5 impact: must be one of: down, degraded, planned`);
    expect(found.some((line) => line.startsWith(`error ${base}/2026-11-20-no-time-zone.md:7 started: "2026-11-20 09:00" is not a date and time with a time zone`))).toBe(true);
    expect(found).toContain(`error ${base}/notes.txt:1 is not an incident file: incident files end in .md (rename it, or remove it from the folder)`);
  });

  it('warns on an open incident with no update for 24 hours, and not before', () => {
    const stale = (now: Date) => lines('broken', now).filter((line) => line.includes('2026-11-18-stale.md'));
    expect(stale(new Date('2026-11-19T08:59:00Z'))).toEqual([]);
    expect(stale(new Date('2026-11-19T09:00:00Z'))).toEqual([
      'warning tests/fixtures/incidents/broken/2026-11-18-stale.md:10 updates: the incident is open and has had no update for 24 hours (since 9am on Wednesday 18 November 2026): add an update (npm run incident -- update 2026-11-18-stale "…"), or resolve it if it is fixed',
    ]);
  });

  it('warns when the promised next update is late', () => {
    expect(lines('valid', new Date('2026-11-20T12:30:00Z'))).toEqual([
      'warning tests/fixtures/incidents/valid/2026-11-20-card-payments-down.md:9 nextUpdate: we promised an update by midday on Friday 20 November 2026: add one, even if nothing has changed',
    ]);
  });
});
