/**
 * Sampling as WCAG-EM (W3C Website Accessibility Conformance Evaluation Methodology, step 3)
 * describes it: a structured sample with one page of every template, plus a random sample
 * of the other pages. Pure functions, so the grouping and the choice can be tested and a
 * run repeated from its seed.
 *
 * A template is recognised from the server's HTML, not from text: the landmarks, the
 * heading levels used in the main content, the shape of each form (its method and the kinds
 * of field in it), the components in the main content, and the code it runs (its script and
 * stylesheet files, and a hash of its inline scripts and styles). Counts are left out on
 * purpose: a task with five steps and one with three are the same template. The code counts
 * because the checks left to a template's example (keyboard, forced colours, JavaScript
 * off) test exactly what that code does.
 */

import { seededRandom } from '../seeded-random.ts';

export interface Fingerprint {
  /** Landmark roles on the page, sorted, each once. */
  landmarks: string[];
  /** Heading levels in the main content, in order of first use ("h1", "h2", …). */
  outline: string[];
  /** One entry per distinct form shape: "get:search,submit". */
  forms: string[];
  /** Components in the main content (tables, media, scripted modules), sorted, each once. */
  components: string[];
  /** Script and stylesheet files (path only), and "inline:<hash>" for inline scripts and styles, sorted. */
  code: string[];
  /** For a document that is not HTML, or did not load: its kind. */
  kind: string;
}

const LANDMARK_TAGS: Record<string, string> = { header: 'banner', nav: 'navigation', main: 'main', aside: 'complementary', footer: 'contentinfo', search: 'search' };
const LANDMARK_ROLES = new Set(['banner', 'navigation', 'main', 'complementary', 'contentinfo', 'search', 'region', 'form']);
const COMPONENT_TAGS = new Set(['table', 'details', 'dialog', 'video', 'audio', 'iframe', 'object', 'embed', 'canvas', 'svg', 'img', 'picture', 'fieldset', 'ol', 'dl', 'figure', 'blockquote', 'pre']);
const FIELD_TAGS = new Set(['input', 'select', 'textarea', 'button']);

function attribute(attributes: string, name: string): string | null {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attributes);
  if (match) return (match[1] ?? match[2] ?? match[3] ?? '').trim().toLowerCase();
  return new RegExp(`(?:^|\\s)${name}(?:\\s|$|/)`, 'i').test(attributes) ? '' : null;
}

/**
 * The template fingerprint of an HTML page, from its source. A light tag scan rather than a
 * full parser: it only has to tell templates apart, and it must stay cheap on hundreds of pages.
 */
/** FNV-1a, 32 bits, as hex: enough to tell two inline scripts apart, with no dependency. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

function codeOf(html: string): string[] {
  const code = new Set<string>();
  const file = (address: string) => address.replace(/[?#].*$/, '');
  let inline = '';
  for (const match of html.matchAll(/<(script|style)\b([^>]*)>([\s\S]*?)<\/\1\s*>/gi)) {
    const tag = match[1]!.toLowerCase();
    const attributes = match[2] ?? '';
    const type = attribute(attributes, 'type');
    // Data blocks (JSON, templates) are content, not code.
    if (tag === 'script' && type !== null && type !== '' && type !== 'module' && !/javascript|ecmascript/.test(type)) continue;
    const src = tag === 'script' ? attribute(attributes, 'src') : null;
    if (src) code.add(`script:${file(src)}`);
    else if (match[3]!.trim()) inline += `${tag}\u0000${match[3]!.trim()}\u0000`;
  }
  for (const match of html.matchAll(/<link\b([^>]*)>/gi)) {
    const attributes = match[1] ?? '';
    const href = attribute(attributes, 'href');
    if (href && /\bstylesheet\b/.test(attribute(attributes, 'rel') ?? '')) code.add(`style:${file(href)}`);
  }
  if (inline) code.add(`inline:${shortHash(inline)}`);
  return [...code].sort();
}

export function fingerprintHtml(html: string): Fingerprint {
  const code = codeOf(html.replace(/<!--[\s\S]*?-->/g, ''));
  // Scripts, styles, templates and comments hold no structure a person meets.
  const source = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style|template|noscript)\b[\s\S]*?<\/\1\s*>/gi, '');
  const landmarks = new Set<string>();
  const outline: string[] = [];
  const components = new Set<string>();
  const forms = new Set<string>();
  let mainDepth = 0;
  // Without a main landmark the whole page is its content.
  const hasMain = /<main\b|\brole\s*=\s*["']?main\b/i.test(source);
  let roleMain = false;
  let form: { method: string; fields: Set<string> } | null = null;
  for (const match of source.matchAll(/<(\/?)([a-zA-Z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    const closing = match[1] === '/';
    const tag = match[2]!.toLowerCase();
    const attributes = match[3] ?? '';
    const role = closing ? null : attribute(attributes, 'role');
    const isMain = tag === 'main' || role === 'main';
    if (closing) {
      if (tag === 'main' && mainDepth > 0) mainDepth--;
      if (tag === 'form' && form) {
        forms.add(`${form.method}:${[...form.fields].sort().join(',')}`);
        form = null;
      }
      continue;
    }
    if (tag === 'main') mainDepth++;
    // A <div role="main"> has no end tag this scan can pair, so the rest of the page counts as main.
    else if (isMain) roleMain = true;
    // Outside <main> only the landmarks count: the site's header and footer are on every template.
    const inMain = !hasMain || mainDepth > 0 || roleMain;
    // A <header> or <footer> inside the main content is not a banner or content-info landmark.
    if (LANDMARK_TAGS[tag] && !((tag === 'header' || tag === 'footer') && mainDepth > 0)) landmarks.add(LANDMARK_TAGS[tag]!);
    if (role && LANDMARK_ROLES.has(role)) landmarks.add(role);
    if ((tag === 'section' || tag === 'form') && (attribute(attributes, 'aria-label') !== null || attribute(attributes, 'aria-labelledby') !== null)) landmarks.add(tag === 'form' ? 'form' : 'region');
    const heading = /^h([1-6])$/.exec(tag);
    if (heading && inMain && !outline.includes(tag)) outline.push(tag);
    if (role === 'heading' && inMain) {
      const level = `h${attribute(attributes, 'aria-level') ?? '2'}`;
      if (!outline.includes(level)) outline.push(level);
    }
    if (inMain && COMPONENT_TAGS.has(tag)) components.add(tag);
    const module = attribute(attributes, 'data-module');
    if (module) components.add(`module:${module}`);
    if (tag === 'form') form = { method: attribute(attributes, 'method') === 'post' ? 'post' : 'get', fields: new Set() };
    else if (form && FIELD_TAGS.has(tag)) {
      const type = tag === 'input' ? (attribute(attributes, 'type') || 'text') : tag === 'button' ? (attribute(attributes, 'type') || 'submit') : tag;
      if (type !== 'hidden') form.fields.add(type);
    }
  }
  if (form) forms.add(`${form.method}:${[...form.fields].sort().join(',')}`);
  return { landmarks: [...landmarks].sort(), outline, forms: [...forms].sort(), components: [...components].sort(), code, kind: 'html' };
}

/** The fingerprint of something that is not an HTML page: grouped by its kind alone. */
export function fingerprintOther(kind: string): Fingerprint {
  return { landmarks: [], outline: [], forms: [], components: [], code: [], kind };
}

export function templateKey(fingerprint: Fingerprint): string {
  if (fingerprint.kind !== 'html') return fingerprint.kind;
  return [`landmarks=${fingerprint.landmarks.join(',')}`, `headings=${fingerprint.outline.join(',')}`, `forms=${fingerprint.forms.join('|')}`, `parts=${fingerprint.components.join(',')}`, `code=${fingerprint.code.join(',')}`].join(' ');
}

export interface FoundPage {
  path: string;
  fingerprint: Fingerprint;
}

export interface Template {
  /** "T1", "T2", … in the order their first page was found. */
  id: string;
  key: string;
  fingerprint: Fingerprint;
  /** Its pages, in the order found; the first is the one audited as the template's example. */
  pages: string[];
  /** A name for people: the common address pattern ("/performance/*") or the example page. */
  pattern: string;
}

/**
 * A name for a template's pages: the address they share, with a star for each path segment
 * that differs between them and "?…" for a query that differs (the dashboard pages of every
 * task give "/performance/" and a star); the page itself when it is alone.
 */
export function addressPattern(paths: readonly string[]): string {
  if (paths.length === 1) return paths[0]!;
  const split = paths.map((path) => {
    const [pathname = '', query] = path.split('?', 2);
    return { segments: pathname.split('/'), query: query ?? null };
  });
  const length = split[0]!.segments.length;
  if (split.some((item) => item.segments.length !== length)) return `${paths[0]} and ${paths.length - 1} like it`;
  const segments = split[0]!.segments.map((segment, index) => (split.every((item) => item.segments[index] === segment) ? segment : '*'));
  const queries = new Set(split.map((item) => item.query));
  const query = queries.size === 1 ? (split[0]!.query === null ? '' : `?${split[0]!.query}`) : '?…';
  return `${segments.join('/') || '/'}${query}`;
}

export function groupByTemplate(pages: readonly FoundPage[]): Template[] {
  const byKey = new Map<string, Template>();
  for (const page of pages) {
    const key = templateKey(page.fingerprint);
    let template = byKey.get(key);
    if (!template) {
      template = { id: `T${byKey.size + 1}`, key, fingerprint: page.fingerprint, pages: [], pattern: '' };
      byKey.set(key, template);
    }
    if (!template.pages.includes(page.path)) template.pages.push(page.path);
  }
  const templates = [...byKey.values()];
  for (const template of templates) template.pattern = addressPattern(template.pages);
  return templates;
}

/** The items in a seeded random order (Fisher–Yates), leaving the input alone. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  // The project's one seeded generator, so a seed means the same in every tool.
  const random = seededRandom(seed);
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = random.below(index + 1);
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

/** Today's date as a number (20261126): the default seed, so a day's runs agree and the sample moves on over days. */
export function defaultSeed(now = new Date()): number {
  return Number(now.toISOString().slice(0, 10).replaceAll('-', ''));
}

export type SampleReason = 'template' | 'required' | 'random';

export interface SampleChoice {
  /** Pages to audit, in the order found, each with why it is in the sample. */
  chosen: { path: string; template: string; reason: SampleReason }[];
  /** Pages found and left out, in the order found. */
  leftOut: { path: string; template: string }[];
  /** Templates with no page audited (only when --max-pages is smaller than the number of templates). */
  templatesLeftOut: string[];
}

export interface SampleOptions {
  /** Pages that must be audited whatever the sample (pages with interactive states, pages that did not load as expected). */
  required?: readonly string[];
  /** How many pages to draw at random from those not already chosen; Infinity audits every page. */
  sample: number;
  seed: number;
  /** At most this many pages in all: every template first, then required pages, then the random draw. */
  maxPages: number;
}

/**
 * WCAG-EM's structured sample (one example of every template, and the required pages), then
 * its random sample, all within maxPages. When maxPages is smaller than the number of
 * templates, the templates with the most pages are kept, so the audit speaks for most of the site.
 */
export function choosePages(templates: readonly Template[], options: SampleOptions): SampleChoice {
  const templateOf = new Map<string, string>();
  const order = new Map<string, number>();
  for (const template of templates) for (const path of template.pages) templateOf.set(path, template.id);
  [...templateOf.keys()].forEach((path, index) => order.set(path, index));
  const limit = Math.max(0, Math.floor(options.maxPages));
  const picked = new Map<string, SampleReason>();

  const bySize = [...templates].sort((a, b) => b.pages.length - a.pages.length || Number(a.id.slice(1)) - Number(b.id.slice(1)));
  const templatesLeftOut: string[] = [];
  for (const template of bySize) {
    if (picked.size >= limit) {
      templatesLeftOut.push(template.id);
      continue;
    }
    // A required page is the template's example when it has one: it is audited anyway.
    const example = template.pages.find((path) => options.required?.includes(path)) ?? template.pages[0]!;
    picked.set(example, 'template');
  }
  for (const path of options.required ?? []) {
    if (picked.size >= limit) break;
    if (templateOf.has(path) && !picked.has(path)) picked.set(path, 'required');
  }
  const rest = [...templateOf.keys()].filter((path) => !picked.has(path));
  const draw = Math.min(rest.length, Math.max(0, limit - picked.size), options.sample === Infinity ? rest.length : Math.max(0, Math.floor(options.sample)));
  // Shuffle the paths in a fixed order (found order) so the seed alone decides the draw.
  for (const path of seededShuffle(rest, options.seed).slice(0, draw)) picked.set(path, 'random');

  const byOrder = (a: string, b: string) => order.get(a)! - order.get(b)!;
  return {
    chosen: [...picked.keys()].sort(byOrder).map((path) => ({ path, template: templateOf.get(path)!, reason: picked.get(path)! })),
    leftOut: [...templateOf.keys()].filter((path) => !picked.has(path)).map((path) => ({ path, template: templateOf.get(path)! })),
    templatesLeftOut: templatesLeftOut.sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))),
  };
}
