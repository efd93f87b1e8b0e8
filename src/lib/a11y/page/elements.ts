/**
 * Page side: naming elements for the report (a stable CSS selector, shortened HTML, text)
 * and a number per element for the keyboard walk.
 */
import type { ElementRef } from './types.ts';

const uids = new WeakMap<Element, number>();
let nextUid = 1;

export function uidOf(el: Element): number {
  let id = uids.get(el);
  if (!id) {
    id = nextUid++;
    uids.set(el, id);
  }
  return id;
}

export const isIdent = (value: string) => /^-?[_a-zA-Z][_a-zA-Z0-9-]*$/.test(value);

/** The body of an HTML page, or the root element of an SVG or XML document. */
export const contentRoot = (): Element => document.body ?? document.documentElement;

export function selectorOf(el: Element): string {
  if (el === document.documentElement) return el.localName === 'html' ? 'html' : el.localName;
  const parts: string[] = [];
  let node: Element | null = el;
  while (node && node !== document.documentElement) {
    const id = node.id;
    if (id && isIdent(id) && document.querySelectorAll(`#${CSS.escape(id)}`).length === 1) {
      parts.unshift(`#${id}`);
      break;
    }
    const tag = node.localName;
    const parent: Element | null = node.parentElement;
    const cls = [...node.classList].find(isIdent);
    let part = cls ? `${tag}.${cls}` : tag;
    if (parent) {
      const same = [...parent.children].filter((child) => child.localName === node!.localName);
      if (same.length > 1) part += `:nth-of-type(${same.indexOf(node) + 1})`;
    }
    parts.unshift(part);
    node = parent;
  }
  return parts.join(' > ');
}

export function htmlOf(el: Element): string {
  const html = el.outerHTML.replace(/\s+/g, ' ');
  if (html.length <= 300) return html;
  const open = html.slice(0, html.indexOf('>') + 1);
  return `${open.length > 280 ? `${open.slice(0, 280)}…>` : open} … </${el.localName}>`;
}

export const textOf = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 120);

export const ref = (el: Element): ElementRef => ({ selector: selectorOf(el), html: htmlOf(el), text: textOf(el) });

/** Drops items inside another item of the list: one finding for a box, not one per child. */
export const outermost = <T extends { el: Element }>(items: T[]) => items.filter((item) => !items.some((other) => other !== item && other.el.contains(item.el)));
