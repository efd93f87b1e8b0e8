/**
 * Page side of the 200% zoom check (ACT 59br37, WCAG 1.4.4): text that a box with overflow
 * hidden or clip cuts off, at the 640 by 512 CSS px a 1280 by 1024 screen has when zoomed.
 */
import { contentRoot, outermost, ref } from '../page/elements.ts';
import type { ZoomClipInfo } from '../page/types.ts';
import { clippedAway, exposed, rendered } from '../page/visibility.ts';
import { cleanOneLine, cleanSideways, cutOff } from './zoom-clip.ts';

const hides = (overflow: string) => overflow === 'hidden' || overflow === 'clip';
const scrolls = (overflow: string) => overflow === 'auto' || overflow === 'scroll';

/** The used line height: `normal` has no number in CSS, so the line box the browser made is measured. */
function lineHeightOf(style: CSSStyleDeclaration, firstLine: DOMRect | undefined): number {
  const value = parseFloat(style.lineHeight);
  return Number.isFinite(value) ? value : (firstLine?.height ?? parseFloat(style.fontSize) * 1.2);
}

/** What `box` cuts off of `text`, or null. A box that scrolls in between keeps the text reachable on that axis. */
function clippedBy(box: Element, text: Text, range: Range): string | null {
  const style = getComputedStyle(box);
  let x = hides(style.overflowX);
  let y = hides(style.overflowY);
  for (let node = text.parentElement; node && node !== box && (x || y); node = node.parentElement) {
    const between = getComputedStyle(node);
    if (scrolls(between.overflowX)) x = false;
    if (scrolls(between.overflowY)) y = false;
  }
  if (!x && !y) return null;
  range.selectNodeContents(text);
  const extent = range.getBoundingClientRect();
  if (extent.width < 1 || extent.height < 1) return null;
  const outer = box.getBoundingClientRect();
  // overflow: hidden cuts at the padding box; clip at the content box (ACT: "its content box").
  const left = outer.left + box.clientLeft;
  const top = outer.top + box.clientTop;
  const padX = style.overflowX === 'clip' ? parseFloat(style.paddingLeft) : 0;
  const padY = style.overflowY === 'clip' ? parseFloat(style.paddingTop) : 0;
  const width = box.clientWidth - (style.overflowX === 'clip' ? padX + parseFloat(style.paddingRight) : 0);
  const height = box.clientHeight - (style.overflowY === 'clip' ? padY + parseFloat(style.paddingBottom) : 0);
  const sideways = x && cutOff({ textStart: extent.left, textEnd: extent.right, boxStart: left + padX, boxEnd: left + padX + width }) && !cleanSideways(style.whiteSpace, style.textOverflow);
  const down =
    y &&
    cutOff({ textStart: extent.top, textEnd: extent.bottom, boxStart: top + padY, boxEnd: top + padY + height }) &&
    !cleanOneLine(lineHeightOf(style, range.getClientRects()[0]), style.overflowY === 'clip' ? height : outer.height);
  if (sideways && down) return 'both ways';
  if (sideways) return `sideways (${Math.round(extent.width)} px of text in ${Math.round(width)} px)`;
  if (down) return `at the bottom (${Math.round(extent.height)} px of text in ${Math.round(height)} px)`;
  return null;
}

export function zoomClipping(): ZoomClipInfo {
  const root = contentRoot();
  const found: { el: Element; overflow: string; sample: string }[] = [];
  const range = document.createRange();
  for (const box of root.querySelectorAll('*')) {
    // The root and body clip the page itself (a scroll lock), which is not this rule.
    if (box === document.documentElement || box === document.body) continue;
    // A box that holds all its content cuts nothing: the cheap test first, styles after.
    if (box.scrollWidth <= box.clientWidth + 1 && box.scrollHeight <= box.clientHeight + 1) continue;
    const style = getComputedStyle(box);
    if (!hides(style.overflowX) && !hides(style.overflowY)) continue;
    if (!rendered(box) || clippedAway(box) || !exposed(box)) continue;
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode() as Text | null; text; text = walker.nextNode() as Text | null) {
      const parent = text.parentElement;
      // ACT applies to text whose parent is an HTML element (not SVG text), seen and not aria-hidden.
      if (!text.nodeValue?.trim() || !parent || parent.namespaceURI !== 'http://www.w3.org/1999/xhtml') continue;
      if (parent.closest('script, style, noscript, template') || !exposed(parent) || !rendered(parent)) continue;
      const overflow = clippedBy(box, text, range);
      if (overflow) {
        found.push({ el: box, overflow, sample: text.nodeValue.replace(/\s+/g, ' ').trim().slice(0, 80) });
        break;
      }
    }
  }
  return {
    viewport: { width: innerWidth, height: innerHeight },
    clipped: outermost(found)
      .slice(0, 20)
      .map((item) => ({ ...ref(item.el), overflow: item.overflow, sample: item.sample })),
  };
}
