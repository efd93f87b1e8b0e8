/** Journeys and the contact file through the one content loader: links checked, lines named. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { errorsOf, formatProblem, loadContent } from './load-content.ts';

const fixture = join(import.meta.dirname, '../../../tests/fixtures/content');
const made: string[] = [];

const JOURNEY = `---
title: Looking after your street
summary: What to do when something on your street needs fixing or paying for.
keywords: [street problems, my road]
steps:
  - title: Report the problem
    tasks:
      - report-a-pothole
  - title: Pay what you owe
    tasks:
      - find-opening-times
      - or: pay-a-bill
---
`;

function withJourney(journey = JOURNEY): string {
  const dir = mkdtempSync(join(tmpdir(), 'taskfront-journeys-'));
  cpSync(fixture, dir, { recursive: true });
  mkdirSync(join(dir, 'journeys'));
  writeFileSync(join(dir, 'journeys/street.md'), journey);
  made.push(dir);
  return dir;
}

const messages = (dir: string) => errorsOf(loadContent({ root: dir, cwd: dir })).map(formatProblem);

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('journeys in the content loader', () => {
  it('loads a journey with its slug, steps and joins', () => {
    const content = loadContent({ root: withJourney(), cwd: fixture });
    expect(content.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(content.journeys.map((journey) => [journey.slug, journey.steps.map((step) => step.tasks)])).toEqual([
      ['street', [[{ task: 'report-a-pothole', join: null }], [{ task: 'find-opening-times', join: null }, { task: 'pay-a-bill', join: 'or' }]]],
    ]);
  });

  it('has no journeys, and no problem, when the folder is absent', () => {
    const content = loadContent({ root: fixture, cwd: fixture });
    expect(content.journeys).toEqual([]);
    expect(errorsOf(content)).toEqual([]);
  });

  it('names an unknown task at its line, with the step counted from 1 and the nearest slug', () => {
    const dir = withJourney(JOURNEY.replace('      - or: pay-a-bill', '      - or: pay-a-bil'));
    expect(messages(dir)).toEqual([
      'journeys/street.md:12 steps[1].tasks[1]: step 2: "pay-a-bil" is not a task (did you mean "pay-a-bill"?): use the file name of a task in content/tasks/ without .md',
    ]);
  });

  it('offers no guess when nothing is close', () => {
    const dir = withJourney(JOURNEY.replace('      - report-a-pothole', '      - register-a-birth'));
    expect(messages(dir)).toEqual([
      'journeys/street.md:8 steps[0].tasks[0]: step 1: "register-a-birth" is not a task: use the file name of a task in content/tasks/ without .md',
    ]);
  });
});

describe('the contact file in the content loader', () => {
  it('is required: a council with no contact page is told how to make one', () => {
    const dir = withJourney();
    rmSync(join(dir, 'contact.yml'));
    expect(messages(dir)).toEqual([
      'contact.yml:1 is missing: every council needs a contact page (/contact). Copy content/contact.yml from the demo and change the numbers, address and hours',
    ]);
  });

  it('checks that the complaints task exists', () => {
    const dir = withJourney();
    const path = join(dir, 'contact.yml');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('task: pay-a-bill', 'task: pay-the-bill'));
    const line = text.split('\n').findIndex((row) => row.includes('task: pay-a-bill')) + 1;
    expect(messages(dir)).toEqual([`contact.yml:${line} complaints.task: "pay-the-bill" is not a task (did you mean "pay-a-bill"?): use the file name of a task in content/tasks/ without .md`]);
  });

  // Same shape as the case above (plant one mistake in contact.yml, expect its line and fix): one case per mistake an editor makes.
  it('names a number written with dashes at its line', () => {
    const dir = withJourney();
    const path = join(dir, 'contact.yml');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('number: 01632 960 200', 'number: 01632-960-200'));
    const line = text.split('\n').findIndex((row) => row.includes('number: 01632 960 200')) + 1;
    expect(messages(dir)).toEqual([
      `contact.yml:${line} phones[1].number: "01632-960-200" is not a phone number: use digits and spaces only, e.g. "01632 960 000" (write words such as "free" in the hours or the label)`,
    ]);
  });
});
