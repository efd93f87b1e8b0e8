/**
 * Resize text (WCAG 1.4.4, ACT 59br37): at 200% zoom on a 1280 by 1024 screen, that is at
 * 640 by 512 CSS px, no box with overflow hidden or clip may cut text off. Text spacing
 * (1.4.12) has its own check; this one runs with the site's own spacing, so text cut off
 * with or without extra spacing is found by one or the other.
 */
import type { Page } from 'playwright-core';
import type { Recorder } from '../recorder.ts';

/** 1280 by 1024 at 200%: the screen 1.4.4 is measured on (ACT 59br37, and 1.4.10's 1280 px). */
export const ZOOMED = { width: 640, height: 512 } as const;

export async function checkZoomClipping(page: Page, recorder: Recorder): Promise<void> {
  await page.setViewportSize(ZOOMED);
  const info = await page.evaluate(() => window.__tfA11y!.zoomClipping());
  for (const item of info.clipped) {
    await recorder.add(
      {
        check: 'reflow',
        rule: 'zoom-text-clipped',
        criteria: ['1.4.4'],
        impact: 'serious',
        summary: 'Text is cut off when the page is zoomed to 200%',
        detail: `At ${info.viewport.width} by ${info.viewport.height} CSS px (a 1280 by 1024 screen zoomed to 200%) this box hides part of its text ${item.overflow}: "${item.sample}".`,
        fix: 'Let the box grow with its text (min-height instead of height, no overflow: hidden on boxes that hold text). To shorten one line on purpose, use white-space: nowrap with text-overflow: ellipsis and give the full text elsewhere.',
        selector: item.selector,
        html: item.html,
      },
      `200% zoom (${info.viewport.width} px)`,
      page,
    );
  }
}
