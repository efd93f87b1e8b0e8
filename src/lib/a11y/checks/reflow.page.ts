/** Page side of the reflow check: what sticks out past the right edge of a narrow screen. */
import { contentRoot, outermost, ref, selectorOf } from '../page/elements.ts';
import type { ReflowInfo } from '../page/types.ts';
import { clippedAway, rendered } from '../page/visibility.ts';

/** Which ancestors can hold (scroll or clip) an element with this position. */
const positionKind = (position: string): 'any' | 'positioned' | 'fixed' => (position === 'absolute' ? 'positioned' : position === 'fixed' ? 'fixed' : 'any');

export function reflow(): ReflowInfo {
  const root = document.documentElement;
  const body = contentRoot();
  const viewport = root.clientWidth || innerWidth;
  const scrollWidth = Math.max(root.scrollWidth, body.scrollWidth);
  const found: { el: Element; right: number; width: number; cutBy: string | null }[] = [];
  for (const el of body.querySelectorAll('*')) {
    if (el.closest('svg') && el.localName !== 'svg' && el.closest('svg') !== (root as Element)) continue;
    const rect = el.getBoundingClientRect();
    // Visually hidden (1 px) elements count too: past the edge they still make the page scroll.
    if (rect.right <= viewport + 1 || rect.width < 1 || rect.height < 1 || !rendered(el)) continue;
    // Inside a box that scrolls sideways on its own (a data table in .table-scroll): allowed.
    // Only boxes in the containing-block chain count: an absolutely positioned element escapes
    // a scrolling box that is not positioned, and then makes the whole page scroll.
    let scroller = false;
    let cutBy: string | null = null;
    let needs: 'any' | 'positioned' | 'fixed' = positionKind(getComputedStyle(el).position);
    for (let parent = el.parentElement; parent; parent = parent.parentElement) {
      const style = getComputedStyle(parent);
      const containing = style.transform !== 'none' || style.filter !== 'none' || /paint|layout|strict|content/.test(style.contain);
      const relevant = needs === 'any' || (needs === 'positioned' && (style.position !== 'static' || containing)) || (needs === 'fixed' && containing);
      if (!relevant) continue;
      const atRoot = parent === body || parent === root;
      const within = parent.getBoundingClientRect().right <= viewport + 1;
      if (!atRoot && (style.overflowX === 'auto' || style.overflowX === 'scroll') && within) {
        scroller = true;
        break;
      }
      if ((style.overflowX === 'hidden' || style.overflowX === 'clip') && (within || atRoot) && !cutBy) cutBy = selectorOf(parent);
      needs = positionKind(style.position);
    }
    if (scroller) continue;
    found.push({ el, right: Math.round(rect.right), width: Math.round(rect.width), cutBy });
  }
  return {
    viewport,
    scrollWidth,
    offenders: outermost(found)
      .slice(0, 20)
      .map((item) => ({ ...ref(item.el), right: item.right, width: item.width, cutBy: item.cutBy, hidden: clippedAway(item.el) })),
  };
}
