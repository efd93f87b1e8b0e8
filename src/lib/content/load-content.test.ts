import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentData, errorsOf, formatProblem, loadContent, sharedContent, type ContentData } from './load-content.ts';
import { shareContentRead, sharedContentHeld, sharedContentReads, sharedContentReady } from './shared-content.ts';

const fixture = join(import.meta.dirname, '../../../tests/fixtures/content');
const made: string[] = [];

/** A writable copy of the fixture content, so each test can break one thing. */
function copyFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'taskfront-content-'));
  cpSync(fixture, dir, { recursive: true });
  made.push(dir);
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string) {
  const path = join(dir, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

function messages(dir: string): string[] {
  return errorsOf(loadContent({ root: dir, cwd: dir })).map(formatProblem);
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadContent', () => {
  it('loads valid content with slugs from file names and no problems', () => {
    const content = loadContent({ root: fixture, cwd: fixture });
    expect(content.problems).toEqual([]);
    expect(content.tasks.map((task) => task.slug)).toEqual(['find-opening-times', 'pay-a-bill', 'report-a-pothole']);
    expect(content.topics.map((topic) => topic.slug)).toEqual(['streets', 'money']);
    expect(content.tasks.find((task) => task.slug === 'report-a-pothole')?.body.trim()).toBe('We fix the worst holes within 24 hours.');
  });

  it('names the file, line and field of a wrong value, with the fix', () => {
    const dir = copyFixture();
    edit(dir, 'tasks/pay-a-bill.md', (text) => text.replace('https://pay.example.org/bill', 'http://pay.example.org/bill'));
    expect(messages(dir)).toEqual([
      'tasks/pay-a-bill.md:16 start.url: must be an https URL (https://…) or a path on this site starting with "/"',
    ]);
  });

  // The cases here share one shape (plant one mistake in a copy of the fixture, expect its line and message): one case per mistake an editor makes.
  it('points at the line of an impossible date', () => {
    const dir = copyFixture();
    edit(dir, 'tasks/report-a-pothole.md', (text) => text.replace('reviewBy: 2027-04-01', 'reviewBy: 2026-13-01'));
    expect(messages(dir)).toEqual(['tasks/report-a-pothole.md:27 reviewBy: "2026-13-01" is not a date: there is no month 13 (the month comes second and goes from 01 to 12, as in 2026-03-01)']);
  });

  it('reports a misspelt field by name', () => {
    const dir = copyFixture();
    edit(dir, 'tasks/find-opening-times.md', (text) => text.replace('summary:', 'summery:'));
    expect(messages(dir)).toEqual([
      'tasks/find-opening-times.md:2 summary: is missing: add this field',
      'tasks/find-opening-times.md:3 unknown field "summery": check the spelling or remove it (docs/editing.md lists the fields)',
    ]);
  });

  it('reports related tasks and topics that do not exist, with the nearest names', () => {
    const dir = copyFixture();
    edit(dir, 'tasks/report-a-pothole.md', (text) => text.replace('  - pay-a-bill', '  - pay-a-bil').replace('topic: streets', 'topic: street'));
    expect(messages(dir)).toEqual([
      'tasks/report-a-pothole.md:4 topic: "street" is not a topic: did you mean "streets"? (a topic is the name of a file in content/topics/ without .md)',
      'tasks/report-a-pothole.md:24 related 1: "pay-a-bil" is not a task: did you mean "pay-a-bill"? (a related task is the name of a file in content/tasks/ without .md)',
      'topics/streets.md:1 no task uses this topic: add tasks to it or delete the file',
    ]);
  });

  it('lists the topics when no name is near the one given', () => {
    const dir = copyFixture();
    edit(dir, 'tasks/report-a-pothole.md', (text) => text.replace('topic: streets', 'topic: housing'));
    expect(messages(dir)[0]).toBe('tasks/report-a-pothole.md:4 topic: "housing" is not a topic in content/topics/ (known: streets, money)');
  });

  it('counts steps and list entries from 1, as editors do', () => {
    const dir = copyFixture();
    edit(dir, 'tasks/report-a-pothole.md', (text) => text.replace('    text: Say if it is wider than a dinner plate.', '    text: ""'));
    expect(messages(dir)).toEqual(['tasks/report-a-pothole.md:19 steps 2.text: must not be empty']);
  });

  it('refuses file names that clash with the portal own pages', () => {
    const dir = copyFixture();
    cpSync(join(dir, 'tasks/pay-a-bill.md'), join(dir, 'tasks/search.md'));
    edit(dir, 'tasks/search.md', (text) => text.replace('title: Pay a bill', 'title: Search things'));
    expect(messages(dir)).toEqual(['tasks/search.md:1 file name "search" is used by the portal itself (/search); choose another name']);
  });

  it('refuses duplicate titles and badly named files', () => {
    const dir = copyFixture();
    cpSync(join(dir, 'tasks/pay-a-bill.md'), join(dir, 'tasks/pay-a-bill-again.md'));
    cpSync(join(dir, 'tasks/pay-a-bill.md'), join(dir, 'tasks/Pay_Bill.md'));
    edit(dir, 'tasks/Pay_Bill.md', (text) => text.replace('title: Pay a bill', 'title: Pay a bill now'));
    expect(messages(dir)).toEqual([
      'tasks/Pay_Bill.md:1 file name "Pay_Bill" must be lowercase words joined by hyphens, e.g. report-a-pothole.md',
      'tasks/pay-a-bill.md:2 title: the same title is used by tasks/pay-a-bill-again.md; titles must be unique so people can tell tasks apart',
    ]);
  });

  it('treats an empty task folder as an error, not an empty site', () => {
    const dir = copyFixture();
    for (const name of ['pay-a-bill', 'report-a-pothole', 'find-opening-times']) rmSync(join(dir, `tasks/${name}.md`));
    expect(messages(dir)).toContain('tasks:1 has no task files: the portal would be empty. Add at least one task (npm run new-task)');
  });

  it('reports broken YAML and a missing front matter fence with lines', () => {
    const dir = copyFixture();
    edit(dir, 'tasks/pay-a-bill.md', (text) => text.replace('cost: The amount on your bill', 'cost: [unclosed'));
    writeFileSync(join(dir, 'tasks/no-fence.md'), 'title: Oops\n');
    const found = messages(dir);
    expect(found).toContain('tasks/no-fence.md:1 the file must start with a line "---", then the fields, then another "---"');
    // YAML notices the unclosed list where the next field starts; the message points where it opened.
    expect(found).toEqual([
      'tasks/no-fence.md:1 the file must start with a line "---", then the fields, then another "---"',
      'tasks/pay-a-bill.md:9 cost: the "[" here opens a list that is never closed: add "]" at its end, or, if the "[" is part of the text, put all the text in quotes',
    ]);
  });

  it('asks for quotes around a summary with a colon in it', () => {
    const dir = copyFixture();
    edit(dir, 'tasks/pay-a-bill.md', (text) => text.replace('summary: Pay a bill from the council online.', 'summary: Pay a bill: online, by phone or in person.'));
    expect(messages(dir)).toEqual(['tasks/pay-a-bill.md:3 summary: put the text in quotes because it contains a colon, like this: summary: "Pay a bill: online, by phone or in person."']);
  });
});

describe('loading for a one-file check', () => {
  it('reads only the named files in full, and glances at the rest for names, titles and topics', () => {
    const dir = copyFixture();
    // Broken beyond reading: a full load reports it; a load for another file never opens its fields.
    edit(dir, 'tasks/find-opening-times.md', (text) => text.replace('summary:', 'summary: [broken\nsummery:'));
    expect(messages(dir).some((message) => message.startsWith('tasks/find-opening-times.md'))).toBe(true);
    const only = loadContent({ root: dir, cwd: dir, only: [join(dir, 'tasks/report-a-pothole.md')] });
    expect(only.problems).toEqual([]);
    expect(only.tasks.map((task) => task.slug)).toEqual(['report-a-pothole']);
    expect(only.synonyms).toEqual([]);
  });

  it('still finds a title another file uses, and a related task or topic that does not exist', () => {
    const dir = copyFixture();
    edit(dir, 'tasks/report-a-pothole.md', (text) => text.replace('title: Report a pothole', 'title: "Pay a BILL"').replace('  - pay-a-bill', '  - pay-a-bil').replace('topic: streets', 'topic: money'));
    const only = loadContent({ root: dir, cwd: dir, only: [join(dir, 'tasks/report-a-pothole.md')] });
    expect(only.problems.map(formatProblem)).toEqual([
      'tasks/report-a-pothole.md:2 title: the same title is used by tasks/pay-a-bill.md; titles must be unique so people can tell tasks apart',
      'tasks/report-a-pothole.md:24 related 1: "pay-a-bil" is not a task: did you mean "pay-a-bill"? (a related task is the name of a file in content/tasks/ without .md)',
    ]);
  });
});

describe('sharedContent', () => {
  it('reads a folder once and hands the same content to every caller until a file changes', () => {
    const dir = copyFixture();
    const first = sharedContent({ root: dir, cwd: dir });
    expect(sharedContent({ root: dir, cwd: dir })).toBe(first);
    expect(sharedContentReads({ root: dir, cwd: dir })).toBe(1);

    edit(dir, 'tasks/pay-a-bill.md', (text) => text.replace('title: Pay a bill', 'title: Pay a bill today'));
    const second = sharedContent({ root: dir, cwd: dir });
    expect(second).not.toBe(first);
    expect(second.tasks.map((task) => task.title)).toContain('Pay a bill today');
    expect(sharedContentReads({ root: dir, cwd: dir })).toBe(2);
  });

  it('hands out what another thread read (shareContentRead) once it arrives, without reading the folder', async () => {
    const dir = copyFixture();
    const options = { root: dir, cwd: dir };
    const read = Promise.withResolvers<ContentData>();
    shareContentRead(options, read.promise);
    expect(sharedContentHeld(options)).toBe(true);
    const ready = sharedContentReady(options);
    const fromThread = contentData(loadContent(options));
    read.resolve(fromThread);
    expect(await ready).toBe(fromThread);
    expect(sharedContent(options)).toBe(fromThread);
    expect(sharedContentReads(options)).toBe(1);
    // Held: an edit after the read is not seen by this build.
    edit(dir, 'tasks/pay-a-bill.md', (text) => text.replace('title: Pay a bill', 'title: Pay a bill today'));
    expect(sharedContent(options)).toBe(fromThread);
    expect(fromThread).not.toHaveProperty('sourceOf');
  });

  it('reads the folder itself when the read on another thread fails', async () => {
    const dir = copyFixture();
    const options = { root: dir, cwd: dir };
    shareContentRead(options, Promise.reject(new Error('the thread stopped')));
    const content = await sharedContentReady(options);
    expect(content.tasks.map((task) => task.slug)).toContain('pay-a-bill');
    expect(sharedContent(options)).toBe(content);
  });

  it('sees a new file, and ignores the files the inclusion rule ignores', () => {
    const dir = copyFixture();
    const first = sharedContent({ root: dir, cwd: dir });
    writeFileSync(join(dir, 'tasks/.pay-a-bill.md.swp'), 'not content');
    expect(sharedContent({ root: dir, cwd: dir })).toBe(first);
    cpSync(join(dir, 'tasks/pay-a-bill.md'), join(dir, 'tasks/pay-a-bill-again.md'));
    expect(sharedContent({ root: dir, cwd: dir }).problems.map(formatProblem)).toContain(
      'tasks/pay-a-bill.md:2 title: the same title is used by tasks/pay-a-bill-again.md; titles must be unique so people can tell tasks apart',
    );
  });
});

describe('line positions', () => {
  it('gives later checks the line of any field and of the body without reading the file again', () => {
    const content = loadContent({ root: fixture, cwd: fixture });
    const pothole = content.tasks.find((task) => task.slug === 'report-a-pothole')!;
    expect(content.lineOf(pothole.file, ['reviewBy'])).toBe(27);
    expect(readFileSync(join(fixture, pothole.file), 'utf8').split('\n')[pothole.bodyLine - 1]).toBe('We fix the worst holes within 24 hours.');
  });
});
