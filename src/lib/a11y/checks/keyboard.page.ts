/**
 * Page side of the keyboard walk: what is expected to take focus, where focus is after
 * each key press and how it looks there, and waiting until the page has settled after a
 * press (the key handled, focus and layout unchanged for two frames) rather than for a
 * fixed time.
 */
import { backgroundOf, contrastRatio, over, rgba, type Rgba } from '../page/colour.ts';
import { contentRoot, ref, selectorOf, uidOf } from '../page/elements.ts';
import type { ElementRef, FocusStop, KeyboardPrep, SkipResult } from '../page/types.ts';
import { clippedAway, rendered } from '../page/visibility.ts';

export interface Look {
  outlineStyle: string;
  outlineWidth: string;
  outlineColor: string;
  outlineOffset: string;
  boxShadow: string;
  backgroundColor: string;
  backgroundImage: string;
  color: string;
  borderColor: string;
  borderWidth: string;
  textDecorationLine: string;
  content: string;
}

export interface Looks {
  self: Look;
  before: Look;
  after: Look;
  parent: Look | null;
  /**
   * The elements just before and after it (null where there is none, or it holds focus now):
   * a page may draw the indicator as a separate element beside the control (ACT oj04fd).
   */
  beside: [Look | null, Look | null];
  background: Rgba;
}

const lookOf = (style: CSSStyleDeclaration): Look => ({
  outlineStyle: style.outlineStyle,
  outlineWidth: style.outlineWidth,
  outlineColor: style.outlineColor,
  outlineOffset: style.outlineOffset,
  boxShadow: style.boxShadow,
  backgroundColor: style.backgroundColor,
  backgroundImage: style.backgroundImage,
  color: style.color,
  borderColor: [style.borderTopColor, style.borderRightColor, style.borderBottomColor, style.borderLeftColor].join(' '),
  borderWidth: [style.borderTopWidth, style.borderRightWidth, style.borderBottomWidth, style.borderLeftWidth].join(' '),
  textDecorationLine: style.textDecorationLine,
  content: style.content,
});

/** Unfocused looks only: a neighbour holding focus now would seem to change when it loses it. */
const lookBeside = (el: Element | null): Look | null => (el && !el.contains(document.activeElement) ? lookOf(getComputedStyle(el)) : null);

function looksOf(el: Element): Looks {
  return {
    self: lookOf(getComputedStyle(el)),
    before: lookOf(getComputedStyle(el, '::before')),
    after: lookOf(getComputedStyle(el, '::after')),
    parent: el.parentElement ? lookOf(getComputedStyle(el.parentElement)) : null,
    beside: [lookBeside(el.previousElementSibling), lookBeside(el.nextElementSibling)],
    background: backgroundOf(el.parentElement, [255, 255, 255, 1]),
  };
}

const outlineShows = (look: Look) => look.outlineStyle !== 'none' && parseFloat(look.outlineWidth) >= 1 && (rgba(look.outlineColor)?.[3] ?? 1) > 0.1;

export function shadowShows(shadow: string): boolean {
  if (!shadow || shadow === 'none') return false;
  return shadow.split(/,(?![^(]*\))/).some((layer) => {
    const colour = /rgba?\([^)]*\)/.exec(layer)?.[0];
    if (colour && (rgba(colour)?.[3] ?? 1) <= 0.1) return false;
    const lengths = (layer.replace(/rgba?\([^)]*\)/, '').match(/-?[\d.]+px/g) ?? []).map(parseFloat);
    return lengths.some((value) => value !== 0);
  });
}

const bordersShow = (look: Look) => look.borderWidth.split(' ').some((width) => parseFloat(width) >= 1) && (rgba(look.borderColor.split(' ')[0] ?? '')?.[3] ?? 1) > 0.1;

/**
 * What visibly changes from `was` to `now`, or null. A colour change counts only when the
 * two colours differ enough to be told apart (background ratio 1.1, text colour 1.3).
 */
export function changeIn(was: Look, now: Look, background: Rgba): string | null {
  if (outlineShows(now) && (!outlineShows(was) || was.outlineColor !== now.outlineColor || was.outlineWidth !== now.outlineWidth || was.outlineStyle !== now.outlineStyle || was.outlineOffset !== now.outlineOffset)) {
    return `outline ${now.outlineWidth} ${now.outlineStyle} ${now.outlineColor}`;
  }
  if (now.boxShadow !== was.boxShadow && shadowShows(now.boxShadow)) return `box-shadow ${now.boxShadow}`;
  if (now.backgroundColor !== was.backgroundColor) {
    const [a, b] = [rgba(was.backgroundColor), rgba(now.backgroundColor)];
    if (!a || !b || contrastRatio(over(a, background), over(b, background)) >= 1.1) return `background ${was.backgroundColor} → ${now.backgroundColor}`;
  }
  if (now.backgroundImage !== was.backgroundImage) return 'background image changes';
  if (now.color !== was.color) {
    const [a, b] = [rgba(was.color), rgba(now.color)];
    if (!a || !b || contrastRatio(over(a, background), over(b, background)) >= 1.3) return `text colour ${was.color} → ${now.color}`;
  }
  if ((now.borderColor !== was.borderColor || now.borderWidth !== was.borderWidth) && bordersShow(now)) return `border ${now.borderWidth} ${now.borderColor}`;
  if (now.textDecorationLine !== was.textDecorationLine) return `underline ${was.textDecorationLine} → ${now.textDecorationLine}`;
  if (now.content !== was.content) return 'generated content changes';
  return null;
}

export function indicatorOf(was: Looks, now: Looks): string | null {
  const prefixed = (prefix: string, change: string | null) => (change ? `${prefix}${change}` : null);
  return (
    changeIn(was.self, now.self, was.background) ??
    prefixed('::before ', changeIn(was.before, now.before, was.background)) ??
    prefixed('::after ', changeIn(was.after, now.after, was.background)) ??
    (was.parent && now.parent ? prefixed('parent ', changeIn(was.parent, now.parent, was.background)) : null) ??
    was.beside.reduce<string | null>((found, look, i) => found ?? (look && now.beside[i] ? prefixed(i ? 'next element ' : 'previous element ', changeIn(look, now.beside[i]!, was.background)) : null), null)
  );
}

const FOCUSABLE =
  'a[href], area[href], button, input, select, textarea, summary, iframe, object, [tabindex], [contenteditable]:not([contenteditable="false"]), audio[controls], video[controls]';
const INTERACTIVE = 'a[href], area[href], button, input, select, textarea, summary, iframe, [contenteditable]:not([contenteditable="false"]), audio[controls], video[controls]';
/** Browsers move focus through the controls inside these while the element itself stays active. */
const CONTAINS_FOCUS = 'audio[controls], video[controls], object, embed';

const radioGroupOf = (el: Element) => (el instanceof HTMLInputElement && el.type === 'radio' && el.name ? `${el.form ? selectorOf(el.form) : 'page'}|${el.name}` : null);

let keyboard: { expected: Element[]; looks: Map<Element, Looks>; focused: Set<Element>; previous: Element | null; start: Element | null } = {
  expected: [],
  looks: new Map(),
  focused: new Set(),
  previous: null,
  start: null,
};

function deepActive(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el && el !== document.body && el !== document.documentElement ? el : null;
}

/** Inert: under an inert ancestor, or outside the open modal dialog. */
function inert(el: Element): boolean {
  if (el.closest('[inert]')) return true;
  const modal = document.querySelector('dialog:modal');
  return Boolean(modal && !modal.contains(el));
}

/**
 * Whether Tab should reach anything in a frame: its document has something in the tab order,
 * and the frame can be seen (a 1 px frame is a tracking or helper frame, not meant to be used).
 * A frame from another site cannot be looked into, so it is expected, as before.
 */
function frameHasTabStops(frame: HTMLIFrameElement): boolean {
  // The content box, not the border box: a width="1" frame still has its 2 px default border.
  if (frame.clientWidth <= 1 || frame.clientHeight <= 1) return false;
  let doc: Document | null = null;
  try {
    doc = frame.contentDocument;
  } catch {
    doc = null;
  }
  if (!doc) return true;
  return [...doc.querySelectorAll(FOCUSABLE)].some((inner) => {
    const tabindex = inner.getAttribute('tabindex');
    if (tabindex !== null && Number(tabindex) < 0) return false;
    if (inner.matches(':disabled') || inner.closest('[inert]') || (inner instanceof HTMLInputElement && inner.type === 'hidden')) return false;
    return inner.matches(INTERACTIVE) || tabindex !== null ? inner.getClientRects().length > 0 : false;
  });
}

export function keyboardPrepare(): KeyboardPrep {
  const active = deepActive();
  keyboard = { expected: [], looks: new Map(), focused: new Set(), previous: active, start: active };
  for (const el of contentRoot().querySelectorAll(FOCUSABLE)) {
    if (el.matches(':disabled') || inert(el) || (el instanceof HTMLInputElement && el.type === 'hidden')) continue;
    if (el !== active) keyboard.looks.set(el, looksOf(el));
    const tabindex = el.getAttribute('tabindex');
    // tabindex="-1" on a non-interactive element (main, an error summary) means "focus it from script only".
    if (!el.matches(INTERACTIVE) && !(tabindex !== null && Number(tabindex) >= 0)) continue;
    const rect = el.getBoundingClientRect();
    if (!rendered(el) || clippedAway(el) || rect.right + scrollX <= 0 || rect.bottom + scrollY <= 0) continue;
    // A frame is a Tab stop only for what is inside it: one with nothing to use is not missed.
    if (el instanceof HTMLIFrameElement && !frameHasTabStops(el)) continue;
    keyboard.expected.push(el);
  }
  armKeys();
  return { expected: keyboard.expected.length, activeUid: active ? uidOf(active) : null };
}

/** Puts focus back where it was when the walk was prepared, for a second try. */
export function keyboardReset(): void {
  const start = keyboard.start;
  (deepActive() as HTMLElement | null)?.blur?.();
  if (start?.isConnected && start instanceof HTMLElement) start.focus({ preventScroll: true });
  else scrollTo(0, 0);
  keyboard.focused = new Set();
  keyboard.previous = deepActive();
}

// ---- settling: the key was handled and nothing moves any more -----------------------
let keyEvents = 0;
let armed = false;
function armKeys(): void {
  if (armed) return;
  armed = true;
  // Each press ends with one keyup here, after its keydown's default action (moving focus)
  // is done, even when Tab takes focus out of the page. Waiting for that keyup, not just for
  // focus to move, keeps a late keyup from one press from being taken for the next.
  addEventListener('keyup', wake, true);
  addEventListener('focusin', wake, true);
  addEventListener('focusout', wake, true);
  watchHandlerTimers();
}

/**
 * Timers a page's key or focus handlers start: `onblur="setTimeout(() => this.focus(), 10)"`
 * moves focus back a moment after Tab moved it on (a trap ACT 80af7b describes). Reading
 * focus before such a timer has run says where focus passes, not where it stays, and the
 * answer depends on how busy the machine is. So timers of up to a second started while a
 * key or focus event is being handled are waited for; other timers (pollers, analytics)
 * are not, so a busy page does not slow the walk.
 */
const HANDLER_TIMER_MS = 1000;
const FOCUS_EVENTS = /^(keydown|keypress|keyup|focus|blur|focusin|focusout)$/;
const handlerTimers = new Set<number>();
function watchHandlerTimers(): void {
  const start = window.setTimeout.bind(window);
  const stop = window.clearTimeout.bind(window);
  window.setTimeout = ((handler: TimerHandler, delay?: number, ...rest: unknown[]) => {
    const during = window.event?.type;
    if (typeof handler !== 'function' || !during || !FOCUS_EVENTS.test(during) || (delay ?? 0) > HANDLER_TIMER_MS) return start(handler, delay, ...rest);
    const id: number = start(() => {
      try {
        (handler as (...args: unknown[]) => void)(...rest);
      } finally {
        handlerTimers.delete(id);
        // A task later, so focus moves made by the timer have been handled.
        start(() => wake(new Event('timer')), 0);
      }
    }, delay);
    handlerTimers.add(id);
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined) handlerTimers.delete(id);
    stop(id);
  }) as typeof window.clearTimeout;
}

/** Who is waiting for the next keyup or focus change (event-driven: no polling while the page works). */
let waiting: (() => void) | null = null;
function wake(event: Event): void {
  if (event.type === 'keyup') keyEvents++;
  const resume = waiting;
  waiting = null;
  resume?.();
}
const nextEvent = (ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      waiting = null;
      resolve();
    }, Math.max(0, ms));
    waiting = () => {
      clearTimeout(timer);
      resolve();
    };
  });

/** Key events seen so far: pass it to keyboardNext after pressing a key. */
export const keyEventCount = () => keyEvents;

function fingerprint(): string {
  const el = deepActive();
  const rect = el?.getBoundingClientRect();
  const root = document.documentElement;
  return [el ? uidOf(el) : 0, rect ? [rect.left, rect.top, rect.width, rect.height].map(Math.round).join(',') : '', Math.round(scrollX), Math.round(scrollY), root.scrollHeight, root.scrollWidth].join('|');
}

const task = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const moving = () => getComputedStyle(document.documentElement).scrollBehavior === 'smooth' || document.getAnimations().some((animation) => animation.playState === 'running');

/**
 * Waits until the key pressed after `seen` key events has been handled (its keyup seen, or
 * focus in or into a frame or media player, whose keys this document may not see) and focus,
 * scrolling and layout have stopped changing. False when that did not happen within
 * `limitMs`: the page is too busy (or never stops moving) to say where focus is.
 */
async function settle(seen: number, before: Element | null, limitMs: number): Promise<boolean> {
  const started = performance.now();
  const late = () => performance.now() - started > limitMs;
  // Keys pressed inside a frame or a media player's own controls may never reach this
  // document's listeners: there (or once focus has moved into one), there is no keyup to wait for.
  const opaque = (el: Element | null) => el instanceof HTMLIFrameElement || Boolean(el?.matches(CONTAINS_FOCUS));
  while (keyEvents <= seen && !opaque(before) && !(deepActive() !== before && opaque(deepActive())) && document.hasFocus()) {
    if (late()) return false;
    await nextEvent(limitMs - (performance.now() - started));
  }
  while (handlerTimers.size) {
    if (late()) return false;
    await nextEvent(limitMs - (performance.now() - started));
  }
  let last = fingerprint();
  await task();
  if (!moving() && fingerprint() === last) return true;
  // Something moves (smooth scrolling, a transition, a script): wait for two equal frames.
  for (;;) {
    if (late()) return false;
    await frame();
    const now = fingerprint();
    if (now === last) return true;
    last = now;
  }
}

/** After a key press: waits for the page to settle (trying twice), then says where focus is. */
export async function keyboardNext(seen: number, light: boolean, limitMs = 5000): Promise<{ settled: boolean; stop: FocusStop; keys: number }> {
  const settled = (await settle(seen, keyboard.previous, limitMs)) || (await settle(seen, keyboard.previous, limitMs));
  return { settled, stop: keyboardStep(light), keys: keyEvents };
}

const mainOf = () => document.querySelector('main, [role="main"]');

const BODY_STOP: FocusStop = { kind: 'body', uid: 0, selector: 'body', html: '', text: '', tag: 'body', radioGroup: null, left: 0, top: 0, right: 0, bottom: 0, pinned: false, afterPrevious: null, indicator: null, compared: false, invisible: false, obscured: false, skipLink: null, media: false };

export function keyboardStep(light = false): FocusStop {
  for (const animation of light ? [] : document.getAnimations()) {
    try {
      if (animation.effect?.getComputedTiming().iterations !== Infinity) animation.finish();
    } catch {
      // An animation that cannot finish is left as it is.
    }
  }
  const el = deepActive();
  if (!el) return { ...BODY_STOP };
  keyboard.focused.add(el);
  const previous = keyboard.previous;
  keyboard.previous = el;
  const media = el.matches(CONTAINS_FOCUS);
  const kind = el.localName === 'iframe' ? 'iframe' : 'element';
  if (light) {
    return { ...BODY_STOP, kind, uid: uidOf(el), selector: selectorOf(el), tag: el.localName, radioGroup: radioGroupOf(el), media };
  }
  const rect = el.getBoundingClientRect();
  const invisible = !rendered(el) || clippedAway(el) || rect.bottom <= 0 || rect.right <= 0 || rect.top >= innerHeight || rect.left >= innerWidth;
  const was = keyboard.looks.get(el);
  const indicator = was ? indicatorOf(was, looksOf(el)) : null;

  let obscured = false;
  if (!invisible) {
    const box = el.getClientRects()[0] ?? rect;
    const points = [
      [0.5, 0.5],
      [0.25, 0.25],
      [0.75, 0.25],
      [0.25, 0.75],
      [0.75, 0.75],
    ].map(([fx, fy]) => [Math.min(innerWidth - 1, Math.max(0, box.left + box.width * fx!)), Math.min(innerHeight - 1, Math.max(0, box.top + box.height * fy!))] as const);
    obscured = points.every(([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return hit !== null && hit !== el && !el.contains(hit) && !hit.contains(el);
    });
  }

  let pinned = false;
  for (let node: Element | null = el; node; node = node.parentElement) {
    const position = getComputedStyle(node).position;
    if (position === 'fixed' || position === 'sticky') pinned = true;
  }

  let skipLink: FocusStop['skipLink'] = null;
  const href = el.getAttribute('href');
  if (el.localName === 'a' && href?.startsWith('#') && href.length > 1) {
    let target: Element | null = null;
    try {
      target = document.getElementById(decodeURIComponent(href.slice(1)));
    } catch {
      target = null;
    }
    const main = mainOf();
    skipLink = { targetInMain: Boolean(target && main && (target === main || main.contains(target))) };
  }

  return {
    kind,
    uid: uidOf(el),
    ...ref(el),
    tag: el.localName,
    radioGroup: radioGroupOf(el),
    left: Math.round(rect.left + scrollX),
    top: Math.round(rect.top + scrollY),
    right: Math.round(rect.right + scrollX),
    bottom: Math.round(rect.bottom + scrollY),
    pinned,
    afterPrevious: previous && previous !== el ? Boolean(previous.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) : null,
    indicator,
    compared: Boolean(was),
    invisible,
    obscured,
    skipLink,
    media,
  };
}

export function keyboardAfterSkip(): SkipResult {
  const main = mainOf();
  const active = deepActive();
  return { activeInMain: Boolean(main && active && (active === main || main.contains(active))), active: active ? selectorOf(active) : 'body' };
}

export function keyboardUnreached(): ElementRef[] {
  const groups = new Set([...keyboard.focused].map(radioGroupOf).filter(Boolean));
  return keyboard.expected
    .filter((el) => !keyboard.focused.has(el) && !(radioGroupOf(el) && groups.has(radioGroupOf(el))))
    .slice(0, 30)
    .map(ref);
}
