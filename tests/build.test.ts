import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { LIVE_SEARCH_KEYS } from '../src/client/live-search-strings.ts';
import { t } from '../src/i18n/t.ts';
import { build, builtFiles, DIST, ROOT } from './helpers/site.ts';

const taskFiles = readdirSync(join(ROOT, 'content/tasks')).filter((name) => name.endsWith('.md'));
const topicFiles = readdirSync(join(ROOT, 'content/topics')).filter((name) => name.endsWith('.md'));
const page = (path: string) => readFileSync(join(DIST, path), 'utf8');
const kindOf = (file: string) => /^kind: (\w+)$/m.exec(readFileSync(join(ROOT, 'content/tasks', file), 'utf8'))?.[1];
const signpostFiles = taskFiles.filter((file) => kindOf(file) === 'signpost');
const serviceFiles = taskFiles.filter((file) => kindOf(file) !== 'signpost');

describe('the built demo portal', () => {
  it('has one page per task file, each with every section', () => {
    expect(serviceFiles.length).toBeGreaterThanOrEqual(68);
    for (const file of serviceFiles) {
      const slug = file.replace(/\.md$/, '');
      const html = page(`${slug}.html`);
      expect(html.match(/<h1[\s>]/g), slug).toHaveLength(1);
      const kind = /data-kind="(\w+)"/.exec(html)?.[1];
      // Each kind has its own layout (decision 0030): an information page answers first and has no Start or time to take.
      const headings = kind === 'information' ? ['Who can use this', 'You will need', 'What to do'] : ['Who can use this', 'Before you start', 'You will need', 'Cost', 'Time it takes', 'How it works'];
      for (const heading of headings) {
        expect(html, `${slug} lacks "${heading}"`).toContain(`>${heading}<`);
      }
      expect(html).toMatch(/<ol class="steps"/);
      expect(html).toMatch(/Last checked on \d{1,2} \w+ 20\d\d by the /);
      expect(html, `${slug} lacks "Report a problem with this page"`).toContain(`action="/report-problem/${slug}"`);
      if (kind === 'information') {
        expect(html, `${slug} gives no answer first`).toContain('class="answer"');
        expect(html, `${slug} has a Start button`).not.toContain('button-start');
      } else {
        expect(html, `${slug} has no Start button`).toContain('class="button button-start"');
        expect(html, `${slug} has no "Use this service to" list`).toContain('class="use-this-to"');
      }
    }
  });

  // Alike in shape to the test above (each built page of a kind, read and checked): signposts have their own sections.
  it('has a short page per signpost: not a council service, who does it, how to reach them, no Start button', () => {
    expect(signpostFiles.length).toBeGreaterThanOrEqual(20);
    for (const file of signpostFiles) {
      const slug = file.replace(/\.md$/, '');
      const html = page(`${slug}.html`);
      expect(html.match(/<h1[\s>]/g), slug).toHaveLength(1);
      expect(html, slug).toContain('>Not a council service<');
      for (const heading of ['Who does this', 'How to reach them']) expect(html, `${slug} lacks "${heading}"`).toContain(`>${heading}<`);
      expect(html, slug).toMatch(/<p class="signpost-link"[^>]*><a href="https:\/\/[^"]+"/);
      expect(html, slug).not.toContain('button-start');
      expect(html, slug).not.toContain(`/start/${slug}`);
    }
  });

  it('has a browse page per topic listing its tasks', () => {
    expect(topicFiles.length).toBeGreaterThanOrEqual(12);
    const browse = page('browse/index.html');
    for (const file of topicFiles) {
      const slug = file.replace(/\.md$/, '');
      expect(browse).toContain(`href="/browse/${slug}"`);
      expect(page(`browse/${slug}.html`)).toMatch(/<ul class="task-list"[^>]*>\s*<li>/);
    }
  });

  it('asks "What do you want to do?" with a labelled search form on the home page', () => {
    const html = page('index.html');
    expect(html).toMatch(/<form[^>]+action="\/search"[^>]+method="get"/);
    expect(html).toMatch(/<label for="search-q">What do you want to do\?<\/label>/);
    expect(html).toMatch(/<input type="search" id="search-q" name="q"/);
    expect(html).toContain('Most requested');
  });

  it('loads no script file on page load; task pages carry the small measurement script inline', () => {
    expect(builtFiles().some((file) => /^_astro\/live-search-entry-[\w-]+\.js$/.test(file))).toBe(true);
    // Signposts are not part of any journey: they carry no measurement script.
    const taskPages = new Set(serviceFiles.map((file) => file.replace(/\.md$/, '.html')));
    for (const file of builtFiles().filter((name) => name.endsWith('.html'))) {
      const html = page(file);
      expect(html.match(/<script[^>]+src=/g) ?? [], file).toEqual([]);
      const modules = html.match(/<script type="module">[\s\S]*?<\/script>/g) ?? [];
      // The lazy loader (src/client/lazy-load.ts) only where a component names code to fetch on use, and tiny.
      const loaders = modules.filter((module) => module.includes('loadSrc'));
      expect(loaders.length, file).toBe(html.includes('data-load-src=') ? 1 : 0);
      for (const loader of loaders) expect(gzipSync(loader).length, file).toBeLessThan(1024);
      const others = modules.filter((module) => !module.includes('loadSrc'));
      if (taskPages.has(file)) {
        expect(others, file).toHaveLength(1);
        expect(others[0], file).toContain('/api/events');
        // Budget: 3 KB gzip. Module scripts run after the page is parsed, like defer.
        expect(gzipSync(others[0]!).length, file).toBeLessThan(3 * 1024);
      } else {
        expect(others, file).toEqual([]);
      }
      for (const inline of html.match(/<script>[\s\S]*?<\/script>/g) ?? []) expect(inline.length, file).toBeLessThan(1024);
    }
  });

  it('every page has a skip link, one main landmark and lang', () => {
    for (const file of builtFiles().filter((name) => name.endsWith('.html'))) {
      const html = page(file);
      expect(html, file).toContain('<a class="skip-link" href="#main-content">');
      expect(html.match(/<main /g), file).toHaveLength(1);
      expect(html, file).toContain('<html lang="en-GB">');
    }
  });

  it('publishes the catalogue as open data and a demo service for every Start link', () => {
    const data = JSON.parse(page('api/tasks.json')) as { tasks: { slug: string; kind: string; start?: { url: string } }[] };
    expect(data.tasks).toHaveLength(taskFiles.length);
    for (const task of data.tasks) {
      // The demo service is rendered per request (it carries the journey token back), so it is a route, not a file.
      if (task.start?.url.startsWith('/')) expect(task.start.url, task.slug).toBe(`/demo-service/${task.slug}`);
      // The done page and its "thanks" page are rendered when asked for: the same thanks page built once per task
      // made a third of a large catalogue's build (issue 17). The server tests ask for them.
      expect(existsSync(join(DIST, `done/${task.slug}/thanks.html`)), task.slug).toBe(false);
    }
  });
});

describe('the built server', () => {
  const serverDir = join(ROOT, 'dist/server');
  const chunks = () => readdirSync(join(serverDir, 'chunks'));

  it('holds no copy of the content layer: pages rendered on request read the records file (issue 17)', () => {
    // Astro's content layer holds every task's rendered body: 19 MB of code at 10,000 tasks.
    expect(chunks().filter((name) => /data-layer/.test(name))).toEqual([]);
    const records = JSON.parse(readFileSync(join(serverDir, 'records.json'), 'utf8')) as { tasks: { slug: string; body?: unknown }[]; topics: unknown[] };
    expect(records.tasks.map((task) => task.slug).sort()).toEqual(taskFiles.map((file) => file.replace(/\.md$/, '')).sort());
    expect(records.tasks.every((task) => task.body === undefined)).toBe(true);
    expect(records.topics.length).toBeGreaterThan(0);
  });
});

describe('the catalogue files (decision 0047)', () => {
  const serverDir = join(ROOT, 'dist/server');
  const slugs = taskFiles.map((file) => file.replace(/\.md$/, '')).sort();

  it('are written beside the server\'s code, which holds no task data, so Vite bundles without waiting for it', () => {
    const catalogue = JSON.parse(readFileSync(join(serverDir, 'catalogue.json'), 'utf8')) as { tasks: { slug: string; title: string }[]; mode: string };
    expect(catalogue.tasks.map((task) => task.slug).sort()).toEqual(slugs);
    expect(catalogue.mode).toBe('index');
    expect((JSON.parse(readFileSync(join(serverDir, 'task-slugs.json'), 'utf8')) as string[]).sort()).toEqual(slugs);
    const title = catalogue.tasks.find((task) => task.slug === 'pay-your-council-tax')!.title;
    const code = [readFileSync(join(serverDir, 'entry.mjs'), 'utf8'), ...readdirSync(join(serverDir, 'chunks')).map((name) => readFileSync(join(serverDir, 'chunks', name), 'utf8'))];
    expect(code.filter((text) => text.includes(title))).toEqual([]);
  });

  it('give the pages the browser index and the catalogue, and every shared asset has its compressed copies', () => {
    const index = JSON.parse(page('search-index.json')) as { docs?: unknown[] };
    expect(Array.isArray(index.docs) && index.docs.length).toBeGreaterThanOrEqual(taskFiles.length);
    const assets = readdirSync(join(DIST, '_astro')).filter((name) => /\.(?:css|js)$/.test(name));
    expect(assets.length).toBeGreaterThan(0);
    for (const name of assets) {
      if (readFileSync(join(DIST, '_astro', name)).length < 1024) continue;
      expect(existsSync(join(DIST, '_astro', `${name}.br`)), name).toBe(true);
      expect(existsSync(join(DIST, '_astro', `${name}.gz`)), name).toBe(true);
    }
    // No copy without its file: a copy made early for an asset Astro did not move would be served for a missing file.
    for (const name of readdirSync(join(DIST, '_astro')).filter((file) => /\.(?:br|gz)$/.test(file))) {
      expect(existsSync(join(DIST, '_astro', name.replace(/\.(?:br|gz)$/, ''))), name).toBe(true);
    }
  });
});

describe('the live search script (issue 17)', () => {
  it('carries only the strings it shows, handed over by the search form, not the whole string file', () => {
    const script = readdirSync(join(DIST, '_astro')).find((name) => /^live-search-entry-.+\.js$/.test(name))!;
    const code = readFileSync(join(DIST, '_astro', script), 'utf8');
    // A string no search shows: the whole file would bring it along.
    expect(code).not.toContain(t('myTasks.checklist.heading'));
    expect(code).not.toContain(t('search.live.seeAll', { query: 'x' }).slice(0, 12));
    for (const path of ['index.html', '404.html']) {
      const attribute = /<form[^>]*data-module="live-search"[^>]*data-i18n="([^"]*)"/.exec(page(path))?.[1];
      const strings = JSON.parse(attribute!.replaceAll('&quot;', '"').replaceAll('&amp;', '&')) as Record<string, string>;
      expect(Object.keys(strings).sort(), path).toEqual([...LIVE_SEARCH_KEYS].sort());
      for (const key of LIVE_SEARCH_KEYS) expect(strings[key], `${path} ${key}`).toBe(t(key));
    }
  });
});

describe('a broken content file', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function brokenCopy(file: string, change: (text: string) => string) {
    const dir = mkdtempSync(join(tmpdir(), 'taskfront-broken-'));
    dirs.push(dir);
    cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
    const path = join(dir, 'content/tasks', file);
    writeFileSync(path, change(readFileSync(path, 'utf8')));
    return join(dir, 'content');
  }

  it('fails the build, naming the file, the field and the fix', () => {
    const content = brokenCopy('pay-your-council-tax.md', (text) => text.replace(/^(\s+url:).*$/m, '$1 http://pay.example.org'));
    const result = build({ TASKFRONT_CONTENT_DIR: content }, join(content, '../dist'));
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/pay-your-council-tax\.md:\d+ start\.url: must be an https URL/);
    // Listed once, by the check that stops the build, not also as a warning while Astro fills its collections.
    expect(result.output.match(/start\.url: must be an https URL/g)).toHaveLength(1);
    expect(existsSync(join(content, '../dist'))).toBe(false);
  });

  it('fails the build when a task has no files at all', () => {
    const content = brokenCopy('pay-your-council-tax.md', (text) => text);
    rmSync(join(content, 'tasks'), { recursive: true });
    const result = build({ TASKFRONT_CONTENT_DIR: content }, join(content, '../dist'));
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/tasks:1 folder is missing/);
  });
});
