import { describe, expect, it } from 'vitest';
import { csvCell, measureCells, statsToCsv } from './csv.ts';
import { RATE, RATING } from './format.ts';
import { portalFixture } from './test-fixtures.ts';

/** Splits our own CSV (every cell quoted, CRLF rows) back into cells. */
const parse = (csv: string) => csv.trimEnd().split('\r\n').map((line) => (line === '' ? [] : line.slice(1, -1).split('","').map((cell) => cell.replaceAll('""', '"'))));

describe('CSV export', () => {
  it('quotes every cell and doubles quotes', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell(12)).toBe('"12"');
    expect(csvCell(null)).toBe('""');
  });

  it.each(['=HYPERLINK("http://evil")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])('neutralises a cell a spreadsheet would run: %s', (value) => {
    expect(csvCell(value).startsWith(`"'`)).toBe(true);
  });

  it('writes a value, its n and "ok" for a figure with enough sample', () => {
    expect(measureCells({ value: 2 / 3, n: 30, tooFew: false }, RATE)).toEqual([0.6667, 30, 'ok']);
    expect(measureCells({ value: 4.256, n: 30, tooFew: false }, RATING)).toEqual([4.26, 30, 'ok']);
  });

  it('leaves the value empty, keeps the n and says "too_few" below the minimum sample', () => {
    expect(measureCells({ value: null, n: 3, tooFew: true }, RATE)).toEqual([null, 3, 'too_few']);
    expect(measureCells({ value: 0.5, n: 4, tooFew: true }, RATE)).toEqual([null, 4, 'too_few']);
  });

  it('never writes a rate above 1 or an average off its scale: the value is empty and marked "check_data"', () => {
    expect(measureCells({ value: 1.2, n: 20, tooFew: false }, RATE)).toEqual([null, 20, 'check_data']);
    expect(measureCells({ value: 5.5, n: 20, tooFew: false }, RATING)).toEqual([null, 20, 'check_data']);
  });

  it('writes a row per task with n and status columns, the search summary and the published search terms', () => {
    const stats = portalFixture();
    stats.search.topQueries.push({ query: '=cmd|x', count: 10 });
    const rows = parse(statsToCsv(stats, (slug) => (slug === 'report-a-pothole' ? '<script>alert(1)</script>' : slug)));
    const [header = [], ...rest] = rows;
    expect(header).toEqual(['period_days', 'from', 'to', 'min_sample', 'task', 'title', 'views', 'starts', 'completions', 'unlinked_finishes',
      'completion_rate', 'completion_rate_n', 'completion_rate_status', 'helped_yes', 'helped_no', 'helped_rate', 'helped_rate_n', 'helped_rate_status',
      'ratings', 'average_rating', 'average_rating_n', 'average_rating_status', 'rating_1', 'rating_2', 'rating_3', 'rating_4', 'rating_5']);
    const row = (slug: string) => Object.fromEntries(header.map((name, index) => [name, rest.find((cells) => cells[4] === slug)?.[index]]));
    expect(row('report-a-pothole')).toMatchObject({ period_days: '28', min_sample: '10', title: '<script>alert(1)</script>', starts: '50', completions: '40', unlinked_finishes: '6', completion_rate: '0.8', completion_rate_n: '50', completion_rate_status: 'ok', average_rating: '4.4' });
    expect(row('find-your-councillor')).toMatchObject({ completion_rate: '', completion_rate_n: '3', completion_rate_status: 'too_few', average_rating: '', average_rating_status: 'too_few' });
    expect(row('apply-for-a-blue-badge')).toMatchObject({ completion_rate: '', completion_rate_n: '20', completion_rate_status: 'check_data', average_rating: '', average_rating_status: 'check_data' });

    const blank = rest.findIndex((cells) => cells.length === 0);
    expect(rest[blank + 1]).toEqual(['period_days', 'from', 'to', 'min_sample', 'searches', 'zero_result_searches', 'zero_result_rate', 'zero_result_rate_n', 'zero_result_rate_status',
      'clicks', 'click_through_rate', 'click_through_rate_n', 'click_through_rate_status', 'average_click_rank', 'average_click_rank_n', 'average_click_rank_status']);
    expect(rest[blank + 2]).toEqual(['28', '2026-10-27', '2026-11-23', '10', '500', '40', '0.08', '500', 'ok', '300', '0.6', '500', 'ok', '1.8', '300', 'ok']);
    expect(rows.at(-2)).toEqual(['28', '2026-10-27', '2026-11-23', "'=cmd|x", '10', '0']);
    expect(rows.at(-1)).toEqual(['28', '2026-10-27', '2026-11-23', 'skip hire', '12', '12']);
  });

  it('has no figure above 100% anywhere: every rate column is empty or between 0 and 1', () => {
    const rows = parse(statsToCsv(portalFixture(), (slug) => slug));
    const header = rows[0] ?? [];
    const rateColumns = header.flatMap((name, index) => (/_rate$/.test(name) ? [index] : []));
    for (const cells of rows.slice(1).filter((cells) => cells[4] && cells.length === header.length)) {
      for (const index of rateColumns) {
        const cell = cells[index] ?? '';
        if (cell !== '') expect(Number(cell)).toBeLessThanOrEqual(1);
      }
    }
  });
});
