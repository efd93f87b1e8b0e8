/**
 * WCAG 2.2 success criteria the audit can name: number, name, level, and where the
 * W3C explains it. axe tags a rule with "wcag143" for 1.4.3; `criteriaFromTags` reads those.
 */

export interface Criterion {
  number: string;
  name: string;
  level: 'A' | 'AA' | 'AAA';
}

const LIST: [string, string, Criterion['level']][] = [
  ['1.1.1', 'Non-text Content', 'A'],
  ['1.2.1', 'Audio-only and Video-only (Prerecorded)', 'A'],
  ['1.2.2', 'Captions (Prerecorded)', 'A'],
  ['1.2.3', 'Audio Description or Media Alternative (Prerecorded)', 'A'],
  ['1.2.4', 'Captions (Live)', 'AA'],
  ['1.2.5', 'Audio Description (Prerecorded)', 'AA'],
  ['1.3.1', 'Info and Relationships', 'A'],
  ['1.3.2', 'Meaningful Sequence', 'A'],
  ['1.3.3', 'Sensory Characteristics', 'A'],
  ['1.3.4', 'Orientation', 'AA'],
  ['1.3.5', 'Identify Input Purpose', 'AA'],
  ['1.4.1', 'Use of Color', 'A'],
  ['1.4.2', 'Audio Control', 'A'],
  ['1.4.3', 'Contrast (Minimum)', 'AA'],
  ['1.4.4', 'Resize Text', 'AA'],
  ['1.4.5', 'Images of Text', 'AA'],
  ['1.4.6', 'Contrast (Enhanced)', 'AAA'],
  ['1.4.10', 'Reflow', 'AA'],
  ['1.4.11', 'Non-text Contrast', 'AA'],
  ['1.4.12', 'Text Spacing', 'AA'],
  ['1.4.13', 'Content on Hover or Focus', 'AA'],
  ['2.1.1', 'Keyboard', 'A'],
  ['2.1.2', 'No Keyboard Trap', 'A'],
  ['2.1.4', 'Character Key Shortcuts', 'A'],
  ['2.2.1', 'Timing Adjustable', 'A'],
  ['2.2.2', 'Pause, Stop, Hide', 'A'],
  ['2.3.1', 'Three Flashes or Below Threshold', 'A'],
  ['2.3.3', 'Animation from Interactions', 'AAA'],
  ['2.4.1', 'Bypass Blocks', 'A'],
  ['2.4.2', 'Page Titled', 'A'],
  ['2.4.3', 'Focus Order', 'A'],
  ['2.4.4', 'Link Purpose (In Context)', 'A'],
  ['2.4.5', 'Multiple Ways', 'AA'],
  ['2.4.6', 'Headings and Labels', 'AA'],
  ['2.4.7', 'Focus Visible', 'AA'],
  ['2.4.9', 'Link Purpose (Link Only)', 'AAA'],
  ['2.4.11', 'Focus Not Obscured (Minimum)', 'AA'],
  ['2.4.13', 'Focus Appearance', 'AAA'],
  ['2.5.1', 'Pointer Gestures', 'A'],
  ['2.5.2', 'Pointer Cancellation', 'A'],
  ['2.5.3', 'Label in Name', 'A'],
  ['2.5.4', 'Motion Actuation', 'A'],
  ['2.5.5', 'Target Size (Enhanced)', 'AAA'],
  ['2.5.7', 'Dragging Movements', 'AA'],
  ['2.5.8', 'Target Size (Minimum)', 'AA'],
  ['3.1.1', 'Language of Page', 'A'],
  ['3.1.2', 'Language of Parts', 'AA'],
  ['3.2.1', 'On Focus', 'A'],
  ['3.2.2', 'On Input', 'A'],
  ['3.2.3', 'Consistent Navigation', 'AA'],
  ['3.2.4', 'Consistent Identification', 'AA'],
  ['3.2.6', 'Consistent Help', 'A'],
  ['3.3.1', 'Error Identification', 'A'],
  ['3.3.2', 'Labels or Instructions', 'A'],
  ['3.3.3', 'Error Suggestion', 'AA'],
  ['3.3.4', 'Error Prevention (Legal, Financial, Data)', 'AA'],
  ['3.3.7', 'Redundant Entry', 'A'],
  ['3.3.8', 'Accessible Authentication (Minimum)', 'AA'],
  // Removed from WCAG 2.2; axe still tags a few deprecated rules with it.
  ['4.1.1', 'Parsing (obsolete)', 'A'],
  ['4.1.2', 'Name, Role, Value', 'A'],
  ['4.1.3', 'Status Messages', 'AA'],
];

export const CRITERIA: ReadonlyMap<string, Criterion> = new Map(LIST.map(([number, name, level]) => [number, { number, name, level }]));

/** The criterion, or a stand-in that still shows the number when WCAG adds one we do not list. */
export function criterion(number: string): Criterion {
  return CRITERIA.get(number) ?? { number, name: 'WCAG success criterion', level: 'A' };
}

/** "1.4.3 Contrast (Minimum) (AA)" */
export function describeCriterion(number: string): string {
  const found = criterion(number);
  return `${found.number} ${found.name} (${found.level})`;
}

/** The criterion's id in the WCAG 2.2 text and Understanding pages: "non-text-content". */
export function criterionSlug(number: string): string | null {
  const found = CRITERIA.get(number);
  if (!found) return null;
  return found.name
    .replace(/ \(obsolete\)$/, '')
    .toLowerCase()
    .replace(/[(),]/g, '')
    .replace(/\s+/g, '-');
}

/** The W3C "Understanding" page for a criterion. */
export function understandingUrl(number: string): string {
  const slug = criterionSlug(number);
  return slug ? `https://www.w3.org/WAI/WCAG22/Understanding/${slug}.html` : 'https://www.w3.org/WAI/WCAG22/Understanding/';
}

/** The criterion in the WCAG 2.2 recommendation, as EARL and ACT name it. */
export function criterionUri(number: string): string {
  const slug = criterionSlug(number);
  return slug ? `https://www.w3.org/TR/WCAG22/#${slug}` : 'https://www.w3.org/TR/WCAG22/';
}

/** axe tags → criterion numbers: "wcag1410" → "1.4.10". Level tags ("wcag2aa") are ignored. */
export function criteriaFromTags(tags: readonly string[]): string[] {
  const found = new Set<string>();
  for (const tag of tags) {
    const match = /^wcag(\d)(\d)(\d{1,2})$/.exec(tag);
    if (match) found.add(`${match[1]}.${match[2]}.${match[3]}`);
  }
  return [...found].sort(compareCriteria);
}

/** Orders "1.4.3" before "1.4.10". */
export function compareCriteria(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
