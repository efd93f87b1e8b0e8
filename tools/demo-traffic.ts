/**
 * npm run demo:traffic -- [--events 5000] [--url http://localhost:4321] [--seed 1] [--concurrency 4]
 *
 * Fills a running portal with realistic, varied journeys through its real HTTP
 * routes: searches (some finding nothing), clicks on results, page views, Start,
 * finishing the demo service, satisfaction ratings and "Did this page help you?".
 * It never touches the database. The server limits how fast one client may send,
 * so for a quick demo start it with a higher limit:
 *   TASKFRONT_RATE_LIMIT=20000/2000 npm start
 * Against a default server it still works, waiting as the server asks (Retry-After).
 * Exit codes: 0 done, 1 the server refused or failed, 2 wrong options or no server.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { seededRandom } from '../src/lib/seeded-random.ts';

const HELP = `Usage: npm run demo:traffic -- [--events 5000] [--url http://localhost:4321] [--seed 1] [--concurrency 4]

Sends realistic journeys to a running portal through its HTTP routes until about
--events events have been recorded. Start the portal first (npm start).`;

let values;
try {
  values = parseArgs({
    options: {
      events: { type: 'string', default: '5000' },
      url: { type: 'string', default: 'http://localhost:4321' },
      seed: { type: 'string', default: '1' },
      concurrency: { type: 'string', default: '4' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n\n${HELP}`);
  process.exit(2);
}
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const target = Number(values.events);
const concurrency = Number(values.concurrency);
if (!Number.isInteger(target) || target < 1 || target > 1_000_000) fail('--events must be a whole number from 1 to 1,000,000');
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) fail('--concurrency must be a whole number from 1 to 32');
let base: URL;
try {
  base = new URL(values.url);
} catch {
  fail(`--url must be an address like http://localhost:4321 (got "${values.url}")`);
}
const origin = base.origin;

function fail(message: string): never {
  console.error(`${message}\n\n${HELP}`);
  process.exit(2);
}

const { chance, pick } = seededRandom(Number(values.seed) || 1);

const root = join(import.meta.dirname, '..');
const expectations = parse(readFileSync(join(root, 'content/search/expectations.yml'), 'utf8')) as { query: string; task: string }[];
const cataloguePath = join(root, 'dist/client/api/tasks.json');
if (!existsSync(cataloguePath)) fail('The portal has not been built here yet: run npm start (or npm run build) first');
const catalogue = JSON.parse(readFileSync(cataloguePath, 'utf8')) as { tasks: { slug: string; kind: string; start?: { url: string }; popular?: boolean }[] };
const startable = new Set(catalogue.tasks.filter((task) => task.start).map((task) => task.slug));
// Needs the portal does not meet yet. The first ones find nothing at all; the others find
// only loosely related tasks, so people rarely click. Both feed the search gap report.
const unmet = ['allotment', 'crematorium', 'fireworks', 'asbestos', 'japanese knotweed', 'gritting', 'skip hire', 'dog licence', 'tree preservation order', 'hospital parking'];
const comments = ['Quick and easy.', 'The form was fine but slow.', 'Could not find where to upload a photo.', 'Took me a while to find this page.', 'Worked on my phone.', 'my email is someone@example.com call me on 07700 900123'];

let recorded = 0;
let limited = 0;
let failures = 0;

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const response = await fetch(new URL(path, base), { redirect: 'manual', ...init, headers: { Origin: origin, 'User-Agent': 'taskfront-demo-traffic', ...init.headers } });
    if (response.status !== 429 && response.status !== 503) return response;
    limited++;
    const wait = Number(response.headers.get('retry-after') ?? 1);
    await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 10) * 1000));
  }
  throw new Error(`${path} kept answering 429/503`);
}

async function expect(path: string, init: RequestInit, statuses: number[], events: number) {
  const response = await request(path, init);
  const text = await response.text();
  if (!statuses.includes(response.status)) {
    failures++;
    if (failures <= 5) console.error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${text.slice(0, 200)}`);
    return text;
  }
  recorded += events;
  return text;
}

const postEvent = (event: Record<string, unknown>) =>
  expect('/api/events', { method: 'POST', body: JSON.stringify({ ...event, id: randomUUID() }), headers: { 'Content-Type': 'application/json' } }, [204], 1);

async function journey() {
  if (chance(0.12)) {
    await expect(`/search?q=${encodeURIComponent(pick(unmet))}`, {}, [200], 1);
    return;
  }
  const { query, task } = pick(expectations);
  const html = await expect(`/search?q=${encodeURIComponent(query)}`, {}, [200], 1);
  const rank = Number(new RegExp(`href="/${task}" data-rank="(\\d+)"`).exec(html)?.[1] ?? 0);
  if (!rank || chance(0.15)) return; // some people give up
  await postEvent({ type: 'search_click', query, task, rank });
  await postEvent({ type: 'task_view', task });
  if (chance(0.2)) await postEvent({ type: 'feedback', task, useful: chance(0.75), ...(chance(0.3) ? { comment: pick(comments) } : {}) });
  if (!startable.has(task) || chance(0.35)) return;
  await expect(`/start/${task}`, {}, [303], 1);
  if (chance(0.25)) return; // abandoned in the service
  await expect(`/done/${task}`, {}, [200], 1);
  if (chance(0.55)) {
    const rating = pick([5, 5, 5, 4, 4, 4, 3, 2, 1]);
    const form = new URLSearchParams({ rating: String(rating), ...(chance(0.3) ? { comment: pick(comments) } : {}) });
    await expect(`/done/${task}`, { method: 'POST', body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, [303], 1);
  }
}

try {
  await fetch(base, { signal: AbortSignal.timeout(5000) });
} catch {
  console.error(`No portal answers at ${base.href}. Start it first with npm start (or pass --url).`);
  process.exit(2);
}

const started = Date.now();
let lastReport = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (recorded < target && failures < 50) {
      await journey();
      if (Date.now() - lastReport > 2000) {
        lastReport = Date.now();
        process.stdout.write(`\r${Math.min(recorded, target)} of ${target} events sent${limited ? ` (slowed down ${limited} times by the server's rate limit)` : ''}   `);
      }
    }
  }),
);
const seconds = (Date.now() - started) / 1000;
console.log(`\r${recorded} events sent in ${seconds.toFixed(1)} s through ${base.origin}${limited ? `; the server asked us to slow down ${limited} times (start it with TASKFRONT_RATE_LIMIT=20000/2000 for a faster demo)` : ''}.`);
console.log(`See ${new URL('/performance', base).href}`);
process.exit(failures ? 1 : 0);
