/**
 * Makes what the server and the browser need from the content three virtual modules,
 * built from the content the build has already read (sharedContent):
 * - `virtual:taskfront/catalogue`: task slugs, titles, topics and start URLs, and whether the
 *   browser searches its own index; small, and imported by every page and the tracking routes;
 * - `virtual:taskfront/search-data`: the search documents, synonyms, best bets, dictionary and
 *   the engine's index (posting lists and vocabulary, prepareSearch) made at build time. Only
 *   /search and /api/search import it, so no other request loads it, and the server loads the
 *   index instead of making it (decision 0034);
 * - `virtual:taskfront/browser-index`: the browser's smaller copy, written to /search-index.json.
 * The two large ones are JSON strings given to JSON.parse, which V8 reads several times faster
 * than the same data as a JavaScript object literal.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { sharedContent } from '../lib/content/load-content.ts';
import { contentDir } from '../lib/content/paths.ts';
import { setting } from '../lib/settings/load-settings.ts';
import { prepareSearch, type SearchData } from '../lib/search/engine.ts';
import { browserSearchData, searchDataFor, toSearchData } from '../lib/search/search-data.ts';
import type { Content } from '../lib/content/load-content.ts';

const MODULES = ['virtual:taskfront/catalogue', 'virtual:taskfront/search-data', 'virtual:taskfront/browser-index'] as const;
type ModuleId = (typeof MODULES)[number];

interface Derived {
  tasks: { slug: string; title: string; topic: string; kind: string; startUrl: string | null }[];
  searchData: SearchData;
  browserJson: string;
  mode: 'index' | 'api';
}

/** Made once per read of the content: the three modules are loaded separately but share it. */
const derivedFor = new WeakMap<Content, Derived>();

function derive(content: Content, limitKb: number): Derived {
  let derived = derivedFor.get(content);
  if (derived) return derived;
  // One index for the dictionary and the server: it is the largest cost of this step.
  const prepared = prepareSearch(toSearchData(content));
  const data = searchDataFor(content, prepared);
  const browserJson = JSON.stringify(browserSearchData(data));
  const browserKb = gzipSync(browserJson).length / 1024;
  derived = {
    tasks: content.tasks.map((task) => ({ slug: task.slug, title: task.title, topic: task.topic, kind: task.kind, startUrl: task.start?.url ?? null })),
    searchData: { ...data, prepared },
    browserJson,
    mode: browserKb <= limitKb ? 'index' : 'api',
  };
  derivedFor.set(content, derived);
  return derived;
}

/** A value as JavaScript that V8 parses fast: a JSON string handed to JSON.parse. */
const parsed = (value: unknown) => `JSON.parse(${JSON.stringify(JSON.stringify(value))})`;

function moduleSource(id: ModuleId, derived: Derived): string {
  switch (id) {
    case 'virtual:taskfront/catalogue':
      return `export const tasks = ${parsed(derived.tasks)};\nexport const browserMode = ${JSON.stringify(derived.mode)};\n`;
    case 'virtual:taskfront/search-data':
      return `export const searchData = ${parsed(derived.searchData)};\n`;
    case 'virtual:taskfront/browser-index':
      // Served as it is: the endpoint never parses it.
      return `export const browserIndexJson = ${JSON.stringify(derived.browserJson)};\n`;
  }
}

/** Above this compressed size the browser asks /api/search instead of downloading the index. */
export function browserIndexLimitKb(env: NodeJS.ProcessEnv = process.env): number {
  return setting('TASKFRONT_BROWSER_INDEX_MAX_KB', env);
}

export default function catalogue(): AstroIntegration {
  return {
    name: 'taskfront:catalogue',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        const root = fileURLToPath(config.root);
        const limitKb = browserIndexLimitKb();
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'taskfront-catalogue',
                resolveId: (id: string) => (MODULES.includes(id as ModuleId) ? `\0${id}` : undefined),
                load(id: string) {
                  const name = id.slice(1) as ModuleId;
                  if (!id.startsWith('\0') || !MODULES.includes(name)) return undefined;
                  return moduleSource(name, derive(sharedContent({ root: contentDir(root), cwd: root }), limitKb));
                },
              },
            ],
          },
        });
      },
    },
  };
}
