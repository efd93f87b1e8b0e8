/**
 * Page side of the forced-colours check: a snapshot of what can be seen with the site's own
 * colours, then what of it has gone (or keeps moving) once forced colours and reduced motion are on.
 */
import { canvasColour, textColourVisible } from '../page/colour.ts';
import { contentRoot, outermost, ref } from '../page/elements.ts';
import type { HiddenInfo } from '../page/types.ts';
import { clippedAway, rendered } from '../page/visibility.ts';

let snapshot: { el: Element; kind: 'text' | 'image' }[] = [];

export function snapshotVisible(): number {
  const base = canvasColour();
  const seen = new Set<Element>();
  snapshot = [];
  const walker = document.createTreeWalker(contentRoot(), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || seen.has(el) || !node.nodeValue?.trim() || el.closest('script, style, noscript, template, title, desc')) continue;
    seen.add(el);
    if (rendered(el) && !clippedAway(el) && textColourVisible(el, base).visible) snapshot.push({ el, kind: 'text' });
  }
  for (const el of contentRoot().querySelectorAll('img, svg:not([aria-hidden="true"]), [role="img"], input, select, textarea, button')) {
    if (!seen.has(el) && rendered(el) && !clippedAway(el)) snapshot.push({ el, kind: 'image' });
  }
  return snapshot.length;
}

export function hiddenNow(): HiddenInfo {
  const base = canvasColour();
  const hidden: { el: Element; reason: string }[] = [];
  for (const { el, kind } of snapshot) {
    if (!el.isConnected) continue;
    if (!rendered(el) || clippedAway(el)) {
      hidden.push({ el, reason: 'is no longer shown' });
      continue;
    }
    if (kind === 'text') {
      const colour = textColourVisible(el, base);
      if (!colour.visible) hidden.push({ el, reason: `its text (${colour.fg}) now has the same colour as what is behind it (${colour.bg})` });
    }
  }
  const motion: { el: Element; detail: string }[] = [];
  for (const animation of document.getAnimations()) {
    if (animation.playState !== 'running') continue;
    const timing = animation.effect?.getComputedTiming();
    const target = (animation.effect as KeyframeEffect | null)?.target;
    if (!timing || !target) continue;
    const endless = timing.iterations === Infinity;
    const end = Number(timing.endTime ?? 0);
    if (endless || end > 5000) {
      const name = (animation as CSSAnimation).animationName ?? 'an animation';
      motion.push({ el: target, detail: `${name} keeps moving (${endless ? 'it never stops' : `${Math.round(end / 1000)} s`})` });
    }
  }
  return {
    hidden: outermost(hidden).slice(0, 30).map((item) => ({ ...ref(item.el), reason: item.reason })),
    motion: motion.slice(0, 10).map((item) => ({ ...ref(item.el), detail: item.detail })),
  };
}
