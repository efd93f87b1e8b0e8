/**
 * Makes what the server and the browser need from the content into virtual modules, built
 * from the content as sharedContent gives it (in a build, read by the catalogue process):
 * - `virtual:taskfront/catalogue`: task slugs, titles, topics and start URLs, and whether the
 *   browser searches its own index; small, and imported by every page and the tracking routes;
 * - `virtual:taskfront/search-data`: `loadSearchData()`, the search documents, synonyms, best
 *   bets, dictionary and the engine's index (posting lists and vocabulary, prepareSearch) made at
 *   build time, so the server loads the index instead of making it (decision 0034). In a build it
 *   reads them from SEARCH_FILE, written beside the server's code in the compact form of
 *   search-file.ts (decision 0039): the server's code stays small and the data is read once, as
 *   bytes, not parsed as a JavaScript string. In `astro dev` the data is in the module itself;
 * - `virtual:taskfront/browser-index`: the browser's smaller copy, written to /search-index.json; when it is too
 *   large for the browser (mode "api", the browser asks /api/search), a short note saying so instead, so a large
 *   catalogue's build neither bundles nor publishes megabytes that no page fetches;
 * - `virtual:taskfront/task-slugs`: the task slugs alone, for the server entry, which needs to know which pages are
 *   task pages (for incident banners) as it starts; the whole catalogue is three times larger and would be parsed
 *   before the first search could be answered (decision 0044);
 * - `virtual:taskfront/records`: `loadRecords()`, every task and topic as the pages see them, without their Markdown,
 *   for the pages rendered on request (records.ts). In a build it reads RECORDS_FILE, written beside the server's code,
 *   so the server bundle holds neither them nor Astro's content layer (which holds every task's rendered body: 19 MB
 *   at 10,000 tasks, bundled, loaded and parsed for a single /search page; issue 17).
 * In a build every module reads its data from a file written beside the chunk that imports it (PLACEHOLDERS), so
 * Vite bundles without waiting for the catalogue process: the files are written when it answers, and the build
 * waits for them only before it generates pages (decision 0047). In `astro dev` the data is in the modules, as a
 * string given to JSON.parse, which V8 reads several times faster than the same data as a JavaScript object literal.
 */
import type { AstroIntegration } from 'astro';
import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContentData } from '../lib/content/load-content.ts';
import { contentDir, contentFileKind } from '../lib/content/paths.ts';
import { shareContentRead, sharedContentReady } from '../lib/content/shared-content.ts';
import { setting } from '../lib/settings/load-settings.ts';
import type { PreparedSearch, SearchData } from '../lib/search/engine.ts';
import type { SearchContent } from '../lib/search/search-data.ts';

const MODULES = ['virtual:taskfront/catalogue', 'virtual:taskfront/search-data', 'virtual:taskfront/browser-index', 'virtual:taskfront/task-slugs', 'virtual:taskfront/records'] as const;
type ModuleId = (typeof MODULES)[number];

/** The server's search data, written at the top of the server build's output. */
export const SEARCH_FILE = 'search-data.bin';
/** The task and topic records (records.ts), as JSON, beside it. */
export const RECORDS_FILE = 'records.json';
/**
 * Stand in the built code for a file's address relative to the chunk that reads it, until the chunk is written.
 * Each file is written into the output folders whose chunks read it.
 */
const PLACEHOLDERS = {
  __TASKFRONT_SEARCH_FILE__: SEARCH_FILE,
  __TASKFRONT_RECORDS_FILE__: RECORDS_FILE,
  __TASKFRONT_CATALOGUE_FILE__: 'catalogue.json',
  __TASKFRONT_TASK_SLUGS_FILE__: 'task-slugs.json',
  __TASKFRONT_BROWSER_INDEX_FILE__: 'browser-index.json',
} as const;
type Placeholder = keyof typeof PLACEHOLDERS;

/**
 * Up to this many tasks, Vite bundles while the catalogue process makes the search data, and the process yields the
 * processor to the build's own thread (it is needed only when pages are generated): the 1,000-task build is 0.25 to
 * 0.35 s quicker. Above it, Vite bundles once the process has ended: at 10,000 tasks each takes hundreds of MB, and
 * the two together were the build's peak (decision 0046).
 */
export const BUNDLE_BESIDE_CATALOGUE_MAX_TASKS = 2500;

/** How many task files the content folder holds, counted as the loader counts them; cheap (no file is read). */
export function taskFileCount(contentRoot: string): number {
  try {
    return readdirSync(join(contentRoot, 'tasks')).filter((name) => contentFileKind(name) === 'entry').length;
  } catch {
    return 0;
  }
}

export interface Derived {
  tasks: { slug: string; title: string; topic: string; kind: string; startUrl: string | null }[];
  browserJson: string;
  mode: 'index' | 'api';
  /** In `astro dev`: the search data itself, put into the module. */
  searchData?: SearchData & { prepared: PreparedSearch };
  /** In `astro dev`: the records (records.ts) as JSON, put into the module. */
  recordsJson?: string;
  /**
   * In a build: the search file (search-file.ts) and the records, made in a folder of their own and copied beside
   * the server's code when it is written. Kept on disk, not in this thread's memory: 28 MB at 10,000 tasks, held
   * while Astro bundles, its largest use of memory (issue 17).
   */
  staged?: { search: string; records: string };
}

const tasksOf = (content: ContentData): Derived['tasks'] =>
  content.tasks.map((task) => ({ slug: task.slug, title: task.title, topic: task.topic, kind: task.kind, startUrl: task.start?.url ?? null }));

/** What the catalogue process (catalogue-process.ts) is given, and what it answers. */
export interface SearchWork {
  content: SearchContent & Pick<ContentData, 'tasks' | 'topics'>;
  limitKb: number;
  /** Where the search file and the records are written. */
  stagingDir: string;
}
export interface SearchMade {
  /** The browser's index, or empty when the browser will not use it (mode "api"). */
  browserJson: string;
  mode: Derived['mode'];
  staged: { search: string; records: string };
}

/** What the catalogue process (catalogue-process.ts) is given: where the content is, and what makeSearch needs. */
export interface CatalogueProcessWork extends Omit<SearchWork, 'content'> {
  root: string;
  cwd: string;
  /** The dictionary's English words found on a thread of their own (catalogue-process.ts); not when it yields. */
  dictionaryThread?: boolean;
}
/**
 * What it answers: the content as read, then what makeSearch made (null when the content has errors); and, at any
 * time, a warning for the build's log.
 */
export type CatalogueProcessMessage = { content: ContentData } | { made: SearchMade | null } | { warning: string };

/** Catalogue processes still running: a build that stops early (a broken file) does not leave them behind. */
const running = new Set<ChildProcess>();
process.on('exit', () => running.forEach((child) => child.kill()));

/**
 * In a build, the content is read, and the search data made from it, in a process of its own started as Astro starts:
 * the build's own thread meanwhile sets up Vite and syncs Astro's content, and gets the content (shareContentRead)
 * as soon as it is read. At 1,000 tasks that takes the half second of reading off the build's thread; at 10,000
 * tasks the search data's 4 s too (issue 17). A process rather than a worker thread, so that its memory (300 to 500 MB
 * at 10,000 tasks) is given back as it ends, before Vite bundles (decision 0046). If it cannot start or fails, the
 * work is done here, and the build says so.
 */
export function startCatalogueProcess(
  work: CatalogueProcessWork,
  warn: (message: string) => void,
  { script = fileURLToPath(new URL('./catalogue-process.ts', import.meta.url)), yieldToBuild = false }: { script?: string; /** It runs beside Vite's bundles: it yields the processor and keeps its memory small. */ yieldToBuild?: boolean } = {},
): { content: Promise<ContentData>; derived: Promise<Derived>; ended: Promise<void> } {
  const content = Promise.withResolvers<ContentData>();
  const derived = Promise.withResolvers<Derived>();
  const ended = Promise.withResolvers<void>();
  let read: ContentData | undefined;
  let settled = false;
  const here = (why: unknown) => {
    if (settled) return;
    settled = true;
    warn(`the ${read ? 'search data was' : 'content was read and the search data'} made on the build's own thread: its process failed (${why instanceof Error ? why.message : String(why)})`);
    const had = read;
    read = undefined;
    const made = import('./catalogue-search.ts').then(async ({ readContent, makeSearch }) => {
      const own = had ?? readContent(work);
      content.resolve(own);
      return { tasks: tasksOf(own), ...(await makeSearch({ content: own, limitKb: work.limitKb, stagingDir: work.stagingDir })) };
    });
    derived.resolve(made);
    // The content could not be read here either: nothing waiting for it is left waiting.
    made.catch((error: unknown) => content.reject(error));
  };
  let child: ChildProcess;
  try {
    // The same Node, with the build's own options; structured clone, as a worker's messages, for the content.
    // Beside Vite's bundles, a young generation of 2 MB rather than V8's 16 to 32: the process's peak is 200 MB rather
    // than 270 at 1,000 tasks, at no cost in time (decision 0047).
    const execArgv = yieldToBuild ? [...process.execArgv, '--max-semi-space-size=2'] : process.execArgv;
    child = fork(script, [JSON.stringify({ ...work, dictionaryThread: !yieldToBuild })], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    // Lowest priority: the build's own thread runs first; the process uses what is left. Its threads inherit it.
    if (yieldToBuild && child.pid !== undefined) {
      try {
        setPriority(child.pid, 19);
      } catch {
        // Not allowed here (some containers): the build is the same, only a little slower.
      }
    }
  } catch (error) {
    here(error);
    ended.resolve();
    return { content: content.promise, derived: derived.promise, ended: ended.promise };
  }
  running.add(child);
  child.on('message', (message: CatalogueProcessMessage) => {
    if ('warning' in message) return warn(message.warning);
    if ('content' in message) {
      read = message.content;
      content.resolve(read);
      return;
    }
    if (settled || !read) return;
    settled = true;
    // No search data is made from content with errors: the build stops on them (content-guard.ts).
    const answer: Derived | undefined = message.made ? { tasks: tasksOf(read), ...message.made } : undefined;
    // Not kept here: the build's content is let go once it is checked (content-guard.ts).
    read = undefined;
    if (answer) derived.resolve(answer);
    else derived.reject(new Error('the content has errors, so no search data was made'));
  });
  child.once('error', (error) => {
    here(error);
    ended.resolve();
  });
  // 'close', not 'exit': it comes after the last message has been read.
  child.once('close', (code, signal) => {
    running.delete(child);
    here(new Error(signal ? `it was stopped by ${signal}` : `it stopped with exit code ${code} before it answered`));
    ended.resolve();
  });
  return { content: content.promise, derived: derived.promise, ended: ended.promise };
}

/** In `astro dev`: made once per read of the content; the modules are loaded separately but share it. */
const derivedFor = new WeakMap<ContentData, Promise<Derived>>();

function derive(content: ContentData, limitKb: number): Promise<Derived> {
  let derived = derivedFor.get(content);
  if (!derived) {
    derived = import('./catalogue-search.ts').then(async ({ prepareForDev }) => ({ tasks: tasksOf(content), ...(await prepareForDev(content, limitKb)) }));
    derivedFor.set(content, derived);
  }
  return derived;
}

/** What /search-index.json says when the catalogue is searched by the server only. */
const TOO_LARGE_FOR_BROWSER = JSON.stringify({
  mode: 'api',
  message: 'This catalogue is too large for the browser to search itself: ask /api/search?q=<words> instead.',
});

/** A value as JavaScript that V8 parses fast: a JSON string handed to JSON.parse. */
const parsed = (value: unknown) => `JSON.parse(${JSON.stringify(JSON.stringify(value))})`;

const SEARCH_FILE_CODEC = fileURLToPath(new URL('../lib/search/search-file.ts', import.meta.url));

/** The built code's expression for the path of the file `placeholder` stands for, beside the chunk that reads it. */
const pathOf = (placeholder: Placeholder) => `fileURLToPath(new URL(${JSON.stringify(placeholder)}, import.meta.url))`;

/** A module's source: the imports every file-reading module needs, then `lines`. */
const fileReader = (...lines: string[]) => [`import { readFileSync } from 'node:fs';`, `import { fileURLToPath } from 'node:url';`, ...lines, ''].join('\n');

/** A module that reads the file `placeholder` stands for as `text` when it is first imported, then runs `body`. */
const fileModule = (placeholder: Placeholder, body: string) => fileReader(`const text = readFileSync(${pathOf(placeholder)}, 'utf8');`, body);

/** The module's source in a build: none of them holds data, so none waits for the catalogue process. */
function builtModuleSource(id: ModuleId): string {
  switch (id) {
    case 'virtual:taskfront/catalogue':
      return fileModule('__TASKFRONT_CATALOGUE_FILE__', `const catalogue = JSON.parse(text);\nexport const tasks = catalogue.tasks;\nexport const browserMode = catalogue.mode;`);
    case 'virtual:taskfront/browser-index':
      // Served as it is: the endpoint never parses it.
      return fileModule('__TASKFRONT_BROWSER_INDEX_FILE__', 'export const browserIndexJson = text;');
    case 'virtual:taskfront/task-slugs':
      return fileModule('__TASKFRONT_TASK_SLUGS_FILE__', 'export const taskSlugs = JSON.parse(text);');
    // These two are read when first asked for, not when imported.
    case 'virtual:taskfront/search-data':
      return fileReader(
        `import { decodeSearchFile } from ${JSON.stringify(SEARCH_FILE_CODEC)};`,
        `export function loadSearchData() {`,
        `  const file = ${pathOf('__TASKFRONT_SEARCH_FILE__')};`,
        `  return decodeSearchFile(readFileSync(file), file);`,
        `}`,
      );
    case 'virtual:taskfront/records':
      return fileReader(`export function loadRecords() {`, `  return JSON.parse(readFileSync(${pathOf('__TASKFRONT_RECORDS_FILE__')}, 'utf8'));`, `}`);
  }
}

/** The module's source in `astro dev`: the data itself. */
function devModuleSource(id: ModuleId, derived: Derived): string {
  switch (id) {
    case 'virtual:taskfront/catalogue':
      return `export const tasks = ${parsed(derived.tasks)};\nexport const browserMode = ${JSON.stringify(derived.mode)};\n`;
    case 'virtual:taskfront/search-data':
      return `const data = ${parsed(derived.searchData!)};\nexport const loadSearchData = () => data;\n`;
    case 'virtual:taskfront/browser-index':
      return `export const browserIndexJson = ${JSON.stringify(browserIndexOf(derived))};\n`;
    case 'virtual:taskfront/task-slugs':
      return `export const taskSlugs = ${parsed(derived.tasks.map((task) => task.slug))};\n`;
    case 'virtual:taskfront/records':
      return `const records = JSON.parse(${JSON.stringify(derived.recordsJson!)});\nexport const loadRecords = () => records;\n`;
  }
}

/** What /search-index.json holds: the browser's index, or the note that the browser asks the server. */
const browserIndexOf = (derived: Derived) => (derived.mode === 'index' ? derived.browserJson : TOO_LARGE_FOR_BROWSER);

/** Writes the file `placeholder` stands for into `dir`, from what the catalogue process made. */
function writeCatalogueFile(placeholder: Placeholder, derived: Derived, dir: string): void {
  const to = join(dir, PLACEHOLDERS[placeholder]);
  switch (placeholder) {
    case '__TASKFRONT_SEARCH_FILE__':
    case '__TASKFRONT_RECORDS_FILE__': {
      if (!derived.staged) throw new Error('taskfront:catalogue: the search data was made for `astro dev`, not for a build');
      return copyFileSync(placeholder === '__TASKFRONT_SEARCH_FILE__' ? derived.staged.search : derived.staged.records, to);
    }
    case '__TASKFRONT_CATALOGUE_FILE__':
      return writeFileSync(to, JSON.stringify({ tasks: derived.tasks, mode: derived.mode }));
    case '__TASKFRONT_TASK_SLUGS_FILE__':
      return writeFileSync(to, JSON.stringify(derived.tasks.map((task) => task.slug)));
    case '__TASKFRONT_BROWSER_INDEX_FILE__':
      return writeFileSync(to, browserIndexOf(derived));
  }
}

/** Above this compressed size the browser asks /api/search instead of downloading the index. */
export function browserIndexLimitKb(env: NodeJS.ProcessEnv = process.env): number {
  return setting('TASKFRONT_BROWSER_INDEX_MAX_KB', env);
}

// The integration boilerplate Astro asks for (name, hooks, astro:config:setup), alike in shape to content-guard.ts; each does its own work in the hook.
export default function catalogue(): AstroIntegration {
  /** Folders the search file and records were made in, removed when the build is done. */
  const stagingDirs: string[] = [];
  const removeStaging = () => {
    for (const dir of stagingDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  };
  const stagingDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'taskfront-build-'));
    // A build that stops early leaves nothing behind either.
    if (stagingDirs.length === 0) process.once('exit', removeStaging);
    stagingDirs.push(dir);
    return dir;
  };
  /** In a build: settled once the catalogue process has answered and ended. */
  let catalogueDone: Promise<unknown> | undefined;
  return {
    name: 'taskfront:catalogue',
    hooks: {
      'astro:config:setup': ({ config, updateConfig, command, logger }) => {
        const root = fileURLToPath(config.root);
        const limitKb = browserIndexLimitKb();
        const building = command === 'build';
        const options = { root: contentDir(root), cwd: root };
        let current = async () => derive(await sharedContentReady(options), limitKb);
        if (building) {
          // A small catalogue's search data is needed only when pages are generated; a large one's process ends before
          // Vite bundles, for memory (BUNDLE_BESIDE_CATALOGUE_MAX_TASKS).
          const beside = taskFileCount(options.root) <= BUNDLE_BESIDE_CATALOGUE_MAX_TASKS;
          // Started now, so the content is read and the search data made while Astro does the rest of its work.
          const catalogueProcess = startCatalogueProcess({ ...options, limitKb, stagingDir: stagingDir() }, (message) => logger.warn(message), { yieldToBuild: beside });
          shareContentRead(options, catalogueProcess.content);
          // When the content has errors the build stops before anything asks for this (content-guard.ts).
          catalogueProcess.derived.catch(() => undefined);
          current = () => catalogueProcess.derived;
          if (!beside) catalogueDone = catalogueProcess.ended;
        }
        /** The files each output folder's chunks read, so they are written there. */
        const readers = new Map<string, Set<Placeholder>>();
        /** Those files being written, once the catalogue process has answered; awaited before pages are generated. */
        const writing: Promise<void>[] = [];
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'taskfront-catalogue',
                // Filters: Vite calls the hooks for these modules and chunks only, not for each of hundreds.
                resolveId: { filter: { id: /^virtual:taskfront\// }, handler: (id: string) => (MODULES.includes(id as ModuleId) ? `\0${id}` : undefined) },
                load: {
                  filter: { id: /^\0virtual:taskfront\// },
                  async handler(id: string) {
                    const name = id.slice(1) as ModuleId;
                    if (!MODULES.includes(name)) return undefined;
                    return building ? builtModuleSource(name) : devModuleSource(name, await current());
                  },
                },
                renderChunk: {
                  filter: { code: /__TASKFRONT_/ },
                  handler(code: string, chunk: { fileName: string }, output: { dir?: string }) {
                    const found = (Object.keys(PLACEHOLDERS) as Placeholder[]).filter((placeholder) => code.includes(placeholder));
                    if (found.length === 0) return null;
                    if (!output.dir) throw new Error('taskfront:catalogue: the build has no output folder to put the catalogue files in');
                    const wanted = readers.get(output.dir) ?? new Set<Placeholder>();
                    readers.set(output.dir, wanted);
                    for (const placeholder of found) {
                      wanted.add(placeholder);
                      const relative = posix.relative(posix.dirname(chunk.fileName), PLACEHOLDERS[placeholder]);
                      code = code.replaceAll(placeholder, relative.startsWith('.') ? relative : `./${relative}`);
                    }
                    return { code, map: null };
                  },
                },
                // Not awaited here: Vite goes on to the next bundle while the catalogue process works.
                writeBundle(output: { dir?: string }) {
                  const dir = output.dir;
                  const wanted = dir ? readers.get(dir) : undefined;
                  if (!dir || !wanted) return;
                  const written = current().then((derived) => {
                    mkdirSync(dir, { recursive: true });
                    for (const placeholder of wanted) writeCatalogueFile(placeholder, derived, dir);
                  });
                  // Its failure is reported where it is awaited (below), not as an unhandled rejection before then.
                  written.catch(() => undefined);
                  writing.push(written);
                },
                // After Vite's bundles and before Astro's own step that generates the pages (a 'post' hook of a
                // plugin Astro adds after the project's), which import these files.
                buildApp: {
                  order: 'post',
                  async handler() {
                    await Promise.all(writing.splice(0));
                  },
                },
              },
            ],
          },
        });
      },
      // A large catalogue: Vite bundles once the catalogue process has ended, not beside it; both take hundreds of MB
      // at 10,000 tasks, and the peak of the two together was the build's (decision 0046).
      'astro:build:start': async () => {
        await catalogueDone;
      },
      'astro:build:done': removeStaging,
    },
  };
}
