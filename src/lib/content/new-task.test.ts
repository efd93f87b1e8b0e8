import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SERVICE_KINDS, taskSchema, type ServiceData } from '../../schemas/task.ts';
import { addMonths } from '../dates.ts';
import { parseFrontMatter } from './front-matter.ts';
import { checkNewTask, keywordsFor, nextStepLines, renderTaskFile, slugify, type NewTaskInput } from './new-task.ts';

const context = { existingSlugs: new Set(['report-a-pothole', 'pay-your-council-tax']), topics: ['bins-and-recycling', 'parking-and-roads'] };
const good: NewTaskInput = { title: 'Apply for a skip permit', topic: 'parking-and-roads', kind: 'transaction', startUrl: 'https://example.org/skip' };
const check = (change: Partial<NewTaskInput>) => checkNewTask({ ...good, ...change }, context);

describe('slugify', () => {
  it.each([
    ['Apply for a skip permit', 'apply-for-a-skip-permit'],
    ['Report a dog’s mess', 'report-a-dogs-mess'],
    ["Report a dog's mess", 'report-a-dogs-mess'],
    ['Book a café or crèche', 'book-a-cafe-or-creche'],
    ['  Pay   your council tax!  ', 'pay-your-council-tax'],
    ['Births, deaths & ceremonies', 'births-deaths-and-ceremonies'],
    ['Get a 2nd bin -- quickly', 'get-a-2nd-bin-quickly'],
    ['Hire Straße Hall', 'hire-strasse-hall'],
    ['?!', ''],
  ])('%j → %j', (title, slug) => {
    // it.each tables share their shape across tests (headers, dates, slugs): one row a case, the way vitest reads them.
    expect(slugify(title)).toBe(slug);
  });
});

describe('checkNewTask', () => {
  it('finds nothing wrong with a good transaction, report or information task', () => {
    expect(check({})).toEqual([]);
    expect(check({ kind: 'report', startUrl: '/demo-service/skip' })).toEqual([]);
    expect(check({ kind: 'information', startUrl: undefined })).toEqual([]);
  });

  it('says how to fix an empty title', () => {
    expect(check({ title: '  ' })).toEqual(['The title is empty: give the task a title that starts with a verb, for example "Apply for a skip permit"']);
  });

  it('says how to fix a title without a capital letter', () => {
    expect(check({ title: 'apply for a skip permit' })).toEqual(['The title must start with a capital letter: write "Apply for a skip permit"']);
    expect(check({ title: '3 ways to pay' })).toEqual(['The title must start with a capital letter and a verb, for example "Apply for a skip permit"']);
  });

  it('refuses a title longer than the schema allows', () => {
    expect(check({ title: `Apply ${'a'.repeat(90)}` })).toEqual(['The title is 96 characters long: shorten it to 90 characters or fewer']);
  });

  it('refuses a task that exists', () => {
    expect(check({ title: 'Report a pothole' })).toEqual(['content/tasks/report-a-pothole.md already exists: choose another title, or edit that file']);
    expect(check({ title: 'Report a Pothole!' })).toEqual(['content/tasks/report-a-pothole.md already exists: choose another title, or edit that file']);
  });

  it('refuses an address the portal uses itself', () => {
    expect(check({ title: 'Search' })).toEqual(['"Search" would use the address /search, which the portal uses itself: choose another title']);
    expect(check({ title: 'About' })).toEqual(['"About" would use the address /about, which the portal uses itself: choose another title']);
  });

  it('lists the topics when the topic is unknown or missing', () => {
    expect(check({ topic: 'parks' })).toEqual(['"parks" is not a topic: use one of bins-and-recycling, parking-and-roads']);
    expect(check({ topic: '' })).toEqual(['The topic is missing: use one of bins-and-recycling, parking-and-roads']);
    expect(checkNewTask(good, { ...context, topics: [] })).toEqual(['"parking-and-roads" is not a topic: use one of none yet: add a topic file to content/topics/ first']);
  });

  it('names the three kinds', () => {
    const fix = ': use transaction (pay, apply or book), report (tell us about a problem) or information (find something out)';
    expect(check({ kind: 'service' })).toEqual([`"service" is not a kind of task${fix}`]);
    expect(check({ kind: '' })).toEqual([`The kind is missing${fix}`]);
  });

  it('needs a start URL for a transaction or a report', () => {
    expect(check({ startUrl: undefined })).toEqual([
      'A transaction needs a start URL for its Start button: give the https address of the service, or a path on this site starting with "/"',
    ]);
    expect(check({ kind: 'report', startUrl: ' ' })).toEqual([
      'A report needs a start URL for its Start button: give the https address of the service, or a path on this site starting with "/"',
    ]);
  });

  it('refuses a start URL for an information page, which has no Start button', () => {
    expect(check({ kind: 'information', startUrl: 'https://example.org/parks' })).toEqual([
      'An information page has no Start button (its answer is on the page): leave out the start URL, or choose transaction or report if people do something online',
    ]);
  });

  it('refuses a start URL that is not https or a path on this site', () => {
    const fix = 'cannot be the start URL: use an https address (https://…) or a path on this site starting with "/"';
    expect(check({ startUrl: 'http://example.org/skip' })).toEqual([`"http://example.org/skip" ${fix}`]);
    expect(check({ startUrl: 'example.org/skip' })).toEqual([`"example.org/skip" ${fix}`]);
    expect(check({ startUrl: '//example.org/skip' })).toEqual([`"//example.org/skip" ${fix}`]);
    expect(check({ kind: 'report', startUrl: 'javascript:alert(1)' })).toEqual([`"javascript:alert(1)" ${fix}`]);
  });

  it('reports every problem at once', () => {
    expect(checkNewTask({ title: '', topic: 'x', kind: 'y' }, context)).toHaveLength(3);
  });
});

describe('renderTaskFile', () => {
  const inputs: Record<string, NewTaskInput> = {
    transaction: good,
    report: { title: 'Report a dog’s mess: "quick"', topic: 'bins-and-recycling', kind: 'report', startUrl: '/demo-service/dog-mess' },
    information: { title: 'Find out about parks', topic: 'bins-and-recycling', kind: 'information' },
  };

  it.each(SERVICE_KINDS)('writes a %s that parses and passes the task schema', (kind) => {
    const input = inputs[kind]!;
    const parsed = parseFrontMatter(renderTaskFile(input, '2026-10-14'));
    expect(parsed.syntaxErrors).toEqual([]);
    const result = taskSchema.safeParse(parsed.data);
    expect(result.error?.issues ?? []).toEqual([]);
    const task = result.data!;
    expect(task.title).toBe(input.title);
    expect(task.kind).toBe(kind);
    expect(task.topic).toBe(input.topic);
    expect(task.start?.url).toBe(input.startUrl);
    expect(task.related).toEqual([]);
    expect(task.keywords.length).toBeGreaterThanOrEqual(3);
    expect(task.owner).toBe('[[The team that answers for this page]]');
    expect(parsed.body.trim()).toBe('');
  });

  it('gives an information task no Start button', () => {
    expect((parseFrontMatter(renderTaskFile(inputs.information!, '2026-10-14')).data as { start?: unknown }).start).toBeUndefined();
  });

  it('leaves what only the editor knows as [[placeholders]] saying what to write, never a guess', () => {
    const task = parseFrontMatter(renderTaskFile(good, '2026-10-14')).data as Record<string, unknown>;
    expect(task.summary).toBe('[[One sentence on what people can do here, e.g. "You can apply for a skip permit online."]]');
    expect(task.eligibility).toBe('[[Who can use this, e.g. "Anyone who lives in Riverton."]]');
    expect(task.cost).toBe('[[What it costs, e.g. "Free" or "£25"]]');
    expect(task.timeToComplete).toBe('[[How long it takes, e.g. "About 5 minutes"]]');
    expect(task.steps).toEqual([
      { title: '[[Step 1, verb first, e.g. "Check you can apply"]]', text: '[[What people do in step 1, in 1 to 3 short sentences, e.g. "Have your address ready."]]' },
      { title: '[[Step 2, verb first, e.g. "Fill in the form"]]', text: '[[What people do in step 2, in 1 to 3 short sentences, e.g. "Press Start and answer the questions."]]' },
      { title: '[[Step 3, verb first, e.g. "Get an email from us"]]', text: '[[What people do in step 3, in 1 to 3 short sentences, e.g. "We tell you what happens next."]]' },
    ]);
    // What the title and the options already say is filled in for real.
    expect(task.start).toEqual({ label: 'Apply for a skip permit', url: 'https://example.org/skip' });
    expect(task.keywords).toEqual(['apply for a skip permit', 'skip permit', 'apply skip permit']);
  });

  it('keeps names in the summary example as they are written', () => {
    const task = parseFrontMatter(renderTaskFile({ ...good, title: 'Apply for a Blue Badge' }, '2026-10-14')).data as { summary: string };
    expect(task.summary).toContain('e.g. "You can apply for a Blue Badge online."');
  });

  it('writes examples that use none of the words to avoid, each under 20 words', () => {
    const avoid = Object.keys(parse(readFileSync(join(import.meta.dirname, '../../../content/style/words-to-avoid.yml'), 'utf8')) as Record<string, string>);
    for (const kind of SERVICE_KINDS) {
      const task = taskSchema.parse(parseFrontMatter(renderTaskFile(inputs[kind]!, '2026-10-14')).data) as ServiceData;
      const prose = [task.summary, task.eligibility, ...task.youWillNeed, ...task.steps.flatMap((step) => [step.title, step.text])];
      for (const text of prose) {
        const example = /e\.g\. "([^"]*)"/.exec(text)?.[1] ?? '';
        for (const word of avoid) expect(example.toLowerCase(), `"${word}" in ${kind}`).not.toMatch(new RegExp(`\\b${word}\\b`));
        expect(example.split(/\s+/).length, example).toBeLessThan(20);
      }
    }
  });

  it('gives every placeholder room within its field, for the longest title', () => {
    const title = `Apply for ${'a very long permit '.repeat(5)}`.slice(0, 90).trim();
    for (const kind of SERVICE_KINDS) {
      expect(taskSchema.safeParse(parseFrontMatter(renderTaskFile({ ...inputs[kind]!, title }, '2026-10-14')).data).error?.issues ?? []).toEqual([]);
    }
  });

  it('starts the front matter with a comment telling the editor to replace each placeholder', () => {
    const lines = renderTaskFile(good, '2026-10-14').split('\n');
    expect(lines[0]).toBe('---');
    expect(lines[1]).toBe('# This is a new task. Replace every [[...]] with the real details: npm run check:content');
  });

  it('quotes values that YAML would otherwise misread', () => {
    const tricky = ['Report a problem: #1 priority', 'Yes', 'No', 'Null', 'True', "Say 'hello' to us", 'Pay £25 - or "more" - now', 'Book a room {big}'];
    for (const title of tricky) {
      const data = parseFrontMatter(renderTaskFile({ ...good, title }, '2026-10-14')).data as { title: unknown; start: { label: unknown } };
      expect(data.title).toBe(title);
      expect(data.start.label).toBe(title);
    }
  });

  it('cuts a long title at a word for the Start button', () => {
    const title = 'Apply for a temporary licence to put scaffolding or a hoarding on the pavement';
    const task = taskSchema.parse(parseFrontMatter(renderTaskFile({ ...good, title }, '2026-10-14')).data);
    expect(task.start?.label).toBe('Apply for a temporary licence to put scaffolding or a');
  });

  it.each([
    ['2026-10-14', '2027-04-14'],
    ['2026-08-31', '2027-02-28'],
    ['2027-12-01', '2028-06-01'],
  ])('sets lastReviewed to %s and reviewBy to %s, 6 months later', (today, reviewBy) => {
    const task = taskSchema.parse(parseFrontMatter(renderTaskFile(good, today)).data);
    expect(task.lastReviewed).toBe(today);
    expect(task.reviewBy).toBe(reviewBy);
    expect(task.reviewBy).toBe(addMonths(task.lastReviewed, 6));
  });
});

describe('keywordsFor', () => {
  it.each([
    ['Report a dog’s mess', ["report a dog's mess", "dog's mess", "report dog's mess"]],
    ['Pay business rates', ['pay business rates', 'business rates', 'pay business rates online']],
    ['Set up a Direct Debit', ['set up a direct debit', 'direct debit', 'set direct debit']],
    ['Register', ['register', 'register online', 'how to register']],
  ])('%j → %j', (title, keywords) => {
    expect(keywordsFor(title)).toEqual(keywords);
  });

  it('always gives at least 3 keywords of at most 60 characters', () => {
    for (const title of ['A', 'Go', `Apply ${'x'.repeat(80)}`, 'Pay for a very long named thing that goes on and on and on and on']) {
      const keywords = keywordsFor(title);
      expect(keywords.length, title).toBeGreaterThanOrEqual(3);
      for (const keyword of keywords) expect(keyword.length).toBeLessThanOrEqual(60);
    }
  });
});

describe('nextStepLines', () => {
  it('says how to see and check the page', () => {
    expect(nextStepLines('apply-for-a-skip-permit', 'content/tasks/apply-for-a-skip-permit.md')).toEqual([
      'Next: run npm run dev, then open http://localhost:4321/apply-for-a-skip-permit',
      'Replace each [[...]] placeholder, then check it with npm run check:content -- content/tasks/apply-for-a-skip-permit.md',
    ]);
  });
});
