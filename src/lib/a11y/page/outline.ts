/** Page side of the screenshots: a dashed box drawn over one element, on top of the page. */
import { contentRoot } from './elements.ts';
import type { Box } from './types.ts';

let marker: Element | null = null;

export function clearOutline(): void {
  marker?.remove();
  marker = null;
}

export function outline(selector: string): Box | null {
  clearOutline();
  let el: Element | null = null;
  try {
    el = document.querySelector(selector);
  } catch {
    return null;
  }
  if (!el) return null;
  el.scrollIntoView({ block: 'center', inline: 'nearest' });
  const rect = el.getBoundingClientRect();
  const box = { x: rect.left, y: rect.top, width: Math.max(rect.width, 2), height: Math.max(rect.height, 2), viewportWidth: innerWidth, viewportHeight: innerHeight };
  const root = contentRoot();
  const svg = root.namespaceURI === 'http://www.w3.org/2000/svg';
  // In an SVG document the box is an SVG rect; elsewhere an HTML div.
  const drawn = svg ? document.createElementNS('http://www.w3.org/2000/svg', 'rect') : document.createElementNS('http://www.w3.org/1999/xhtml', 'div');
  drawn.setAttribute('aria-hidden', 'true');
  if (svg) {
    for (const [name, value] of Object.entries({ x: box.x + scrollX - 4, y: box.y + scrollY - 4, width: box.width + 8, height: box.height + 8 })) drawn.setAttribute(name, String(value));
    drawn.setAttribute('style', 'fill:none;stroke:#d4007a;stroke-width:3;stroke-dasharray:6 3;pointer-events:none;');
  } else {
    drawn.setAttribute(
      'style',
      `position:absolute;left:${box.x + scrollX - 4}px;top:${box.y + scrollY - 4}px;width:${box.width + 8}px;height:${box.height + 8}px;outline:3px dashed #d4007a;box-shadow:0 0 0 6px rgba(255,255,255,.8);pointer-events:none;z-index:2147483647;forced-color-adjust:none;`,
    );
  }
  root.append(drawn);
  marker = drawn;
  return box;
}
