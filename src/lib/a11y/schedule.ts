/**
 * The order pages are audited in. Two tabs share the queue; if the slowest page (a
 * dashboard with a thousand elements and a hundred links: about 50 s under load) comes last,
 * one tab works alone while the other sits idle. Auditing the slowest first (longest
 * processing time first) leaves only small pages for the end, so both tabs finish together.
 * The order changes nothing that is checked, and the report keeps the order pages were found.
 */

/** What the server's HTML says about how long a page takes to audit. */
export interface PageSize {
  /** Elements in the HTML: axe's work grows with them. */
  elements: number;
  /** Links, buttons and fields: the keyboard walk presses Tab and Shift+Tab for each. */
  focusable: number;
}

/** Counts from the server's HTML (a guide for ordering only, so a regular expression is enough). */
export function pageSize(html: string): PageSize {
  return {
    elements: (html.match(/<[a-z][a-z0-9-]*\b/gi) ?? []).length,
    focusable: (html.match(/<(?:a\b[^>]*\bhref\b|button\b|input\b(?![^>]*type\s*=\s*["']?hidden)|select\b|textarea\b|summary\b)/gi) ?? []).length,
  };
}

export interface CostInput {
  size: PageSize | undefined;
  /** Every check, or the content checks only (two axe widths, no keyboard walk). */
  checks: 'all' | 'content';
  /** Interactive states audited after the page. */
  states: number;
}

/**
 * Rough milliseconds under load, fitted by eye to a run on this machine (load average 8 to 14,
 * 2 tabs): a load, about 8 ms of axe per element per width, about 150 ms of keyboard walk per
 * focusable element, 5 s per state. Only the order it gives matters.
 */
export function estimateCost({ size, checks, states }: CostInput): number {
  // A page whose HTML was not read (it did not answer) costs a load and a failure note.
  if (!size) return 1500;
  const widths = checks === 'all' ? 3 : 2;
  const axe = widths * (500 + 8 * size.elements);
  const template = checks === 'all' ? 2000 + 150 * size.focusable : 0;
  return 1500 + axe + template + 5000 * states;
}

/** Items sorted slowest first; equal costs keep their order, so a run is repeatable. */
export function longestFirst<T>(items: readonly T[], cost: (item: T) => number): T[] {
  return items
    .map((item, index) => ({ item, index, cost: cost(item) }))
    .sort((a, b) => b.cost - a.cost || a.index - b.index)
    .map(({ item }) => item);
}
