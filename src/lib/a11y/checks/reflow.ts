/**
 * Reflow (WCAG 1.4.10) at 320 CSS px: nothing makes the page scroll sideways, and nothing
 * sticks out past the right edge, except inside a box that scrolls on its own (a data
 * table in .table-scroll), which WCAG allows for content that needs two dimensions.
 */
import type { Page } from 'playwright-core';
import type { Recorder } from '../recorder.ts';

export async function checkReflow(page: Page, recorder: Recorder, condition: string): Promise<void> {
  const info = await page.evaluate(() => window.__tfA11y!.reflow());
  const common = { check: 'reflow' as const, criteria: ['1.4.10'], impact: 'serious' as const };
  const fix =
    'Let it fit the screen: no fixed widths wider than the screen (use max-width: 100%), let flex and grid rows wrap, and break long words (overflow-wrap: anywhere). A data table may scroll inside its own box: wrap it in a focusable region with overflow-x: auto.';
  if (info.offenders.length === 0 && info.scrollWidth > info.viewport + 1) {
    await recorder.add(
      {
        ...common,
        rule: 'reflow-horizontal-scroll',
        summary: `The page scrolls sideways on a ${info.viewport} px wide screen`,
        detail: `The page is ${info.scrollWidth} px wide on a ${info.viewport} px wide screen.`,
        fix,
      },
      condition,
      page,
    );
  }
  for (const item of info.offenders) {
    await recorder.add(
      {
        ...common,
        rule: 'reflow-overflow',
        summary: `Content is wider than a ${info.viewport} px wide screen`,
        detail: item.hidden
          ? `This visually hidden element sits at ${item.right} px on a ${info.viewport} px wide screen, so the whole page scrolls sideways. It is absolutely positioned, so a scrolling box that is not positioned does not hold it.`
          : `It reaches ${item.right} px (it is ${item.width} px wide) on a ${info.viewport} px wide screen${item.cutBy ? `, and ${item.cutBy} cuts it off, so part of it cannot be seen` : ', so people must scroll sideways to read it'}.`,
        fix: item.hidden ? 'Give the box that scrolls (or its table cell) position: relative, so hidden text inside it stays inside it.' : fix,
        selector: item.selector,
        html: item.html,
      },
      condition,
      page,
    );
  }
}
