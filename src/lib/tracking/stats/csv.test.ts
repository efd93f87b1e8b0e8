import { describe, expect, it } from 'vitest';
import type { PortalStats } from '../../../schemas/events.ts';
import { csvCell, statsToCsv } from './csv.ts';

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

  it('writes a row per task and the published search terms', () => {
    const stats = {
      period: 28, from: '2026-10-27', to: '2026-11-23', minCount: 10,
      totals: {} as PortalStats['totals'],
      tasks: [{ task: 'report-a-pothole', views: 3, starts: 2, completions: 1, completionRate: 0.5, feedbackYes: 1, feedbackNo: 0, helpedRate: 1, ratings: 1, averageRating: 5, ratingCounts: [0, 0, 0, 0, 1] }],
      search: { searches: 10, zeroResultSearches: 10, zeroResultRate: 1, clicks: 0, clickThroughRate: 0, averageClickRank: null, topQueries: [{ query: '=cmd|x', count: 10 }], topZeroResultQueries: [{ query: '=cmd|x', count: 10 }] },
    } as PortalStats;
    const lines = statsToCsv(stats, () => '<script>alert(1)</script>').trim().split('\r\n');
    expect(lines[1]).toBe('"28","2026-10-27","2026-11-23","report-a-pothole","<script>alert(1)</script>","3","2","1","0.5","1","0","1","1","5","0","0","0","0","1"');
    expect(lines.at(-1)).toBe(`"28","2026-10-27","2026-11-23","'=cmd|x","10","10"`);
  });
});
