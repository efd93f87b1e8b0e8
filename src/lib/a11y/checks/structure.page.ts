/** Page side of the structure check: language, title, headings, landmarks. */
import { documentKind } from '../page/document-kind.ts';
import { ref } from '../page/elements.ts';
import { nameOf } from '../page/naming.ts';
import type { ElementRef, StructureInfo } from '../page/types.ts';
import { exposed } from '../page/visibility.ts';
import { headersWithoutCells, type GridCell } from './table-headers.ts';

const SECTIONING = 'article, aside, main, nav, section, [role="article"], [role="complementary"], [role="main"], [role="navigation"], [role="region"]';
const LANDMARKS =
  'main, nav, aside, search, [role="main"], [role="navigation"], [role="complementary"], [role="search"], [role="banner"], [role="contentinfo"], [role="region"][aria-label], [role="region"][aria-labelledby], section[aria-label], section[aria-labelledby], form[aria-label], form[aria-labelledby]';

export function structure(): StructureInfo {
  const kind = documentKind();
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]')].filter(exposed).map((el) => ({
    ...ref(el),
    level: el.getAttribute('role') === 'heading' ? Number(el.getAttribute('aria-level') ?? 2) : Number(el.localName.slice(1)),
    empty: nameOf(el, true) === '',
  }));
  const topLevel = (tag: string, role: string) =>
    [...document.querySelectorAll(`${tag}, [role="${role}"]`)].filter((el) => exposed(el) && (el.getAttribute('role') === role || !el.parentElement?.closest(SECTIONING)));
  const banners = topLevel('header', 'banner').length;
  const contentinfos = topLevel('footer', 'contentinfo').length;
  return {
    documentKind: kind,
    lang: document.documentElement.getAttribute('lang') ?? document.documentElement.getAttribute('xml:lang'),
    title: document.title.trim(),
    h1: headings.filter((heading) => heading.level === 1),
    headings,
    mains: [...document.querySelectorAll('main, [role="main"]')].filter(exposed).map(ref),
    banners,
    contentinfos,
    navs: [...document.querySelectorAll('nav, [role="navigation"]')].filter(exposed).map((el) => ({ ...ref(el), name: nameOf(el) })),
    landmarks: [...document.querySelectorAll(LANDMARKS)].filter(exposed).length + banners + contentinfos,
    unusedHeaders: unusedAriaHeaders(),
    refreshes: [...document.querySelectorAll('meta[http-equiv="refresh" i][content]')].map((el) => ({ ...ref(el), content: el.getAttribute('content') ?? '' })),
  };
}

const TABLE_ROLES = '[role="table"], [role="grid"], [role="treegrid"]';
const CELL_ROLES = '[role="cell"], [role="gridcell"], [role="columnheader"], [role="rowheader"]';

/** ARIA tables only: HTML tables are axe's (th-has-data-cells), and a <table> with a role keeps its HTML cells. */
function unusedAriaHeaders(): ElementRef[] {
  const found: ElementRef[] = [];
  for (const table of document.querySelectorAll(TABLE_ROLES)) {
    if (table.localName === 'table' || !exposed(table)) continue;
    const rows = [...table.querySelectorAll('[role="row"]')].filter((row) => row.closest(TABLE_ROLES) === table && exposed(row));
    const cells = rows.map((row) => [...row.querySelectorAll(CELL_ROLES)].filter((cell) => cell.closest('[role="row"]') === row && exposed(cell)));
    const grid: GridCell[][] = cells.map((row) =>
      row.map((cell) => {
        const role = cell.getAttribute('role');
        const index = Number.parseInt(cell.getAttribute('aria-colindex') ?? '', 10);
        return {
          header: role === 'columnheader' ? 'column' : role === 'rowheader' ? 'row' : null,
          span: Math.max(1, Number.parseInt(cell.getAttribute('aria-colspan') ?? '1', 10) || 1),
          column: index > 0 ? index - 1 : null,
        };
      }),
    );
    for (const [r, c] of headersWithoutCells(grid)) found.push(ref(cells[r]![c]!));
  }
  return found;
}
