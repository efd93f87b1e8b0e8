/** Page side: can an element be seen, and is it exposed to assistive technology. */
import { contentRoot } from './elements.ts';

export function rendered(el: Element): boolean {
  if (!el.isConnected) return false;
  if (typeof el.checkVisibility === 'function' && !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
  const rect = el.getBoundingClientRect();
  return rect.width >= 1 && rect.height >= 1;
}

/**
 * Inside a box of 1 px or less that clips: the "visually hidden" pattern. The deprecated
 * `clip` property is read on purpose: older visually-hidden classes still use clip: rect(0 0 0 0).
 */
export function clippedAway(el: Element): boolean {
  const root = contentRoot();
  for (let node: Element | null = el; node && node !== root; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.display === 'contents') continue;
    const rect = node.getBoundingClientRect();
    if ((rect.width <= 1 || rect.height <= 1) && (style.overflow !== 'visible' || style.clip !== 'auto' || style.clipPath !== 'none')) return true;
  }
  return false;
}

/** Not hidden from assistive technology (aria-hidden, hidden, inert, display: none, visibility: hidden). */
export const exposed = (el: Element) =>
  !el.closest('[aria-hidden="true"], [hidden], [inert]') && (typeof el.checkVisibility !== 'function' || el.checkVisibility({ visibilityProperty: true }));
