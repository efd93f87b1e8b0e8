/** Reading chart markup in tests the way a browser or screen reader would, without a DOM. */
import { expect } from 'vitest';

export const HOSTILE_TITLES = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onload='alert(1)",
  'Tom & Jerry\'s <b>bins</b>',
] as const;

const TAG = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
const ATTRIBUTE = /([\w:-]+)="([^"]*)"/g;

export function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

export interface Element {
  name: string;
  attributes: Record<string, string>;
}

/** Every start or empty tag, in order. */
export function elements(svg: string): Element[] {
  return [...svg.matchAll(TAG)]
    .filter((match) => match[1] !== '/')
    .map((match) => ({
      name: match[2] ?? '',
      attributes: Object.fromEntries([...(match[3] ?? '').matchAll(ATTRIBUTE)].map((attr) => [attr[1], unescapeXml(attr[2] ?? '')])),
    }));
}

/** The accessible name, as a screen reader would hear it. */
export function ariaLabel(svg: string): string {
  const root = elements(svg)[0];
  expect(root?.name).toBe('svg');
  return root?.attributes['aria-label'] ?? '';
}

/** The words drawn in the chart, one entry per <text>. */
export function texts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((match) => unescapeXml(match[1] ?? ''));
}

/** A numeric attribute of every element with class="chart-bar". */
export function barAttribute(svg: string, attribute: 'width' | 'height'): number[] {
  return elements(svg)
    .filter((element) => element.attributes.class === 'chart-bar')
    .map((element) => Number(element.attributes[attribute]));
}

/**
 * What every chart must be: well-formed markup where every `<` starts a real
 * tag with only quoted attributes, no script or event handlers, no NaN,
 * Infinity or undefined, a scalable root with role="img", and no text smaller
 * than 14 viewBox units.
 */
export function expectSafeChart(svg: string): void {
  expect(svg).not.toMatch(/<script/i);
  expect(svg).not.toMatch(/NaN|Infinity|undefined|null/);

  const stack: string[] = [];
  for (const match of svg.matchAll(TAG)) {
    const [, closing, name = ''] = match;
    if (closing) expect(stack.pop(), `closing </${name}>`).toBe(name);
    else if (!match[4]) stack.push(name);
  }
  expect(stack).toEqual([]);
  const rest = svg.replace(TAG, ' ');
  // Outside tags, only text: no stray brackets and only the entities escapeXml writes.
  expect(rest).not.toMatch(/[<>]/);
  expect(rest.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');

  const all = elements(svg);
  const [root] = all;
  expect(root?.name).toBe('svg');
  expect(root?.attributes).toMatchObject({ class: 'chart', role: 'img', width: '100%', xmlns: 'http://www.w3.org/2000/svg' });
  expect(root?.attributes.viewBox).toMatch(/^0 0 640 \d+(\.\d+)?$/);
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
  for (const element of elements(svg)) {
    expect(element.name).not.toMatch(/^(script|img)$/i);
  }
  // Inside tags, outside quoted values: the title's words stay inside a value, never become markup.
  for (const tag of svg.match(/<[^>]*>/g) ?? []) {
    expect(tag.replace(/="[^"]*"/g, '=""')).not.toMatch(/<script|onerror=|onload=|<img/i);
  }
  // And no element carries an event handler at all.
  for (const element of elements(svg)) expect(Object.keys(element.attributes).filter((name) => /^on/i.test(name))).toEqual([]);
  expect(ariaLabel(svg)).toContain(title);
  expect(svg).toMatch(/<title>[^<]+<\/title>/);
  if (title.includes('<script')) expect(svg).toContain('&lt;script');
  if (title.includes("'")) expect(svg).toContain('&#39;');
  if (title.includes('&')) expect(svg).toContain('&amp;');
}
