/**
 * The W3C ACT rules the auditor claims to implement, and the WCAG criteria on which a
 * finding counts for each. A rule is claimed when one of our engines or own checks tests
 * what it describes on a single page, and it decides a WCAG 2.2 A or AA criterion.
 * Rules left out (media alternatives, "is descriptive" judgements, AAA-only and
 * multi-page rules) are still listed in the summary as not claimed.
 */

export interface ClaimedRule {
  /** What in the auditor tests it: an axe rule, an IBM rule, or one of our checks. */
  by: string;
  /**
   * Criteria a finding must carry to count, when the rule's own accessibility requirements
   * name none (ARIA-only rules) or name one we audit under another number.
   */
  criteria?: string[];
  /**
   * Our findings that implement the rule, as "check/rule" ("check/" for any rule of a check).
   * A passed or inapplicable example is flagged when one of these fails it: another real
   * failure of the same criterion on the same small page says nothing about this rule (W3C
   * also scores implementations per procedure). Every failure on the criteria is still listed.
   */
  procedures: string[];
  /**
   * For rules that decide no criterion themselves (ARIA rules whose criteria W3C names only
   * as "secondary", saying a failed example may still meet them): catching, too, counts only
   * these procedures.
   */
  onlyProcedures?: true;
}

export const CLAIMED: Record<string, ClaimedRule> = {
  '674b10': { by: 'axe aria-roles', procedures: ['axe/aria-roles', 'axe/ibm-aria-role-allowed'], onlyProcedures: true },
  '6a7281': { by: 'axe aria-valid-attr-value', procedures: ['axe/aria-valid-attr-value', 'axe/ibm-aria-attribute-value-valid'], onlyProcedures: true },
  '5f99a7': { by: 'axe aria-valid-attr', procedures: ['axe/aria-valid-attr', 'axe/ibm-aria-attribute-allowed'], onlyProcedures: true },
  de46e4: { by: 'axe valid-lang', procedures: ['axe/valid-lang'] },
  m6b1q3: { by: 'axe aria-command-name', procedures: ['axe/aria-command-name', 'axe/button-name'] },
  '73f2c2': { by: 'axe autocomplete-valid', procedures: ['axe/autocomplete-valid'] },
  '97a4e1': { by: 'axe button-name, aria-command-name', procedures: ['axe/button-name', 'axe/aria-command-name'] },
  '46ca7f': { by: 'axe presentation-role-conflict', criteria: ['1.1.1', '1.3.1', '4.1.2'], procedures: ['axe/presentation-role-conflict', 'axe/ibm-aria-attribute-valid', 'axe/ibm-img-alt-null'], onlyProcedures: true },
  e086e5: { by: 'axe label, aria-input-field-name, select-name', procedures: ['axe/label', 'axe/aria-input-field-name', 'axe/select-name', 'axe/aria-toggle-field-name'] },
  bf051a: { by: 'axe html-lang-valid', procedures: ['axe/html-lang-valid', 'structure/page-lang'] },
  '2779a5': { by: 'axe document-title; structure page-title', procedures: ['axe/document-title', 'structure/page-title'] },
  '59796f': { by: 'axe input-image-alt', procedures: ['axe/input-image-alt'] },
  '23a2a8': { by: 'axe image-alt, role-img-alt', procedures: ['axe/image-alt', 'axe/role-img-alt'] },
  c487ae: { by: 'axe link-name, area-alt', procedures: ['axe/link-name', 'axe/area-alt'] },
  '7d6734': { by: 'axe svg-img-alt', procedures: ['axe/svg-img-alt'] },
  '307n5z': { by: 'axe nested-interactive', procedures: ['axe/nested-interactive'] },
  a25f45: { by: 'axe td-headers-attr', procedures: ['axe/td-headers-attr'] },
  '6cfa84': { by: 'axe aria-hidden-focus', procedures: ['axe/aria-hidden-focus'] },
  bc659a: { by: 'structure meta-refresh', procedures: ['structure/meta-refresh'] },
  b4f0c3: { by: 'axe meta-viewport', procedures: ['axe/meta-viewport'] },
  '8fc3b6': { by: 'axe object-alt', procedures: ['axe/object-alt'] },
  b5c3f8: { by: 'axe html-has-lang; structure page-lang', procedures: ['axe/html-has-lang', 'structure/page-lang'] },
  '0ssw9k': { by: 'axe scrollable-region-focusable', procedures: ['axe/scrollable-region-focusable'] },
  afw4f7: { by: 'axe color-contrast', procedures: ['axe/color-contrast'] },
  ff89c9: { by: 'axe aria-required-parent', procedures: ['axe/aria-required-parent'] },
  ffd0e9: { by: 'structure empty-heading', criteria: ['1.3.1', '2.4.6'], procedures: ['structure/empty-heading', 'axe/empty-heading'], onlyProcedures: true },
  cae760: { by: 'axe frame-title', procedures: ['axe/frame-title'] },
  '4e8ab6': { by: 'axe aria-required-attr', procedures: ['axe/aria-required-attr', 'axe/ibm-aria-attribute-required'], onlyProcedures: true },
  bc4a75: { by: 'axe aria-required-children', procedures: ['axe/aria-required-children'] },
  '5c01ea': { by: 'axe aria-allowed-attr', procedures: ['axe/aria-allowed-attr', 'axe/ibm-aria-attribute-valid'], onlyProcedures: true },
  cf77f2: { by: 'keyboard bypass-blocks (skip link, landmarks or headings)', procedures: ['axe/bypass', 'keyboard/skip-link'] },
  d0f69e: { by: 'axe th-has-data-cells (HTML tables); structure table-header-no-cells (ARIA tables)', procedures: ['axe/th-has-data-cells', 'structure/table-header-no-cells'] },
  '24afc2': { by: 'axe avoid-inline-spacing; text-spacing', procedures: ['axe/avoid-inline-spacing', 'text-spacing/'] },
  '9e45ec': { by: 'axe avoid-inline-spacing; text-spacing', procedures: ['axe/avoid-inline-spacing', 'text-spacing/'] },
  '78fd32': { by: 'axe avoid-inline-spacing; text-spacing', procedures: ['axe/avoid-inline-spacing', 'text-spacing/'] },
  b33eff: { by: 'axe css-orientation-lock', procedures: ['axe/css-orientation-lock'] },
  '80af7b': { by: 'keyboard keyboard-trap', procedures: ['keyboard/keyboard-trap'] },
  oj04fd: { by: 'keyboard focus-not-visible', procedures: ['keyboard/focus-not-visible', 'keyboard/focus-invisible'] },
  '2t702h': { by: 'axe summary-name', procedures: ['axe/summary-name'] },
  akn7bn: { by: 'axe frame-focusable-content; keyboard', procedures: ['axe/frame-focusable-content', 'keyboard/not-keyboard-reachable'] },
  '59br37': { by: 'reflow zoom-text-clipped (at 640 by 512 CSS px)', procedures: ['reflow/zoom-text-clipped'] },
};
