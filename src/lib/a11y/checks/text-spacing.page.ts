/**
 * Page side of the text-spacing check: text cut off by its box, and text running into
 * other text, before and after the WCAG 1.4.12 spacing is applied.
 */
import { contentRoot, outermost, ref, textOf, uidOf } from '../page/elements.ts';
import type { TextSpacingInfo } from '../page/types.ts';
import { clippedAway, rendered } from '../page/visibility.ts';

interface TextBox {
  el: Element;
  node: Text;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

function textBoxes(): TextBox[] {
  const boxes: TextBox[] = [];
  const walker = document.createTreeWalker(contentRoot(), NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const hidden = new Map<Element, boolean>();
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (!node.nodeValue?.trim()) continue;
    const el = node.parentElement;
    if (!el || el.closest('script, style, noscript, template, title, desc')) continue;
    if (!hidden.has(el)) hidden.set(el, !rendered(el) || clippedAway(el));
    if (hidden.get(el)) continue;
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) {
      if (rect.width > 1 && rect.height > 1) {
        boxes.push({ el, node, left: rect.left + scrollX, top: rect.top + scrollY, right: rect.right + scrollX, bottom: rect.bottom + scrollY });
      }
    }
  }
  return boxes.sort((a, b) => a.top - b.top);
}

function overlaps(): Map<string, [Element, Element]> {
  const boxes = textBoxes();
  const pairs = new Map<string, [Element, Element]>();
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]!;
    for (let j = i + 1; j < boxes.length && boxes[j]!.top < a.bottom - 2; j++) {
      const b = boxes[j]!;
      if (a.node === b.node || a.el === b.el) continue;
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > 2 && y > 2) {
        const [first, second] = uidOf(a.el) < uidOf(b.el) ? [a.el, b.el] : [b.el, a.el];
        pairs.set(`${uidOf(first)}-${uidOf(second)}`, [first, second]);
      }
    }
  }
  return pairs;
}

function clippedText(): Map<Element, string> {
  const clipped = new Map<Element, string>();
  for (const el of contentRoot().querySelectorAll('*')) {
    if (!(el instanceof HTMLElement)) continue;
    const style = getComputedStyle(el);
    const hidesX = style.overflowX === 'hidden' || style.overflowX === 'clip';
    const hidesY = style.overflowY === 'hidden' || style.overflowY === 'clip';
    if (!hidesX && !hidesY) continue;
    if (el.clientWidth <= 1 || el.clientHeight <= 1 || !textOf(el)) continue;
    const wide = hidesX && el.scrollWidth > el.clientWidth + 1;
    const tall = hidesY && el.scrollHeight > el.clientHeight + 1;
    if (!wide && !tall) continue;
    if (!rendered(el) || clippedAway(el)) continue;
    clipped.set(el, wide && tall ? 'both ways' : wide ? `sideways (${el.scrollWidth} px of text in ${el.clientWidth} px)` : `at the bottom (${el.scrollHeight} px of text in ${el.clientHeight} px)`);
  }
  return clipped;
}

let spacing: HTMLStyleElement | null = null;

export function spacingOff(): void {
  spacing?.remove();
  spacing = null;
  void contentRoot().getBoundingClientRect();
}

export function textSpacing(): TextSpacingInfo {
  spacingOff();
  const overlapsBefore = overlaps();
  const clippedBefore = clippedText();
  spacing = document.createElementNS('http://www.w3.org/1999/xhtml', 'style') as HTMLStyleElement;
  // The WCAG 1.4.12 spacing: what a reader's own style sheet may ask for.
  spacing.textContent =
    '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';
  (document.head ?? document.documentElement).append(spacing);
  void contentRoot().getBoundingClientRect();
  const clippedAfter = clippedText();
  const overlapsAfter = overlaps();
  // Text already cut off without the extra spacing is cut off with it too: a fixed height
  // with overflow hidden loses content either way, so it is reported (marked `before`).
  return {
    clipped: outermost([...clippedAfter].map(([el, overflow]) => ({ el, overflow, before: clippedBefore.has(el) })))
      .slice(0, 20)
      .map((item) => ({ ...ref(item.el), overflow: item.overflow, before: item.before })),
    overlaps: [...overlapsAfter]
      .filter(([key]) => !overlapsBefore.has(key))
      .slice(0, 20)
      .map(([, [a, b]]) => ({ a: ref(a), b: ref(b) })),
  };
}
