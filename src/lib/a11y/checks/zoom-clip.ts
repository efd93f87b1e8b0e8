/**
 * The rule of ACT 59br37 (WCAG 1.4.4) for one text node and one box that hides its
 * overflow, as plain numbers so it can be tested without a browser. Zoomed to 200% on a
 * 1280 by 1024 screen, a page has 640 by 512 CSS px; text a box cuts off there is lost.
 * Two ways of cutting are clean and allowed: one line ended by an ellipsis
 * (white-space: nowrap and a text-overflow other than clip), and a box exactly one line
 * tall (the line height fills it, so the lines after the first are hidden whole).
 */

export interface ClipAxisInput {
  /** The text's extent on this axis, in CSS px (layout ignores clipping, so it is the whole text). */
  textStart: number;
  textEnd: number;
  /** The part of the box its overflow setting does not hide. */
  boxStart: number;
  boxEnd: number;
}

/** Rounding: sub-pixel layout differs between runs by less than this. */
const SLACK = 1;

export const cutOff = (axis: ClipAxisInput): boolean => axis.textStart < axis.boxStart - SLACK || axis.textEnd > axis.boxEnd + SLACK;

/** Horizontally cut text is allowed when the box ends its one line with a visible marker. */
export const cleanSideways = (whiteSpace: string, textOverflow: string): boolean => /nowrap/.test(whiteSpace) && textOverflow !== 'clip' && textOverflow !== '';

/**
 * Vertically cut text is allowed when the box is one line tall. ACT words it "line height at
 * least the box height", but its Failed Example 4 (a 10 px box, 18 px lines) fails: a box
 * shorter than one line cuts that line through its letters. So the line must fill the box
 * without being taller than it.
 */
export const cleanOneLine = (lineHeight: number, boxHeight: number): boolean => boxHeight > 0 && Math.abs(lineHeight - boxHeight) <= SLACK;
