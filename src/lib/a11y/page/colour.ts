/**
 * Colour maths for the page-side checks: parsing computed colours, painting one colour
 * over another, and the WCAG relative luminance and contrast ratio. The maths is pure (and
 * unit-tested in Node); only `rgba` falls back to a 1 px canvas for colours that
 * getComputedStyle does not give as rgb() (for example color(srgb …) or system colours).
 */

export type Rgba = [number, number, number, number];

/** rgb()/rgba() as getComputedStyle writes them, "transparent", or null. */
export function parseRgb(value: string): Rgba | null {
  const match = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/.exec(value.trim());
  if (match) {
    const alpha = match[4] === undefined ? 1 : match[4].endsWith('%') ? parseFloat(match[4]) / 100 : parseFloat(match[4]);
    return [Number(match[1]), Number(match[2]), Number(match[3]), alpha];
  }
  if (value.trim() === 'transparent') return [0, 0, 0, 0];
  return null;
}

/** `top` painted over `bottom` (source-over compositing). */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3] + bottom[3] * (1 - top[3]);
  if (a === 0) return [0, 0, 0, 0];
  const mix = (i: number) => (top[i]! * top[3] + bottom[i]! * bottom[3] * (1 - top[3])) / a;
  return [mix(0), mix(1), mix(2), a];
}

/** WCAG 2 relative luminance of an sRGB colour (alpha ignored: paint it over its background first). */
export function luminance(colour: Rgba): number {
  const channel = (value: number) => {
    const s = value / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(colour[0]) + 0.7152 * channel(colour[1]) + 0.0722 * channel(colour[2]);
}

/** WCAG 2 contrast ratio, from 1 (the same) to 21 (black on white). */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

// Made on first use: most colours come back from getComputedStyle as rgb() already.
let paint: CanvasRenderingContext2D | null | undefined;
function painter(): CanvasRenderingContext2D | null {
  if (paint === undefined) {
    const canvas = document.createElement('canvas');
    canvas.width = 1;
    canvas.height = 1;
    paint = canvas.getContext('2d', { willReadFrequently: true });
  }
  return paint;
}

/** Any CSS colour as RGBA, or null when it is not a colour (none, url(…)). */
export function rgba(value: string): Rgba | null {
  const parsed = parseRgb(value);
  if (parsed) return parsed;
  if (!value || value === 'none' || value.startsWith('url(')) return null;
  const context = typeof document === 'undefined' ? null : painter();
  if (!context) return null;
  context.clearRect(0, 0, 1, 1);
  context.fillStyle = '#000';
  context.fillStyle = value;
  context.fillRect(0, 0, 1, 1);
  const data = context.getImageData(0, 0, 1, 1).data;
  return [data[0]!, data[1]!, data[2]!, data[3]! / 255];
}

/** The page colour behind everything: Canvas, which forced colours may change. */
export function canvasColour(): Rgba {
  const probe = document.createElementNS('http://www.w3.org/1999/xhtml', 'div') as HTMLElement;
  probe.style.cssText = 'position:absolute;width:1px;height:1px;background-color:Canvas;';
  (document.body ?? document.documentElement).append(probe);
  const colour = rgba(getComputedStyle(probe).backgroundColor) ?? [255, 255, 255, 1];
  probe.remove();
  return [colour[0], colour[1], colour[2], 1];
}

/** The colour behind an element: its own and its ancestors' backgrounds over `base`. */
export function backgroundOf(el: Element | null, base: Rgba): Rgba {
  const layers: Rgba[] = [];
  for (let node = el; node; node = node.parentElement) {
    const colour = rgba(getComputedStyle(node).backgroundColor);
    if (colour && colour[3] > 0) {
      layers.push(colour);
      if (colour[3] >= 0.99) break;
    }
  }
  return layers.reverse().reduce((below, layer) => over(layer, below), base);
}

/** Whether an element's text can be told apart from what is behind it at all (not a contrast check: ratio ≥ 1.1). */
export function textColourVisible(el: Element, base: Rgba): { visible: boolean; fg: string; bg: string } {
  const style = getComputedStyle(el);
  const paintValue = el instanceof SVGElement ? style.fill : style.color;
  const fg = rgba(paintValue);
  const bg = backgroundOf(el, base);
  const bgText = `rgb(${bg.slice(0, 3).map(Math.round).join(', ')})`;
  if (!fg) return { visible: true, fg: paintValue, bg: bgText };
  return { visible: fg[3] > 0.1 && contrastRatio(over(fg, bg), bg) >= 1.1, fg: paintValue, bg: bgText };
}
