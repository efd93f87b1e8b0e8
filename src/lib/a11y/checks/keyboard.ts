/**
 * Keyboard: a real walk with Tab, then back with Shift+Tab, as a keyboard user would.
 * - every visible link, button and field is reached (2.1.1);
 * - focus keeps moving and leaves every component (no trap, 2.1.2);
 * - the order follows the page (2.4.3);
 * - each stop looks different when focused, compared with its own unfocused look (2.4.7),
 *   and is not hidden under something else (2.4.11);
 * - the first stop is a skip link that takes focus into <main> (2.4.1).
 */
import type { Page } from 'playwright-core';
import type { FocusStop } from '../page/types.ts';
import type { Recorder } from '../recorder.ts';
import { mentionedKeys } from './keyboard-escapes.ts';

export interface KeyboardOptions {
  condition: string;
  /** Expect a skip link as the first stop and follow it (pages as loaded; not mid-interaction states). */
  skipLink: boolean;
  /**
   * Brings the page back to how the walk found it, for the second walk that confirms a trap
   * (a reload, or a reload and reopening the state). Without it focus is only put back, and a
   * page whose blur handlers move focus is not really back where it started.
   */
  restart?: () => Promise<void>;
}

interface Walk {
  stops: FocusStop[];
  /** Index in stops before which focus passed through the page itself (left the document). */
  bodyAt: number | null;
  trap: { stop: FocusStop; kind: 'stuck' | 'loop'; loop: FocusStop[] } | null;
  complete: boolean;
  escaped: boolean;
  /** Where focus was when the page did not settle after a key press (twice), or null. */
  unsettled: FocusStop | null;
}

const NOUNS: Record<string, string> = { a: 'link', area: 'link', button: 'button', input: 'field', select: 'list', textarea: 'text box', summary: 'summary', iframe: 'frame', video: 'video player', audio: 'audio player', object: 'embedded object' };
/** "link", "button", "field": what a person would call the element. */
const noun = (tag: string) => NOUNS[tag] ?? `<${tag}> element`;

/** Presses a key and reads where focus went once the page has handled it and stopped moving. */
class Keys {
  private seen = 0;
  private readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }
  async start(): Promise<void> {
    this.seen = await this.page.evaluate(() => window.__tfA11y!.keyEventCount());
  }
  async press(key: string, light: boolean): Promise<{ settled: boolean; stop: FocusStop }> {
    await this.page.keyboard.press(key);
    const next = await this.page.evaluate(([seen, quick]) => window.__tfA11y!.keyboardNext(seen, quick), [this.seen, light] as const);
    this.seen = next.keys;
    return next;
  }
}

/**
 * Presses `key` until focus comes back to where it started (the element focused at the
 * start, or the first stop after passing through the whole page).
 */
async function walk(page: Page, key: 'Tab' | 'Shift+Tab', startUid: number | null, max: number, onStop?: (stop: FocusStop) => Promise<void>): Promise<Walk> {
  const light = !onStop;
  const keys = new Keys(page);
  await keys.start();
  let ways: string[] | null = null;
  /**
   * Tries the ways out of a loop WCAG allows: Escape, then each key combination the page's
   * text names. Returns where the next `key` press lands once out, or null when none works
   * (or the page did not settle: then `unsettled` says where).
   */
  const getOut = async (loop: readonly FocusStop[]): Promise<{ stop: FocusStop | null; unsettled: FocusStop | null }> => {
    ways ??= ['Escape', ...mentionedKeys(await page.evaluate(() => (document.body ?? document.documentElement).innerText ?? ''))];
    const outside = (stop: FocusStop) => stop.kind === 'body' || !loop.some((item) => item.uid === stop.uid);
    for (const way of ways) {
      const pressed = await keys.press(way, light);
      if (!pressed.settled) return { stop: null, unsettled: pressed.stop };
      // The key itself may move focus out (Escape closing a dialog, a shortcut to the next part).
      if (outside(pressed.stop)) return { stop: pressed.stop, unsettled: null };
      const after = await keys.press(key, light);
      if (!after.settled) return { stop: null, unsettled: after.stop };
      if (outside(after.stop)) return { stop: after.stop, unsettled: null };
    }
    return { stop: null, unsettled: null };
  };
  const stops: FocusStop[] = [];
  const seen = new Map<number, number>();
  let bodyAt: number | null = null;
  let last = startUid;
  let stuck = 0;
  let inside = 0;
  let escaped = false;
  /**
   * Carries on from where focus went after leaving a loop, or says it has 'been' there: a way
   * out that leads back to where the walk came from (Shift+Tab out of a loop whose named key
   * jumps forwards) lets people out, but this walk can go no further.
   */
  const goOnFrom = (stop: FocusStop): 'on' | 'been' => {
    escaped = true;
    if (stop.kind !== 'body' && seen.has(stop.uid)) return 'been';
    if (stop.kind === 'body') {
      bodyAt = stops.length;
      last = null;
    } else {
      seen.set(stop.uid, stops.length);
      stops.push(stop);
      last = stop.uid;
    }
    return 'on';
  };
  const end = (fields: Partial<Walk>): Walk => ({ stops, bodyAt, trap: null, complete: false, escaped, unsettled: null, ...fields });
  /**
   * A stop that seems out of sight is tried once more before it is believed: Shift+Tab back
   * and `key` again. The browser scrolls what takes focus into view; if the page's layout
   * moved after that (a component loading as the walk nears it and revealing content above
   * the focused element), the first reading is of a place focus no longer is. The second
   * press lands on the same element with the layout as it is now. Landing elsewhere means
   * the page changed under the walk: that is not settled, so the walk says could not test.
   */
  const retried = async (first: FocusStop): Promise<{ settled: boolean; stop: FocusStop }> => {
    if (light || first.kind === 'body' || !first.invisible) return { settled: true, stop: first };
    const back = await keys.press(key === 'Tab' ? 'Shift+Tab' : 'Tab', true);
    if (!back.settled) return back;
    const again = await keys.press(key, light);
    if (!again.settled || again.stop.uid !== first.uid) return { settled: false, stop: again.stop };
    return again;
  };
  for (let press = 0; press < max; press++) {
    const pressed = await keys.press(key, light);
    const { settled, stop } = pressed.settled ? await retried(pressed.stop) : pressed;
    if (!settled) return end({ unsettled: stop });
    if (stop.kind === 'body') {
      // Focus left the document: the end of the page (or the start, going backwards).
      if (bodyAt !== null && stops.length === bodyAt) return end({ complete: true });
      bodyAt = stops.length;
      last = null;
      continue;
    }
    if (stop.uid === last) {
      // Tab inside an iframe, a media player's controls or an embedded object moves focus
      // within it while the element itself stays the active element.
      if ((stop.kind === 'iframe' || stop.media) && ++inside < 80) continue;
      if (++stuck < 2) continue;
      const out = await getOut([stop]);
      if (out.unsettled) return end({ unsettled: out.unsettled });
      if (!out.stop) return end({ trap: { stop, kind: 'stuck', loop: [stop] } });
      stuck = 0;
      if (goOnFrom(out.stop) === 'been') return end({ escaped: true });
      continue;
    }
    stuck = 0;
    inside = 0;
    if (startUid !== null && stop.uid === startUid) return end({ complete: true });
    const earlier = seen.get(stop.uid);
    if (earlier !== undefined) {
      // Back at the first stop: the walk went round the whole page. Past the last stop Chromium
      // sometimes leaves the page (a body stop) and sometimes wraps straight to the first; both are
      // the end of the page, not a loop.
      if (startUid === null && earlier === 0) return end({ complete: true });
      // Going round without leaving: allowed only if Escape (a modal dialog) or a key the page names lets people out.
      const loop = stops.slice(earlier);
      const out = await getOut(loop);
      if (out.unsettled) return end({ unsettled: out.unsettled });
      if (!out.stop) return end({ trap: { stop, kind: 'loop', loop } });
      if (goOnFrom(out.stop) === 'been') return end({ escaped: true });
      continue;
    }
    seen.set(stop.uid, stops.length);
    stops.push(stop);
    last = stop.uid;
    await onStop?.(stop);
  }
  return end({});
}

/** What the walk found; `untested` when the page never settled, so nothing can be said. */
export interface KeyboardResult {
  note?: string;
  untested?: boolean;
}

export async function checkKeyboard(page: Page, recorder: Recorder, options: KeyboardOptions): Promise<KeyboardResult> {
  const before = new Set(recorder.problems.keys());
  const result = await walkAndReport(page, recorder, options);
  if (result.untested) {
    // A walk that could not settle says nothing for sure: none of its findings stand.
    for (const [id, problem] of recorder.problems) if (!before.has(id) && problem.check === 'keyboard') recorder.problems.delete(id);
  }
  return result;
}

const untested = (where: FocusStop | null): KeyboardResult => ({
  untested: true,
  note: `could not test: after a key press the page did not settle (focus, scrolling or layout kept changing${where && where.kind !== 'body' ? ` at ${where.selector}` : ''}), even on a second try`,
});

async function walkAndReport(page: Page, recorder: Recorder, options: KeyboardOptions): Promise<KeyboardResult> {
  const { condition } = options;
  const add = (finding: Parameters<Recorder['add']>[0]) => recorder.add(finding, condition, page);
  // A skip link is the portal's policy and good practice, but 2.4.1 Bypass Blocks is also met by
  // landmarks or headings (axe's "bypass" rule checks that), so a missing or broken one is advice.
  const advise = (finding: Parameters<Recorder['add']>[0]) =>
    recorder.review(
      {
        kind: 'best-practice',
        check: 'keyboard',
        rule: finding.rule,
        summary: finding.summary,
        question: `${finding.fix} Landmarks and headings already let people skip repeated blocks (2.4.1), so this is advice, not a failure.`,
        criteria: [],
        helpUrl: null,
        elements: [{ selector: finding.selector ?? null, html: finding.html ?? null, detail: finding.detail }],
      },
      condition,
    );
  const prep = await page.evaluate(() => window.__tfA11y!.keyboardPrepare());
  const max = Math.min(2 * prep.expected + 40, 900);

  const forward = await walk(page, 'Tab', prep.activeUid, max, async (stop) => {
    if (stop.invisible) {
      await add({
        check: 'keyboard',
        rule: 'focus-invisible',
        criteria: ['2.4.7'],
        impact: 'serious',
        summary: 'Keyboard focus lands on something that cannot be seen',
        detail: `Tab stops on this ${noun(stop.tag)}${stop.text ? ` ("${stop.text.slice(0, 60)}")` : ''}, but it is hidden, clipped or off the screen, so the focus seems to vanish.`,
        fix: 'If it should not be used, remove it from the page or hide it with display: none or the hidden attribute. If it should, show it when it takes focus (as a skip link does).',
        selector: stop.selector,
        html: stop.html,
      });
    } else if (stop.compared && !stop.indicator) {
      await add({
        check: 'keyboard',
        rule: 'focus-not-visible',
        criteria: ['2.4.7'],
        impact: 'serious',
        summary: 'Keyboard focus is not visible',
        detail: `Nothing about this ${noun(stop.tag)} changes when it takes focus: its outline, box shadow, background, colours, border and underline (and those of its ::before, ::after and parent) look the same as before.`,
        fix: 'Give it a clear :focus-visible style (for example outline: 3px solid with a colour that stands out from the background). Never remove the outline without putting something as visible in its place.',
        selector: stop.selector,
        html: stop.html,
      });
    } else if (stop.obscured) {
      await add({
        check: 'keyboard',
        rule: 'focus-obscured',
        criteria: ['2.4.11'],
        impact: 'serious',
        summary: 'The focused element is hidden behind other content',
        detail: `When this ${noun(stop.tag)} has focus, something else covers it completely (a sticky header, a banner or a dialog).`,
        fix: 'Keep sticky and fixed boxes from covering focused content: use scroll-padding-top equal to the sticky header’s height, or do not make the box sticky.',
        selector: stop.selector,
        html: stop.html,
      });
    }
  });

  if (forward.unsettled) return untested(forward.unsettled);
  if (forward.trap) {
    // A trap is checked once more from the start before it is reported: a trap both times
    // is a trap; a trap only once means the page behaves differently each time.
    let startUid = prep.activeUid;
    if (options.restart) {
      await options.restart();
      startUid = (await page.evaluate(() => window.__tfA11y!.keyboardPrepare())).activeUid;
    } else {
      await page.evaluate(() => window.__tfA11y!.keyboardReset());
    }
    const again = await walk(page, 'Tab', startUid, max);
    if (again.unsettled) return untested(again.unsettled);
    // By selector: after a reload the elements are new ones.
    if (!again.trap || again.trap.stop.selector !== forward.trap.stop.selector) {
      return { untested: true, note: `could not test: focus was trapped at ${forward.trap.stop.selector} on one walk through the page and not on a second` };
    }
    const { stop, kind, loop } = forward.trap;
    await add({
      check: 'keyboard',
      rule: 'keyboard-trap',
      criteria: ['2.1.2'],
      impact: 'critical',
      summary: 'Keyboard focus is trapped',
      detail:
        kind === 'stuck'
          ? `Pressing Tab on this ${noun(stop.tag)} does not move focus, so a keyboard user cannot go on.`
          : `Tab goes round ${loop.length} element${loop.length === 1 ? '' : 's'} (${loop.slice(0, 4).map((item) => item.selector).join(' → ')} → back) and never leaves them; Escape does not let focus out either.`,
      fix: 'Do not stop Tab (or move focus back) in keydown handlers. A dialog may keep focus inside while open, but Escape must close it and return focus.',
      selector: stop.selector,
      html: stop.html,
    });
    return { note: 'the walk stopped at a keyboard trap' };
  }

  const sequence = forward.stops;
  for (let i = 1; i < sequence.length; i++) {
    if (i === forward.bodyAt) continue;
    const previous = sequence[i - 1]!;
    const stop = sequence[i]!;
    if (stop.afterPrevious === false) {
      await add({
        check: 'keyboard',
        rule: 'focus-order',
        criteria: ['2.4.3'],
        impact: 'moderate',
        summary: 'Tab moves backwards through the page',
        detail: `Tab goes from ${previous.selector}${previous.text ? ` ("${previous.text.slice(0, 40)}")` : ''} back to this ${noun(stop.tag)}, which comes earlier in the page.`,
        fix: 'Remove tabindex values greater than 0 and put elements in the page in the order they are read.',
        selector: stop.selector,
        html: stop.html,
      });
    } else if (!previous.pinned && !stop.pinned && stop.bottom < previous.top - 4 && stop.left <= previous.left + 4) {
      await add({
        check: 'keyboard',
        rule: 'focus-order-visual',
        criteria: ['2.4.3'],
        impact: 'moderate',
        summary: 'Tab jumps back up the screen',
        detail: `Tab goes from ${previous.selector} (at ${previous.top} px down the page) up to this ${noun(stop.tag)} (at ${stop.top} px), so focus moves against the reading order.`,
        fix: 'Make the visual order match the source order: avoid CSS order, grid placement or absolute positioning that moves controls above earlier ones.',
        selector: stop.selector,
        html: stop.html,
      });
    }
  }

  if (forward.complete) {
    for (const missed of await page.evaluate(() => window.__tfA11y!.keyboardUnreached())) {
      await add({
        check: 'keyboard',
        rule: 'not-keyboard-reachable',
        criteria: ['2.1.1'],
        impact: 'serious',
        summary: 'A control cannot be reached with the Tab key',
        detail: `It can be seen and clicked${missed.text ? ` ("${missed.text.slice(0, 60)}")` : ''}, but pressing Tab through the whole page never lands on it.`,
        fix: 'Use a real <a href>, <button> or form field, and do not give it tabindex="-1". If it should not be used, hide it properly.',
        selector: missed.selector,
        html: missed.html,
      });
    }
  }

  const entry = prep.activeUid === null ? sequence[0] : forward.bodyAt !== null ? sequence[forward.bodyAt] : undefined;
  if (options.skipLink && forward.complete) {
    if (!entry?.skipLink) {
      advise({
        check: 'keyboard',
        rule: 'skip-link',
        criteria: [],
        impact: 'moderate',
        summary: 'The first Tab stop is not a skip link',
        detail: entry ? `The first Tab stop is ${entry.selector}${entry.text ? ` ("${entry.text.slice(0, 40)}")` : ''}.` : 'Nothing on the page takes keyboard focus.',
        fix: 'Make the first link on every page "Skip to main content" (<a href="#main-content">), shown when it has focus, pointing at <main id="main-content" tabindex="-1">.',
        selector: entry?.selector ?? null,
        html: entry?.html ?? null,
      });
    } else if (!entry.skipLink.targetInMain) {
      advise({
        check: 'keyboard',
        rule: 'skip-link',
        criteria: [],
        impact: 'moderate',
        summary: 'The skip link does not lead to the main content',
        detail: `${entry.html} points at something that is not <main> or inside it.`,
        fix: 'Point the skip link at the id of the <main> element.',
        selector: entry.selector,
        html: entry.html,
      });
    }
  }

  // Back again with Shift+Tab, from where the forward walk ended.
  const here = prep.activeUid ?? sequence[0]?.uid ?? null;
  if (forward.complete && here !== null) {
    const backward = await walk(page, 'Shift+Tab', here, max);
    if (backward.unsettled) return untested(backward.unsettled);
    if (backward.trap) {
      const { stop } = backward.trap;
      await add({
        check: 'keyboard',
        rule: 'keyboard-trap',
        criteria: ['2.1.2'],
        impact: 'critical',
        summary: 'Keyboard focus is trapped going backwards',
        detail: `Going backwards with Shift+Tab, focus cannot get past this ${noun(stop.tag)}.`,
        fix: 'Do not stop Shift+Tab (or move focus) in keydown handlers.',
        selector: stop.selector,
        html: stop.html,
      });
    } else if (backward.complete) {
      const back = new Set(backward.stops.map((stop) => stop.uid));
      for (const stop of sequence) {
        if (back.has(stop.uid) || stop.uid === here) continue;
        await add({
          check: 'keyboard',
          rule: 'focus-order',
          criteria: ['2.4.3'],
          impact: 'moderate',
          summary: 'Shift+Tab skips something Tab reaches',
          detail: `Going forwards Tab reaches this ${noun(stop.tag)}; going backwards Shift+Tab never does.`,
          fix: 'Do not move focus in focus or keydown handlers; let the browser follow the page order both ways.',
          selector: stop.selector,
          html: stop.html,
        });
      }
    }
    // Finally follow the skip link: focus (or the next Tab) must land in <main>.
    if (options.skipLink && prep.activeUid === null && entry?.skipLink?.targetInMain && backward.complete) {
      const keys = new Keys(page);
      await keys.start();
      if (!(await keys.press('Enter', true)).settled) return untested(entry);
      let after = await page.evaluate(() => window.__tfA11y!.keyboardAfterSkip());
      if (!after.activeInMain) {
        if (!(await keys.press('Tab', true)).settled) return untested(entry);
        after = await page.evaluate(() => window.__tfA11y!.keyboardAfterSkip());
      }
      if (!after.activeInMain) {
        advise({
          check: 'keyboard',
          rule: 'skip-link',
          criteria: [],
          impact: 'moderate',
          summary: 'The skip link does not move focus to the main content',
          detail: `After pressing Enter on the skip link (and Tab once more), focus is on ${after.active}, outside <main>.`,
          fix: 'Give <main> an id and tabindex="-1", and point the skip link at that id.',
          selector: entry.selector,
          html: entry.html,
        });
      }
    }
  }
  return { note: forward.complete ? (forward.escaped ? 'a loop was left with Escape (a dialog) or a key the page names' : undefined) : `focus did not come round within ${max} presses` };
}
