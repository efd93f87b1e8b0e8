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
   * For rules that decide no criterion themselves (ARIA rules whose criteria W3C names only
   * as "secondary", saying a failed example may still meet them): only these findings
   * ("check/rule") count, since another real failure of 1.3.1 or 4.1.2 on the same tiny page
   * says nothing about this rule. W3C matches implementations per procedure the same way.
   */
  procedures?: string[];
}

export const CLAIMED: Record<string, ClaimedRule> = {
  '674b10': { by: 'axe aria-roles', procedures: ['axe/aria-roles', 'axe/ibm-aria-role-allowed'] },
  '6a7281': { by: 'axe aria-valid-attr-value', procedures: ['axe/aria-valid-attr-value', 'axe/ibm-aria-attribute-value-valid'] },
  '5f99a7': { by: 'axe aria-valid-attr', procedures: ['axe/aria-valid-attr', 'axe/ibm-aria-attribute-allowed'] },
  de46e4: { by: 'axe valid-lang' },
  m6b1q3: { by: 'axe aria-command-name' },
  '73f2c2': { by: 'axe autocomplete-valid' },
  '97a4e1': { by: 'axe button-name, aria-command-name' },
  '46ca7f': { by: 'axe presentation-role-conflict', criteria: ['1.1.1', '1.3.1', '4.1.2'], procedures: ['axe/presentation-role-conflict', 'axe/ibm-aria-attribute-valid', 'axe/ibm-img-alt-null'] },
  e086e5: { by: 'axe label, aria-input-field-name, select-name' },
  bf051a: { by: 'axe html-lang-valid' },
  '2779a5': { by: 'axe document-title; structure page-title' },
  '59796f': { by: 'axe input-image-alt' },
  '23a2a8': { by: 'axe image-alt, role-img-alt' },
  c487ae: { by: 'axe link-name, area-alt' },
  '7d6734': { by: 'axe svg-img-alt' },
  '307n5z': { by: 'axe nested-interactive' },
  a25f45: { by: 'axe td-headers-attr' },
  '6cfa84': { by: 'axe aria-hidden-focus' },
  bc659a: { by: 'axe meta-refresh' },
  b4f0c3: { by: 'axe meta-viewport' },
  '8fc3b6': { by: 'axe object-alt' },
  b5c3f8: { by: 'axe html-has-lang; structure page-lang' },
  '0ssw9k': { by: 'axe scrollable-region-focusable' },
  afw4f7: { by: 'axe color-contrast' },
  ff89c9: { by: 'axe aria-required-parent' },
  ffd0e9: { by: 'structure empty-heading', criteria: ['1.3.1', '2.4.6'], procedures: ['structure/empty-heading', 'axe/empty-heading'] },
  cae760: { by: 'axe frame-title' },
  '4e8ab6': { by: 'axe aria-required-attr', procedures: ['axe/aria-required-attr', 'axe/ibm-aria-attribute-required'] },
  bc4a75: { by: 'axe aria-required-children' },
  '5c01ea': { by: 'axe aria-allowed-attr', procedures: ['axe/aria-allowed-attr', 'axe/ibm-aria-attribute-valid'] },
  cf77f2: { by: 'keyboard bypass-blocks (skip link, landmarks or headings)' },
  d0f69e: { by: 'axe th-has-data-cells' },
  '24afc2': { by: 'axe avoid-inline-spacing; text-spacing' },
  '9e45ec': { by: 'axe avoid-inline-spacing; text-spacing' },
  '78fd32': { by: 'axe avoid-inline-spacing; text-spacing' },
  b33eff: { by: 'axe css-orientation-lock' },
  '80af7b': { by: 'keyboard keyboard-trap' },
  oj04fd: { by: 'keyboard focus-not-visible' },
  '2t702h': { by: 'axe summary-name' },
  akn7bn: { by: 'axe frame-focusable-content; keyboard' },
  '59br37': { by: 'text-spacing text-clipped' },
};
