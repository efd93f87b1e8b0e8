/**
 * Table header cells with no cells to head (WCAG 1.3.1, ACT d0f69e), for tables built from
 * ARIA roles (role="table", "grid" or "treegrid" on elements that are not <table>): axe
 * checks HTML tables (and asks a person when it cannot tell), not these. A column header
 * heads the cells below or above it in its column, a row header the cells of its row; one
 * with none announces a heading over nothing. Kept as plain rows so it is testable.
 */

export interface GridCell {
  /** 'column' or 'row' for columnheader and rowheader; null for a data cell (cell, gridcell). */
  header: 'column' | 'row' | null;
  /** Columns the cell takes (aria-colspan, at least 1). */
  span: number;
  /** Its column from aria-colindex, counted from 0; null to follow the cell before it. */
  column: number | null;
}

/** Rows of cells in order; returns [row, cell] of every header that heads no data cell. */
export function headersWithoutCells(rows: readonly (readonly GridCell[])[]): [number, number][] {
  const columns = rows.map((row) => {
    let column = 0;
    return row.map((cell) => {
      const start = cell.column ?? column;
      column = start + Math.max(1, cell.span);
      return { ...cell, start, end: column };
    });
  });
  const found: [number, number][] = [];
  columns.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell.header) return;
      const heads =
        cell.header === 'row'
          ? row.some((other) => !other.header)
          : columns.some((otherRow, o) => o !== r && otherRow.some((other) => !other.header && other.start < cell.end && other.end > cell.start));
      if (!heads) found.push([r, c]);
    }),
  );
  return found;
}
