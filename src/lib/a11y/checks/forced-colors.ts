/**
 * Forced colours (Windows Contrast themes) with reduced motion: axe again, and nothing
 * that could be seen before may disappear (text turning the colour of its background,
 * controls or images no longer drawn). With reduced motion asked for, nothing may keep moving.
 */
import type { Page } from 'playwright-core';
import type { Recorder } from '../recorder.ts';
import { checkAxe } from './axe.ts';

export async function checkForcedColors(page: Page, recorder: Recorder, condition: string): Promise<void> {
  await page.evaluate(() => window.__tfA11y!.snapshotVisible());
  await page.emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' });
  try {
    // axe reads -webkit-text-fill-color, which forced colours leave alone, so its contrast
    // results repeat the normal run; those merge into the problems already found.
    await checkAxe(page, recorder, { check: 'forced-colors', condition, sameAs: 'axe' });
    const { hidden, motion } = await page.evaluate(() => window.__tfA11y!.hiddenNow());
    for (const item of hidden) {
      const text = item.reason.startsWith('its text');
      await recorder.add(
        {
          check: 'forced-colors',
          rule: 'forced-colors-hidden',
          criteria: text ? ['1.4.3'] : ['1.4.11'],
          impact: 'serious',
          summary: 'Content disappears in forced colours (Windows Contrast themes)',
          detail: `It could be seen with the site’s own colours, but in forced colours ${item.reason}${item.text ? `: "${item.text.slice(0, 80)}"` : ''}.`,
          fix: 'Do not carry meaning in background images or colours alone. Use real text and borders; in @media (forced-colors: active) use system colours (CanvasText, ButtonText, LinkText) rather than turning forced colours off.',
          selector: item.selector,
          html: item.html,
        },
        condition,
        page,
      );
    }
    for (const item of motion) {
      await recorder.add(
        {
          check: 'forced-colors',
          rule: 'motion-not-reduced',
          criteria: ['2.2.2'],
          impact: 'moderate',
          summary: 'Something keeps moving when the reader asks for reduced motion',
          detail: `${item.detail}, although the browser asks for reduced motion.`,
          fix: 'Stop or remove animations in @media (prefers-reduced-motion: reduce), and give moving content a pause button.',
          selector: item.selector,
          html: item.html,
        },
        condition,
        page,
      );
    }
  } finally {
    await page.emulateMedia({ forcedColors: null, reducedMotion: null });
  }
}
