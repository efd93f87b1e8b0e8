import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { errorsOf, loadContent } from '../content/load-content.ts';
import type { QueryOutcome } from '../tracking/storage/types.ts';
import { createSearchEngine, type SearchDoc } from './engine.ts';
import { applyKeywordSuggestions, findGaps, type Gap } from './gaps.ts';
import { toSearchData } from './search-data.ts';

const doc = (slug: string, title: string, summary: string, keywords: string[], steps: string[] = []): SearchDoc => ({ slug, title, summary, kind: 'transaction', keywords, steps });

// A small made-up catalogue, alike in shape to engine.test's: each suite keeps the documents its cases are about.
const engine = createSearchEngine({
  docs: [
    doc('report-a-missed-bin-collection', 'Report a missed bin collection', 'Tell us if we did not empty your bin.', ['missed bin', 'bin not emptied']),
    doc('find-your-bin-collection-day', 'Find your bin collection day', 'See which day we empty your bins.', ['bin day', 'collection day']),
    doc('pay-your-council-tax', 'Pay your council tax', 'Pay your council tax bill online.', ['council tax bill', 'pay ctax']),
    doc('find-a-recycling-centre', 'Find a recycling centre', 'Opening times of the recycling centres.', ['recycling centre', 'household waste site']),
    doc('report-a-pothole', 'Report a pothole', 'Tell us about a hole in the road.', ['pothole', 'hole in road'], ['Mark the spot on the map']),
    doc('book-a-bulky-waste-collection', 'Book a bulky waste collection', 'We take away sofas, fridges and beds from your home.', ['bulky waste', 'skip', 'large items']),
  ],
  synonyms: [{ use: 'bin', for: ['rubbish', 'trash'] }],
  bestBets: [],
});

const outcome = (query: string, searches: number, zeroResults: number, clicks: number): QueryOutcome => ({ query, searches, zeroResults, clicks });
const options = { min: 10, lowClickThrough: 0.2 };
const gapFor = (query: string, searches = 10, zeroResults = searches, clicks = 0) => {
  const [gap] = findGaps([outcome(query, searches, zeroResults, clicks)], engine, options);
  expect(gap, `"${query}" should be a gap`).toBeDefined();
  return gap!;
};

describe('findGaps: which queries are gaps', () => {
  it('ignores queries searched fewer than min times', () => {
    const outcomes = [outcome('japanese knotweed', 9, 9, 0), outcome('allotment', 10, 10, 0)];
    expect(findGaps(outcomes, engine, options).map((gap) => gap.query)).toEqual(['allotment']);
    expect(findGaps(outcomes, engine, { ...options, min: 9 }).map((gap) => gap.query)).toEqual(['allotment', 'japanese knotweed']);
  });

  it('tells zero results from a low click-through, and leaves queries people click alone', () => {
    const gaps = findGaps(
      [
        outcome('sofa collection', 10, 5, 0), // half found nothing
        outcome('bin day', 20, 4, 2), // found, but 10% clicked
        outcome('pothole', 30, 0, 6), // 20% clicked: not under 0.2
        outcome('missed bin', 12, 0, 12),
      ],
      engine,
      options,
    );
    expect(gaps.map((gap) => [gap.query, gap.reason])).toEqual([
      ['bin day', 'low-click-through'],
      ['sofa collection', 'zero-results'],
    ]);
    expect(gaps[0]).toMatchObject({ searches: 20, zeroResults: 4, clicks: 2 });
    expect(findGaps([outcome('pothole', 30, 0, 6)], engine, { ...options, lowClickThrough: 0.25 })).toHaveLength(1);
  });

  it('sorts by searches, most first', () => {
    const gaps = findGaps([outcome('allotment', 11, 11, 0), outcome('fireworks', 40, 40, 0), outcome('asbestos', 25, 25, 0)], engine, options);
    expect(gaps.map((gap) => gap.searches)).toEqual([40, 25, 11]);
  });
});

describe('findGaps: what to add', () => {
  it('finds the closest task for a typo and suggests a synonym rather than a misspelt keyword', () => {
    const gap = gapFor('pothloe');
    expect(gap.task).toBe('report-a-pothole');
    expect(gap.title).toBe('Report a pothole');
    expect(gap.suggestion).toEqual({ kind: 'synonym', file: 'content/search/synonyms.yml', yaml: '- use: pothole\n  for: [pothloe]' });
    expect(gapFor('recylcing centre').task).toBe('find-a-recycling-centre');
    // Even when search corrects it and shows the task first, a synonym saves the "Did you mean" detour.
    expect(gapFor('pothloe', 30, 0, 1).suggestion.kind).toBe('synonym');
  });

  it('suggests a synonym when the query is another wording of a keyword the task has', () => {
    const gap = gapFor('skip hire', 17);
    expect(gap).toMatchObject({ task: 'book-a-bulky-waste-collection', reason: 'zero-results' });
    expect(gap.suggestion).toEqual({ kind: 'synonym', file: 'content/search/synonyms.yml', yaml: '- use: skip\n  for: [skip hire]' });
    expect(gap.text).toBe(
      [
        '"skip hire" — searched 17 times, 17 found nothing',
        '  Closest task: Book a bulky waste collection (book-a-bulky-waste-collection)',
        `  ${gap.note}`,
        '  Add to content/search/synonyms.yml:',
        '    - use: skip',
        '      for: [skip hire]',
      ].join('\n'),
    );
  });

  it('suggests a synonym for words written apart that the task writes as one', () => {
    const gap = gapFor('pot hole');
    expect(gap.task).toBe('report-a-pothole');
    expect(gap.suggestion.yaml).toBe('- use: pothole\n  for: [pot hole]');
  });

  it('suggests a keyword when every word already belongs to the task', () => {
    const gap = gapFor('sofa collection');
    expect(gap.task).toBe('book-a-bulky-waste-collection');
    expect(gap.suggestion).toEqual({ kind: 'keyword', file: 'content/tasks/book-a-bulky-waste-collection.md', yaml: '- sofa collection' });
    expect(gap.text).toContain('  content/tasks/book-a-bulky-waste-collection.md: add to keywords:\n    - sofa collection');
    expect(findGaps([outcome('sofa collection', 10, 10, 0)], engine, { ...options, contentLabel: 'councils/riverton' })[0]!.suggestion.file).toBe(
      'councils/riverton/tasks/book-a-bulky-waste-collection.md',
    );
  });

  it('quotes a phrase YAML would misread', () => {
    expect(gapFor('sofa: collection').suggestion.yaml).toBe('- "sofa: collection"');
  });

  it('says a new task may be needed when nothing relates', () => {
    const gap = gapFor('japanese knotweed');
    expect(gap).toMatchObject({ task: null, title: null, suggestion: { kind: 'new-task', file: null } });
    expect(gap.text).toContain('No task matches: this may be a new task to write');
    expect(gap.suggestion.yaml).toBe('keywords:\n  - japanese knotweed');
  });

  it('proposes a signpost when what found nothing is something another organisation does', () => {
    const otherBodies = [{ body: 'National Rail', url: 'https://www.nationalrail.co.uk/', for: ['train times'] }];
    const [gap] = findGaps([outcome('train times to london', 12, 12, 0)], engine, { ...options, otherBodies });
    expect(gap!.suggestion.kind).toBe('signpost');
    expect(gap!.suggestion.file).toBe('content/tasks/train-times-to-london.md');
    expect(gap!.suggestion.yaml).toContain('kind: signpost');
    expect(gap!.suggestion.yaml).toContain('name: National Rail');
    expect(gap!.text).toContain('National Rail does this, not the council');
    // Only for searches that found nothing: a bin search is not sent to another organisation.
    const [bins] = findGaps([outcome('bin day', 12, 12, 0)], engine, { ...options, otherBodies: [{ ...otherBodies[0]!, for: ['bin'] }] });
    expect(bins!.suggestion.kind).not.toBe('signpost');
  });

  it('does not name a task for a keyword when only some words relate to it', () => {
    const gap = gapFor('hospital bin permit');
    expect(gap.suggestion.kind).toBe('new-task');
    expect(gap.task).toMatch(/bin/);
    expect(gap.note).toContain('no task uses "hospital"');
  });

  it('adds nothing when search already shows the task first and people still do not choose it', () => {
    const gap = gapFor('pothole', 30, 0, 1);
    expect(gap.reason).toBe('low-click-through');
    expect(gap.suggestion.kind).toBe('new-task');
    expect(gap.note).toContain('already shows Report a pothole');
  });

  it('says when the query is already a keyword', () => {
    const gap = gapFor('hole in road');
    expect(gap.suggestion).toMatchObject({ kind: 'keyword', yaml: '' });
    expect(gap.text).toContain('Nothing to add.');
  });

  it('points at an existing synonyms entry with the same word', () => {
    const [gap] = findGaps([outcome('pothloe', 10, 10, 0)], engine, { ...options, synonyms: [{ use: 'pothole', for: ['pot hole'] }] });
    expect(gap!.text).toContain('add "pothloe" to the for: list of its "pothole" entry');
  });
});

describe('applyKeywordSuggestions', () => {
  const root = mkdtempSync(join(tmpdir(), 'taskfront-gaps-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  cpSync(join(import.meta.dirname, '../../../tests/fixtures/content'), root, { recursive: true });
  const potholeFile = join(root, 'tasks/report-a-pothole.md');
  const billFile = join(root, 'tasks/pay-a-bill.md');
  const otherFile = join(root, 'tasks/find-opening-times.md');
  // A comment in the front matter, which an edit must keep.
  writeFileSync(potholeFile, readFileSync(potholeFile, 'utf8').replace('keywords:\n', 'keywords:\n  # the words people use\n').replace('  - road damage\n', '  - road damage # from the 2026 survey\n'));
  const before = { pothole: readFileSync(potholeFile, 'utf8'), bill: readFileSync(billFile, 'utf8'), other: readFileSync(otherFile, 'utf8') };

  const content = loadContent({ root, cwd: root });
  const fixtureEngine = createSearchEngine(toSearchData(content));
  const gaps = findGaps([outcome('pavement hole', 14, 14, 0), outcome('council bill', 12, 12, 0), outcome('allotment', 11, 11, 0)], fixtureEngine, options);

  it('suggests keywords for the fixture tasks', () => {
    expect(errorsOf(content)).toEqual([]);
    expect(gaps.map((gap) => [gap.query, gap.suggestion.kind, gap.task])).toEqual([
      ['pavement hole', 'keyword', 'report-a-pothole'],
      ['council bill', 'keyword', 'pay-a-bill'],
      ['allotment', 'new-task', null],
    ]);
  });

  it('adds them, keeping comments, style and body, and no other file', () => {
    const written = applyKeywordSuggestions(root, gaps);
    expect(written).toEqual([
      { file: potholeFile, added: ['pavement hole'] },
      { file: billFile, added: ['council bill'] },
    ]);
    const pothole = readFileSync(potholeFile, 'utf8');
    expect(pothole).toBe(before.pothole.replace('  - road damage # from the 2026 survey\n', '  - road damage # from the 2026 survey\n  - pavement hole\n'));
    // A flow list stays a flow list.
    expect(readFileSync(billFile, 'utf8')).toBe(before.bill.replace('keywords: [pay bill, invoice, payment]', 'keywords: [pay bill, invoice, payment, council bill]'));
    expect(readFileSync(otherFile, 'utf8')).toBe(before.other);

    const reloaded = loadContent({ root, cwd: root });
    expect(errorsOf(reloaded)).toEqual([]);
    expect(reloaded.tasks.find((task) => task.slug === 'report-a-pothole')!.keywords).toEqual(['pothole', 'hole in road', 'road damage', 'pavement hole']);
    expect(reloaded.tasks.find((task) => task.slug === 'report-a-pothole')!.body).toBe(content.tasks.find((task) => task.slug === 'report-a-pothole')!.body);
  });

  it('never adds a keyword twice, whatever its case', () => {
    const again = applyKeywordSuggestions(root, gaps);
    expect(again.map((entry) => entry.added)).toEqual([[], []]);
    const shouting: Gap = { ...gaps[0]!, query: 'Road Damage' };
    expect(applyKeywordSuggestions(root, [shouting])).toEqual([{ file: potholeFile, added: [] }]);
    expect(readFileSync(potholeFile, 'utf8').match(/pavement hole/g)).toHaveLength(1);
  });

  it('refuses, and leaves the file alone, when writing back would reformat other lines', () => {
    // yaml moves a comment written after "keywords:" onto its own line, so this file is left for a person.
    const odd = readFileSync(otherFile, 'utf8').replace('keywords: [opening hours, open, closed]', 'keywords: # short ones\n  - opening hours\n  - open\n  - closed');
    writeFileSync(otherFile, odd);
    const gap: Gap = { ...gaps[0]!, query: 'opening times', task: 'find-opening-times' };
    expect(applyKeywordSuggestions(root, [gap])).toEqual([{ file: otherFile, added: [], problem: expect.stringContaining('add the keywords by hand') }]);
    expect(readFileSync(otherFile, 'utf8')).toBe(odd);
  });

  it('writes nothing for synonyms or new tasks, nor outside the tasks folder', () => {
    const synonym = gapFor('skip hire');
    const sneaky: Gap = { ...gaps[0]!, task: '../../etc/passwd' };
    expect(applyKeywordSuggestions(root, [synonym, gaps[2]!])).toEqual([]);
    expect(applyKeywordSuggestions(root, [sneaky])[0]).toMatchObject({ added: [], problem: expect.stringContaining('not a task slug') });
  });
});
