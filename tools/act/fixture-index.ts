/**
 * The offline ACT fixture set: its index (tests/act/cases/testcases.json) and the rules for
 * deciding which files an example page needs. Pure functions, shared by the fixture tool
 * and the harness.
 */

/** One example as W3C publishes it in testcases.json. */
export interface ActCase {
  ruleId: string;
  ruleName: string;
  ruleAccessibilityRequirements: Record<string, Record<string, unknown> | null> | null;
  expected: 'passed' | 'failed' | 'inapplicable';
  testcaseId: string;
  testcaseTitle: string;
  relativePath: string;
  url: string;
  rulePage: string;
  approved?: boolean;
}

export interface FixtureIndex {
  source: string;
  commit: string;
  date: string;
  /** `notRun`: why the example cannot run offline, or null when it can. */
  cases: (ActCase & { notRun: string | null })[];
}

/** The path W3C serves the test cases under; example pages refer to their assets by it. */
export const SERVED_PREFIX = '/WAI/content-assets/wcag-act-rules/';
const FAKE_ORIGIN = 'https://act.invalid';

/** Attribute values and CSS urls in a page that the browser would fetch or link to. */
function references(html: string): { value: string; loads: boolean }[] {
  const found: { value: string; loads: boolean }[] = [];
  for (const match of html.matchAll(/<([a-z][a-z0-9-]*)\b[^>]*>/gi)) {
    const tag = match[1]!.toLowerCase();
    const attributes = match[0];
    for (const attribute of attributes.matchAll(/\s(src|href|data|poster|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
      const name = attribute[1]!.toLowerCase();
      const value = (attribute[2] ?? attribute[3] ?? attribute[4] ?? '').trim();
      // A link the person may follow is not loaded with the page; a stylesheet or icon is.
      const loads = name !== 'href' || (tag === 'link' && !/rel\s*=\s*["']?(?:canonical|alternate|author|help|license|next|prev|search)\b/i.test(attributes));
      for (const part of name === 'srcset' ? value.split(',').map((item) => item.trim().split(/\s+/)[0] ?? '') : [value]) found.push({ value: part, loads });
    }
  }
  for (const match of html.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/gi)) found.push({ value: match[1]!.trim(), loads: true });
  return found.filter((item) => item.value && !/^(?:#|data:|javascript:|mailto:|tel:|about:|blob:)/i.test(item.value));
}

/**
 * Why a page cannot run offline: it loads something from another site (a stylesheet, an
 * image, a frame, a script). Plain links to other sites are fine. Null when it can run.
 */
export function externalResource(html: string): string | null {
  for (const { value, loads } of references(html)) {
    if (!loads) continue;
    if (/^(?:https?:)?\/\//i.test(value)) {
      const host = new URL(value, FAKE_ORIGIN).host;
      return `loads ${value.length > 80 ? `${value.slice(0, 77)}…` : value} from ${host}, which is not available offline`;
    }
  }
  return null;
}

/**
 * The files under the W3C folder that a page refers to, as paths inside it
 * ("test-assets/shared/w3c-logo.png"); `loads`: the page loads it (a link it only points to is false).
 */
export function localAssets(html: string, relativePath: string): { path: string; loads: boolean }[] {
  const base = new URL(SERVED_PREFIX + relativePath, FAKE_ORIGIN);
  const assets = new Map<string, boolean>();
  for (const { value, loads } of references(html)) {
    let url: URL;
    try {
      url = new URL(value, base);
    } catch {
      continue;
    }
    if (url.origin !== FAKE_ORIGIN || !url.pathname.startsWith(SERVED_PREFIX)) continue;
    const path = decodeURIComponent(url.pathname.slice(SERVED_PREFIX.length));
    if (path && path !== relativePath && !path.endsWith('/')) assets.set(path, loads || (assets.get(path) ?? false));
  }
  return [...assets].sort(([a], [b]) => a.localeCompare(b)).map(([path, loads]) => ({ path, loads }));
}
