/**
 * Text spacing (WCAG 1.4.12): with line height 1.5, paragraph spacing 2em, letter spacing
 * 0.12em and word spacing 0.16em, no text may be cut off or run into other text. Text cut
 * off by its box is reported whether or not the spacing caused it (a fixed height with
 * overflow hidden loses text either way); overlaps only when the spacing causes them.
 */
import type { Page } from 'playwright-core';
import type { Recorder } from '../recorder.ts';

export async function checkTextSpacing(page: Page, recorder: Recorder, condition: string): Promise<void> {
  try {
    const info = await page.evaluate(() => window.__tfA11y!.textSpacing());
    const common = { check: 'text-spacing' as const, criteria: ['1.4.12'], impact: 'serious' as const };
    for (const item of info.clipped) {
      await recorder.add(
        {
          ...common,
          rule: item.before ? 'text-clipped' : 'text-spacing-clipped',
          summary: item.before ? 'Text is cut off, with or without extra text spacing' : 'Text is cut off when a reader increases text spacing',
          detail: item.before
            ? `Its box is too small for its text and hides the rest ${item.overflow}, already with the site’s own spacing and still with WCAG text spacing: "${item.text.slice(0, 80)}".`
            : `With WCAG text spacing, its text no longer fits and is hidden ${item.overflow}: "${item.text.slice(0, 80)}".`,
          fix: 'Do not fix the height or width of boxes that hold text, or hide their overflow; let them grow (min-height instead of height, no overflow: hidden).',
          selector: item.selector,
          html: item.html,
        },
        condition,
        page,
      );
    }
    // Alike in shape to reflow.ts: each check turns what its page code found into findings with recorder.add; the findings' words are each check's own.
    for (const pair of info.overlaps) {
      await recorder.add(
        {
          ...common,
          rule: 'text-spacing-overlap',
          summary: 'Text runs into other text when a reader increases text spacing',
          detail: `"${pair.a.text.slice(0, 60)}" overlaps "${pair.b.text.slice(0, 60)}" (${pair.b.selector}).`,
          fix: 'Let boxes grow with their text: avoid fixed heights and absolute positioning for text, and use padding or gaps instead of tight line boxes.',
          selector: pair.a.selector,
          html: pair.a.html,
        },
        condition,
        page,
      );
    }
  } finally {
    await page.evaluate(() => window.__tfA11y?.spacingOff());
  }
}
