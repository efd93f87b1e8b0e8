/**
 * Reading charts in tests: drawings (the geometry) as data, and rendered SVG the
 * way a browser or screen reader would, without a DOM.
 */
import { expect } from 'vitest';
import { CHART_WIDTHS, charsThatFit, type Drawing, type Shape } from './svg.ts';

export const HOSTILE_TITLES = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onload='alert(1)",
  'Tom & Jerry\'s <b>bins</b>',
] as const;

/** The words drawn, one entry per text shape. */
export function drawnTexts(drawing: Drawing): string[] {
  return drawing.shapes.flatMap((shape) => (shape.kind === 'text' ? [shape.text] : []));
}

export function bars(drawing: Drawing): Extract<Shape, { kind: 'bar' }>[] {
  return drawing.shapes.flatMap((shape) => (shape.kind === 'bar' ? [shape] : []));
}

/**
 * What every drawing must be: finite numbers inside its box, text at least 14
 * units, and every text short enough to fit across the drawing.
 */
export function expectSoundDrawing(drawing: Drawing): void {
  expect(CHART_WIDTHS).toContain(drawing.width);
  expect(drawing.label.length).toBeGreaterThan(0);
  expect(JSON.stringify(drawing)).not.toMatch(/NaN|Infinity|undefined|null/);
  for (const shape of drawing.shapes) {
    const numbers = Object.values(shape).flat(2).filter((value): value is number => typeof value === 'number');
    for (const value of numbers) expect(Number.isFinite(value)).toBe(true);
    if (shape.kind === 'text') {
      expect(shape.size).toBeGreaterThanOrEqual(14);
      expect(shape.y).toBeLessThanOrEqual(drawing.height);
      expect(Array.from(shape.text).length, shape.text).toBeLessThanOrEqual(charsThatFit(drawing.width, shape.size));
    }
    if (shape.kind === 'bar') {
      expect(shape.x + shape.width).toBeLessThanOrEqual(drawing.width);
      expect(shape.y + shape.height).toBeLessThanOrEqual(drawing.height);
    }
  }
}

const TAG = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g;
const ATTRIBUTE = /([\w:-]+)="([^"]*)"/g;

function unescapeHtml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

export interface Element {
  name: string;
  attributes: Record<string, string>;
}

/** Every start or empty tag, in order. */
export function elements(html: string): Element[] {
  return [...html.matchAll(TAG)]
    .filter((match) => match[1] !== '/')
    .map((match) => ({
      name: match[2] ?? '',
      attributes: Object.fromEntries([...(match[3] ?? '').matchAll(ATTRIBUTE)].map((attr) => [attr[1], unescapeHtml(attr[2] ?? '')])),
    }));
}

/** Each <svg> … </svg> in rendered HTML. */
export function svgs(html: string): string[] {
  return html.match(/<svg\b[\s\S]*?<\/svg>/g) ?? [];
}

/** The accessible name, as a screen reader would hear it. */
export function ariaLabel(svg: string): string {
  const root = elements(svg)[0];
  expect(root?.name).toBe('svg');
  return root?.attributes['aria-label'] ?? '';
}

/** The words drawn in a rendered chart, one entry per <text>. */
export function texts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((match) => unescapeHtml(match[1] ?? ''));
}

/**
 * What every rendered chart must be: well-formed markup where every `<` outside
 * a quoted value starts a real tag, no script or event handlers, no NaN, Infinity
 * or undefined, a scalable root with role="img", a <title>, and no text smaller
 * than 14 viewBox units.
 */
export function expectSafeChart(svg: string): void {
  // A `<` inside a double-quoted value is text to HTML; anywhere else it would be markup.
  expect(svg.replace(/="[^"]*"/g, '=""')).not.toMatch(/<script/i);
  expect(svg).not.toMatch(/NaN|Infinity|undefined|null/);
  const stack: string[] = [];
  for (const match of svg.matchAll(TAG)) {
    const [, closing, name = ''] = match;
    if (closing) expect(stack.pop(), `closing </${name}>`).toBe(name);
    else if (!match[4]) stack.push(name);
  }
  expect(stack).toEqual([]);
  const rest = svg.replace(TAG, ' ');
  expect(rest).not.toMatch(/[<>]/);
  expect(rest.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');

  const all = elements(svg);
  const [root] = all;
  expect(root?.name).toBe('svg');
  expect(root?.attributes).toMatchObject({ role: 'img', width: '100%', xmlns: 'http://www.w3.org/2000/svg' });
  expect(root?.attributes.class).toMatch(/^chart chart-(narrow|wide)$/);
  expect(root?.attributes.viewBox).toMatch(/^0 0 (320|640) \d+(\.\d+)?$/);
  expect(root?.attributes['aria-label']?.length).toBeGreaterThan(0);
  expect(svg).toMatch(/<title>[^<]+<\/title>/);
  for (const element of all) {
    expect(element.name).not.toMatch(/^(script|foreignObject|style|a|image|img|iframe)$/i);
    for (const name of Object.keys(element.attributes)) expect(name).not.toMatch(/^on|^style$|href$/i);
    if (element.name === 'text') expect(Number(element.attributes['font-size'])).toBeGreaterThanOrEqual(14);
  }
}

/** A hostile title never makes a tag of its own and reads back exactly as given. */
export function expectEscapedTitle(svg: string, title: string): void {
  expectSafeChart(svg);
  for (const element of elements(svg)) expect(element.name).not.toMatch(/^(script|img|b)$/i);
  // Inside tags, outside quoted values: the title's words stay inside a value, never become markup.
  for (const tag of svg.replace(/="[^"]*"/g, '=""').match(/<[^>]*>/g) ?? []) {
    expect(tag).not.toMatch(/<script|onerror=|onload=|<img/i);
  }
  for (const element of elements(svg)) expect(Object.keys(element.attributes).filter((name) => /^on/i.test(name))).toEqual([]);
  expect(ariaLabel(svg)).toContain(title);
  const titleText = unescapeHtml(/<title>([^<]*)<\/title>/.exec(svg)?.[1] ?? '');
  expect(titleText).toContain(title);
}
