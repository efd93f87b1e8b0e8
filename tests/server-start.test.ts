/**
 * What the built server loads before it can answer its first search (decision 0044): the entry and the search's
 * chunks must not reach Astro's runtime, the content layer or the whole catalogue through static imports, or they
 * would all be loaded before the first search, over a second at 10,000 tasks. Then the server itself: a search right
 * after the start, and a page Astro renders, both answered.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startServer, type RunningServer } from './helpers/site.ts';

const SERVER = join(ROOT, 'dist/server');

/** Relative modules a built file imports statically (`import … from "./x.mjs"`, `import "./x.mjs"`, `export … from`). */
function staticImports(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  const found = [...code.matchAll(/^(?:import|export)\b[^;]*?["'](\.{1,2}\/[^"']+)["']/gm)].map((match) => match[1]!);
  return found.map((specifier) => resolve(dirname(file), specifier));
}

/** Every built file reached from `start` through static imports alone, `start` included. */
function staticGraph(start: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    staticImports(file).forEach(visit);
  };
  visit(start);
  return seen;
}

/** The chunk `import("./chunks/<prefix>_….mjs")` in the entry names. */
function dynamicChunk(prefix: string): string {
  const entry = readFileSync(join(SERVER, 'entry.mjs'), 'utf8');
  const name = new RegExp(`import\\(["'](\\./chunks/${prefix}_[\\w-]+\\.mjs)["']\\)`).exec(entry)?.[1];
  if (!name) throw new Error(`dist/server/entry.mjs has no import() of a ${prefix} chunk`);
  return join(SERVER, name);
}

// What must stay out: Astro's app (its manifest), the content layer's data, and the catalogue's task titles.
const HEAVY: [string, RegExp][] = [
  ["Astro's manifest", /deserializeManifest/],
  ['the content layer', /_astro_data-layer-content/],
  ['the whole catalogue', /\\"title\\":\\"/],
];

describe('the built server before its first search', () => {
  for (const [label, start] of [
    ['the entry', () => join(SERVER, 'entry.mjs')],
    ['the search engine', () => dynamicChunk('server-search')],
    ['the search answer', () => dynamicChunk('search-api')],
  ] as const) {
    it(`${label} does not load Astro, the content layer or the catalogue`, () => {
      const graph = staticGraph(start());
      expect(graph.size).toBeGreaterThan(1);
      for (const file of graph) {
        const code = readFileSync(file, 'utf8');
        for (const [what, pattern] of HEAVY) expect(pattern.test(code), `${file.slice(SERVER.length + 1)} holds ${what}`).toBe(false);
      }
    });
  }

  it('still finds Astro where the entry loads it later', () => {
    // The check above would pass vacuously if the patterns stopped matching Astro's build.
    // In that chunk or one it imports (the dashboard's thread loads the same app, so Vite may share it out).
    const astro = [...staticGraph(dynamicChunk('server'))].map((file) => readFileSync(file, 'utf8'));
    expect(astro.some((code) => HEAVY[0]![1].test(code))).toBe(true);
  });
});

describe('the built server just after it starts', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.stop());

  it('answers a search, then a page Astro renders, then a prerendered page with its policy', async () => {
    const search = await fetch(`${server.url}/api/search?q=bin`);
    expect(search.status).toBe(200);
    expect(((await search.json()) as { results: unknown[] }).results.length).toBeGreaterThan(0);
    const status = await fetch(`${server.url}/status`);
    expect(status.status).toBe(200);
    expect(await status.text()).toContain('<h1');
    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-security-policy')).toMatch(/sha256-/);
  });
});
