/**
 * npm run bench:search — search at scale, against budgets and a baseline in the same run.
 *
 * Builds synthetic catalogues of 1,000 and 10,000 tasks from the demo tasks (each copy
 * gets its own place name and service words, so the vocabulary grows as a real one would),
 * then reports:
 * - what the browser downloads for its first query (script + index), gzip and brotli;
 * - server query latency, median and p95, over 400 varied queries (typos, synonyms, questions);
 * - index load time (building the engine from the documents).
 * Baseline: plain lunr over the same documents (its own query parser, no query understanding,
 * and its serialized index as the download).
 * Exit 1 when a budget is missed, 2 when it cannot run. Options: --sizes 1000,10000  --queries 400  --json
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import lunr from 'lunr';
import { fail, intListOption, intOption, parseCli } from '../src/lib/cli/cli.ts';
import { errorsOf, formatProblem, loadContent } from '../src/lib/content/load-content.ts';
import { contentDir } from '../src/lib/content/paths.ts';
import { buildIndex, createSearchEngine, prepareSearch, type SearchData, type SearchDoc } from '../src/lib/search/engine.ts';
import { decodeSearchFile, encodeSearchFile } from '../src/lib/search/search-file.ts';
import { readExpectations } from '../src/lib/search/expectations.ts';
import { percentile } from './lib/report.ts';
import { browserSearchData, searchableSlugs, searchDataFor } from '../src/lib/search/search-data.ts';
import { seededRandom } from '../src/lib/seeded-random.ts';

const BUDGETS = {
  firstQueryKb: { at: 1000, max: 180 },
  p95At1000Ms: 5,
  p95At10000Ms: 10,
};

const { values } = parseCli({
  usage: 'npm run bench:search [-- options]',
  summary: `Measures search at scale against budgets, with plain lunr as the baseline: the browser's
first-query download, index load time, and query latency (median and p95) on synthetic
catalogues built from the demo tasks.`,
  options: {
    sizes: { type: 'string', default: '1000,10000', valueName: 'n,n', description: 'catalogue sizes in tasks, besides the demo itself (default 1000,10000)' },
    queries: { type: 'string', default: '400', valueName: 'n', description: 'queries timed per size, at least 200 (default 400)' },
    dist: { type: 'string', valueName: 'folder', description: 'the build whose browser script is measured (default dist/)' },
  },
  json: 'print the figures table and the budget checks as JSON',
  notes: 'npm run bench:search (npm run bench -- search) builds the portal first, so the real browser script is measured;\nrun directly, it needs an existing build (npm run build, or --dist).',
  problems: 'a budget is missed',
  cannotRun: 'could not run (wrong options, no build, or content errors)',
});
const sizes = intListOption('sizes', values.sizes, { min: 1, max: 1_000_000, example: '1000,10000' });
const queryCount = intOption('queries', values.queries, { min: 200, max: 100_000, fallback: 400, example: '--queries 400' });

// Seeded, so every run measures the same catalogue.
const { next: random, pick } = seededRandom(20261123);
const syllables = ['ar', 'ben', 'cal', 'dor', 'el', 'fen', 'gar', 'hol', 'ist', 'jun', 'kel', 'lor', 'mar', 'nor', 'ost', 'pel', 'quin', 'ros', 'sal', 'tor', 'ul', 'ven', 'wil', 'yar', 'zen'];
const madeUpWord = () => Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(syllables)).join('');

function syntheticCatalogue(base: readonly SearchDoc[], size: number): SearchDoc[] {
  const places = Array.from({ length: Math.max(20, Math.ceil(size / 25)) }, () => `${madeUpWord()} ${pick(['Park', 'Green', 'Vale', 'Hill', 'Road', 'Ward'])}`);
  return Array.from({ length: size }, (_, i) => {
    const doc = base[i % base.length]!;
    const place = pick(places);
    const serviceWords = [madeUpWord(), madeUpWord()];
    return {
      slug: `${doc.slug}-${i}`,
      title: `${doc.title} in ${place}`,
      summary: `${doc.summary} This service covers ${place}.`,
      keywords: [...doc.keywords, ...serviceWords, `${serviceWords[0]} ${place.toLowerCase()}`],
      kind: doc.kind,
      steps: doc.steps,
    };
  });
}

function typo(word: string): string {
  if (word.length < 5) return word;
  const at = 1 + Math.floor(random() * (word.length - 2));
  return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
}

function time<T>(fn: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = fn();
  return { value, ms: performance.now() - started };
}

function latencies(run: (query: string) => unknown, queries: string[]): { median: number; p95: number } {
  for (const query of queries.slice(0, 50)) run(query); // warm up the JIT
  const samples = queries.map((query) => time(() => run(query)).ms);
  return { median: percentile(samples, 50), p95: percentile(samples, 95) };
}

const kb = (bytes: number) => bytes / 1024;
// gzip -9, and brotli at quality 9 (quality 11 takes most of a minute on the 10,000-task baseline).
const compressed = (text: string | Buffer) => ({
  gzip: kb(gzipSync(text, { level: 9 }).length),
  brotli: kb(brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }).length),
});

// The real browser script, as built.
const assets = join(values.dist ? resolve(values.dist) : join(import.meta.dirname, '../dist'), 'client/_astro');
let scriptFile: string | undefined;
try {
  scriptFile = readdirSync(assets).find((name) => /^live-search-entry-.+\.js$/.test(name));
} catch {
  scriptFile = undefined;
}
if (!scriptFile) fail('No built search script in dist/client/_astro. Run npm run build first (npm run bench:search does).');
const script = readFileSync(join(assets, scriptFile));
const scriptSize = compressed(script);

const root = contentDir();
const content = loadContent({ root });
// Read and checked as npm run check:search reads it, so a broken file is named, not cast and trusted.
const expectationsFile = readExpectations(root, { tasks: searchableSlugs(content) });
const problems = [...errorsOf(content), ...expectationsFile.problems.filter((problem) => problem.severity === 'error')];
if (problems.length) fail(`The benchmark cannot run until the content is fixed (npm run check:content):\n${problems.map((problem) => `  ${formatProblem(problem)}`).join('\n')}`);
if (!expectationsFile.expectations.length) fail(`The benchmark times the queries in ${expectationsFile.file}, and there are none: add some (see npm run check:search).`);
const demo = searchDataFor(content);
const expectations = expectationsFile.expectations.map((expectation) => expectation.query);
const queries = Array.from({ length: queryCount }, (_, i) => {
  const query = expectations[i % expectations.length]!;
  return i % 4 === 3 ? query.split(' ').map(typo).join(' ') : query;
});

interface Row {
  tasks: number;
  browserKb: { gzip: number; brotli: number };
  baselineBrowserKb: { gzip: number; brotli: number };
  /** server: made from the documents; prepared: the server's start, reading the build's search file (search-file.ts) and loading it. */
  loadMs: { server: number; prepared: number; browser: number; baselineLunrLoad: number };
  latencyMs: { median: number; p95: number };
  baselineLatencyMs: { median: number; p95: number };
}

const rows: Row[] = [];
for (const size of [demo.docs.length, ...sizes]) {
  const docs = size === demo.docs.length ? demo.docs : syntheticCatalogue(demo.docs, size);
  const data: SearchData = { ...demo, docs };
  const browser = browserSearchData(data);
  const browserJson = JSON.stringify(browser);
  const index = compressed(browserJson);

  const server = time(() => createSearchEngine(data));
  const browserLoad = time(() => createSearchEngine(JSON.parse(browserJson) as SearchData));
  const searchFile = encodeSearchFile({ ...data, prepared: prepareSearch(data) });
  const preparedLoad = time(() => createSearchEngine(decodeSearchFile(searchFile)));
  const lunrIndex = buildIndex(docs);
  const serialized = JSON.stringify({ index: lunrIndex.toJSON(), docs: docs.map(({ slug, title, summary }) => ({ slug, title, summary })) });
  const baselineLoad = time(() => lunr.Index.load(JSON.parse(serialized).index));

  const ours = latencies((query) => server.value.search(query, { limit: 10 }), queries);
  // Plain lunr: its own query language. Strip its operators so it does not throw on them.
  const baseline = latencies((query) => lunrIndex.search(query.replace(/[+\-*~^:]/g, ' ')).slice(0, 10), queries);

  rows.push({
    tasks: size,
    browserKb: { gzip: index.gzip + scriptSize.gzip, brotli: index.brotli + scriptSize.brotli },
    baselineBrowserKb: { ...(({ gzip, brotli }) => ({ gzip: gzip + scriptSize.gzip, brotli: brotli + scriptSize.brotli }))(compressed(serialized)) },
    loadMs: { server: server.ms, prepared: preparedLoad.ms, browser: browserLoad.ms, baselineLunrLoad: baselineLoad.ms },
    latencyMs: ours,
    baselineLatencyMs: baseline,
  });
}

const checks: { name: string; value: number; budget: number; ok: boolean }[] = [];
const at = (tasks: number) => rows.find((row) => row.tasks === tasks);
const first = at(BUDGETS.firstQueryKb.at);
if (first) checks.push({ name: 'first query download at 1,000 tasks (gzip KB)', value: first.browserKb.gzip, budget: BUDGETS.firstQueryKb.max, ok: first.browserKb.gzip <= BUDGETS.firstQueryKb.max });
if (first) checks.push({ name: 'query p95 at 1,000 tasks (ms)', value: first.latencyMs.p95, budget: BUDGETS.p95At1000Ms, ok: first.latencyMs.p95 <= BUDGETS.p95At1000Ms });
const tenK = at(10000);
if (tenK) checks.push({ name: 'server query p95 at 10,000 tasks (ms)', value: tenK.latencyMs.p95, budget: BUDGETS.p95At10000Ms, ok: tenK.latencyMs.p95 <= BUDGETS.p95At10000Ms });

if (values.json) {
  console.log(JSON.stringify({ script: { file: scriptFile, ...scriptSize }, queries: queries.length, rows, checks }, null, 2));
} else {
  const f = (n: number, digits = 1) => n.toFixed(digits);
  console.log(`Search benchmark: ${queries.length} queries per size (a quarter with typos), Node ${process.version}`);
  console.log(`Browser script ${scriptFile}: ${f(scriptSize.gzip)} KB gzip, ${f(scriptSize.brotli)} KB brotli\n`);
  console.log('tasks   first query KB (gzip/br)   baseline KB (gzip/br)   load ms (server/browser, baseline)   query ms median/p95   baseline median/p95   p95 ratio');
  for (const row of rows) {
    console.log(
      `${String(row.tasks).padEnd(7)} ${`${f(row.browserKb.gzip)} / ${f(row.browserKb.brotli)}`.padEnd(26)} ${`${f(row.baselineBrowserKb.gzip)} / ${f(row.baselineBrowserKb.brotli)}`.padEnd(23)} ${`${f(row.loadMs.server, 0)} / ${f(row.loadMs.browser, 0)}, ${f(row.loadMs.baselineLunrLoad, 0)}`.padEnd(36)} ${`${f(row.latencyMs.median, 2)} / ${f(row.latencyMs.p95, 2)}`.padEnd(21)} ${`${f(row.baselineLatencyMs.median, 2)} / ${f(row.baselineLatencyMs.p95, 2)}`.padEnd(21)} ${f(row.latencyMs.p95 / row.baselineLatencyMs.p95, 2)}x`,
    );
  }
  console.log('\nBudgets:');
  for (const check of checks) console.log(`  ${check.ok ? 'met   ' : 'MISSED'} ${check.name}: ${f(check.value, 2)} (budget ${check.budget})`);
}
process.exit(checks.every((check) => check.ok) ? 0 : 1);
