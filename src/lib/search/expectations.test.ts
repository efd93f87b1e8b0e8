import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SearchData, SearchDoc } from './engine.ts';
import { assessSearch, findCopies, formatQuality, readExpectations, type Expectations } from './expectations.ts';

const made: string[] = [];
afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A content folder holding only search/expectations.yml with this text. */
function folder(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'taskfront-expectations-'));
  made.push(dir);
  mkdirSync(join(dir, 'search'));
  writeFileSync(join(dir, 'search/expectations.yml'), yaml);
  return dir;
}

const doc = (slug: string, title: string, keywords: string[], kind: SearchDoc['kind'] = 'transaction'): SearchDoc => ({ slug, title, summary: title, kind, keywords, steps: [] });
const data: SearchData = {
  docs: [
    doc('report-a-pothole', 'Report a pothole', ['pothole', 'hole in road']),
    doc('pay-your-council-tax', 'Pay your council tax', ['council tax bill']),
    doc('apply-for-a-passport', 'Apply for a passport', ['passport'], 'signpost'),
  ],
  synonyms: [{ use: 'pothole', for: ['crater'] }],
  bestBets: [],
};
const file = (entries: object[]): Expectations => ({ file: 'expectations.yml', problems: [], expectations: entries.map((entry, index) => ({ source: 'editor', ...entry, line: index * 3 + 1 }) as Expectations['expectations'][number]) });

describe('readExpectations', () => {
  it("reads typed entries with their lines, and counts unmarked ones as the editor's", () => {
    const dir = folder('- query: "big hole"\n  task: report-a-pothole\n- query: "moon rocks"\n  noAnswer: true\n  source: search-log\n');
    const read = readExpectations(dir, { cwd: dir, tasks: ['report-a-pothole'] });
    expect(read.problems).toEqual([]);
    expect(read.expectations).toEqual([
      { query: 'big hole', task: 'report-a-pothole', source: 'editor', line: 1 },
      { query: 'moon rocks', noAnswer: true, source: 'search-log', line: 3 },
    ]);
  });

  it('names repeats, unknown tasks, entries with both or neither answer, and a missing file, with lines', () => {
    const dir = folder(
      ['- query: "Big hole"', '  task: report-a-pothole', '- query: "big  hole!"', '  task: report-a-pothole', '- query: "x"', '  task: no-such-task', '- query: "y"', '  task: report-a-pothole', '  noAnswer: true', '- query: "z"', '  source: somebody', '- query: "w"', '  source: editor'].join('\n'),
    );
    const messages = readExpectations(dir, { cwd: dir, tasks: ['report-a-pothole'] }).problems.map((problem) => `${problem.line} ${problem.field ?? ''}: ${problem.message}`);
    expect(messages).toEqual([
      '9 [3].noAnswer: cannot go with task: keep task if a task answers the query, or noAnswer if none does',
      '11 [4].source: must be one of: editor, titles-only, search-log',
      '12 [5].task: is missing: add the task search must find, or noAnswer: true if no task answers the query',
    ]);
    const fixed = folder(['- query: "Big hole"', '  task: report-a-pothole', '- query: "big  hole!"', '  task: report-a-pothole', '- query: "x"', '  task: no-such-task'].join('\n'));
    expect(readExpectations(fixed, { cwd: fixed, tasks: ['report-a-pothole'] }).problems.map((problem) => `${problem.line}: ${problem.message}`)).toEqual([
      '3: "big  hole!" repeats the query on line 1: delete one of them',
      '6: "no-such-task" is not a task: use the file name of a task in content/tasks/ without .md',
    ]);
    expect(readExpectations(join(fixed, 'nowhere')).problems[0]?.message).toMatch(/^is missing/);
  });
});

describe('findCopies', () => {
  it('flags a query that is a keyword or a synonym of its own task, not the title', () => {
    const copies = findCopies(file([{ query: 'hole in the road', task: 'report-a-pothole' }, { query: 'crater', task: 'report-a-pothole' }, { query: 'report a pothole', task: 'report-a-pothole' }, { query: 'hole outside my house', task: 'report-a-pothole' }]).expectations, data);
    expect(copies.map((copy) => [copy.expectation.query, copy.copies])).toEqual([
      ['hole in the road', 'keyword "hole in road"'],
      ['crater', 'a synonym of "pothole"'],
    ]);
  });
});

describe('assessSearch', () => {
  it('meets every gate when search finds what it should and admits what it cannot', () => {
    const quality = assessSearch(data, file([{ query: 'big hole road', task: 'report-a-pothole' }, { query: 'renew my passport', noAnswer: true }, { query: 'moon rocks', noAnswer: true }]));
    expect(quality.failures).toEqual([]);
    expect(quality.server.noAnswer).toMatchObject({ count: 2, honest: 2, honestShare: 1, confident: [] });
    expect(formatQuality(quality)).toContain('no answer: 2 queries');
  });

  it('fails on a missed editor query, a confident answer to a no-answer query, and a held-out copy', () => {
    const quality = assessSearch(
      data,
      file([
        { query: 'moon rocks', task: 'report-a-pothole' },
        { query: 'council tax bill', noAnswer: true },
        { query: 'pothole', task: 'report-a-pothole', source: 'titles-only' },
      ]),
    );
    expect(quality.problems.map((problem) => `${problem.line} ${problem.severity}: ${problem.message.split(',')[0]!.split(' of ')[0]}`)).toEqual([
      '1 error: "moon rocks" should find report-a-pothole in the top 3',
      '4 error: "council tax bill" has no answer on the portal',
      '7 error: "pothole" copies keyword "pothole"',
    ]);
    expect(quality.failures).toEqual([
      '1 editor or search-log expectation(s) do not find their task in the top 3.',
      '1 no-answer queries show a council task first as if it answered them.',
      'Only 0.0% of no-answer queries say so or show a signpost first; at least 95.0% must.',
      '1 held-out queries copy a keyword or synonym of their task.',
    ]);
  });

  it('holds the held-out set to its scores, not to each query, and the browser to the server', () => {
    const heldOut = Array.from({ length: 10 }, (_, index) => ({ query: index < 2 ? `moon rocks ${index}` : `big hole number ${index}`, task: 'report-a-pothole', source: 'titles-only' }));
    const quality = assessSearch(data, file(heldOut));
    expect(quality.server.bySource['titles-only']).toMatchObject({ count: 10, successAt1: 0.8, successAt3: 0.8 });
    expect(quality.problems).toEqual([]);
    expect(quality.failures).toEqual([
      'Held-out (titles-only) success@1 is 80.0% on the server; it must be at least 90.0%.',
      'Held-out (titles-only) success@3 is 80.0% on the server; it must be at least 97.0%.',
    ]);
  });
});
