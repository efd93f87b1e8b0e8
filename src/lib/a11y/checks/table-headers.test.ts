import { describe, expect, it } from 'vitest';
import { headersWithoutCells, type GridCell } from './table-headers.ts';

const head = (header: 'column' | 'row', column: number | null = null, span = 1): GridCell => ({ header, span, column });
const cell = (column: number | null = null, span = 1): GridCell => ({ header: null, span, column });

describe('ARIA table headers without cells (ACT d0f69e)', () => {
  it('finds a column header with no cell below it', () => {
    expect(headersWithoutCells([[head('column'), head('column')], [cell()], [cell()]])).toEqual([[0, 1]]);
  });

  it('accepts headers over full columns, row headers with cells, and spans and column indexes', () => {
    expect(headersWithoutCells([[head('column'), head('column')], [cell(), cell()]])).toEqual([]);
    expect(headersWithoutCells([[cell(), head('column'), head('column')], [head('row'), cell(), cell()]])).toEqual([]);
    expect(headersWithoutCells([[head('column'), head('column')], [cell(0, 2)]])).toEqual([]);
    expect(headersWithoutCells([[head('column'), head('column')], [cell(1)]])).toEqual([[0, 0]]);
  });

  it('finds a row header alone in its row', () => {
    expect(headersWithoutCells([[head('column')], [head('row')]])).toEqual([[0, 0], [1, 0]]);
  });
});
