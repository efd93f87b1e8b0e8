/**
 * npm run demo:traffic -- [--events 5000] [--days 1] [--url http://127.0.0.1:4321] [--seed 1] [--concurrency 8] [--clients 250]
 *
 * Fills a running portal with realistic journeys: searches (some finding nothing),
 * clicks on results, page views, "Did this page help you?", Start, finishing the demo
 * service with its journey token (sometimes reloading the finish page), ratings, and a
 * few visits to a finish page without a token.
 *
 * Today's journeys go through the portal's real HTTP routes, each from one of
 * --clients loopback addresses (127.0.0.2, 127.0.0.3, …), so the server's default rate
 * limit applies to each "person" as it would in life and nothing needs loosening.
 * With --days N, journeys are spread over the last N days: the past ones cannot be sent
 * over HTTP (the server records today), so they are written through the store itself
 * (the same TASKFRONT_DB or DATABASE_URL as the server), each on its own day, with the
 * same journey, token and term rules the server applies.
 *
 * At the end it compares what it sent with what the portal reports (/api/stats over
 * 90 days, before and after) for every kind of event, and says whether they match.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { EXIT, fail, intOption, parseCli, PORTAL_URL_OPTION, urlOption } from '../src/lib/cli/cli.ts';
import { addDays, today } from '../src/lib/dates.ts';
import { readExpectations } from '../src/lib/search/expectations.ts';
import { toStored } from '../src/lib/tracking/events/to-stored.ts';
import { hashJourneyToken, newJourneyToken } from '../src/lib/tracking/privacy/journey-token.ts';
import { createTermGate } from '../src/lib/tracking/privacy/terms.ts';
import { describeStore, openStore } from '../src/lib/tracking/storage/open-store.ts';
import type { EventStore } from '../src/lib/tracking/storage/types.ts';
import type { PortalStats } from '../src/schemas/events.ts';
import { seededRandom } from '../src/lib/seeded-random.ts';

const { values } = parseCli({
  usage: 'npm run demo:traffic -- [options]',
  summary: 'Sends realistic journeys to a running portal (start it first: npm start), then checks that every event it sent was stored.',
  options: {
    events: { type: 'string', default: '5000', valueName: 'n', description: 'about how many events to send (1 to 1,000,000)' },
    days: { type: 'string', default: '1', valueName: 'n', description: 'spread journeys over the last n days, 1 to 90 (past days are written through the store)' },
    url: PORTAL_URL_OPTION,
    seed: { type: 'string', default: '1', valueName: 'n', description: 'the same seed gives the same journeys' },
    concurrency: { type: 'string', default: '8', valueName: 'n', description: 'journeys at once, 1 to 64' },
    clients: { type: 'string', default: '250', valueName: 'n', description: 'loopback addresses to send from, 1 to 250 (one per simulated person)' },
  },
  json: true,
  problems: 'the portal refused events, or stored a different number than was sent',
  notes: 'Past days need the same database settings as the server (TASKFRONT_DB or DATABASE_URL).',
});

const target = intOption('events', values.events, { min: 1, max: 1_000_000, fallback: 5000 });
const days = intOption('days', values.days, { min: 1, max: 90, fallback: 1 });
const concurrency = intOption('concurrency', values.concurrency, { min: 1, max: 64, fallback: 8 });
const clientCount = intOption('clients', values.clients, { min: 1, max: 250, fallback: 250 });
const seed = intOption('seed', values.seed, { min: 0, max: 2 ** 31, fallback: 1 }) || 1;
let base = urlOption('url', values.url);
const say = (text: string) => (values.json ? process.stderr : process.stdout).write(text);

const { chance, pick, next: random } = seededRandom(seed);

const root = join(import.meta.dirname, '..');
// The queries people use for each task, read and checked as check:search reads them; no-answer queries have no task to click.
const expectationsFile = readExpectations(join(root, 'content'));
if (expectationsFile.problems.some((problem) => problem.severity === 'error')) fail(`content/search/expectations.yml has problems: run npm run check:search.`);
const cataloguePath = join(root, 'dist/client/api/tasks.json');
if (!existsSync(cataloguePath)) fail('The portal has not been built here yet: run npm start (or npm run build) first.');
const catalogue = JSON.parse(readFileSync(cataloguePath, 'utf8')) as { tasks: { slug: string; kind: string; start?: { url: string } }[] };
// Only tasks: an expectation may name the contact page or a journey, which no click or view event can name.
const taskSlugs = new Set(catalogue.tasks.map((task) => task.slug));
const expectations = expectationsFile.expectations.flatMap((entry) => (entry.task && taskSlugs.has(entry.task) ? [{ query: entry.query, task: entry.task }] : []));
// A signpost page is no part of a journey: its page sends no view (see measure.ts), so neither does the demo.
const signposts = new Set(catalogue.tasks.filter((task) => task.kind === 'signpost').map((task) => task.slug));
const startable = new Set(catalogue.tasks.filter((task) => task.start).map((task) => task.slug));
// Needs the portal does not meet yet. The first ones find nothing at all; the others find
// only loosely related tasks, so people rarely click. Both feed the search gap report.
const unmet = ['allotment', 'crematorium', 'fireworks', 'asbestos', 'japanese knotweed', 'gritting', 'skip hire', 'dog licence', 'tree preservation order', 'hospital parking'];
const comments = ['Quick and easy.', 'The form was fine but slow.', 'Could not find where to upload a photo.', 'Took me a while to find this page.', 'Worked on my phone.', 'my email is someone@example.com call me on 07700 900123'];

// ---- HTTP from many loopback addresses -------------------------------------------------

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const agents = new Map<string, Agent>();
let spread = false; // whether the portal answers on 127.0.0.1, so we can send from 127.0.0.x

function send(path: string, { method = 'GET', body, headers = {}, from }: { method?: string; body?: string; headers?: Record<string, string>; from?: string } = {}): Promise<Reply> {
  const url = new URL(path, base);
  const localAddress = spread ? from : undefined;
  let agent = agents.get(localAddress ?? '');
  if (!agent) agents.set(localAddress ?? '', (agent = new Agent({ keepAlive: true, maxSockets: 4, ...(localAddress ? { localAddress } : {}) })));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, agent, headers: { 'User-Agent': 'taskfront-demo-traffic', Origin: base.origin, ...headers, ...(body ? { 'Content-Length': Buffer.byteLength(body) } : {}) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed as idle just as we reused it: the request never
      // reached the server (Node's documented race), so sending it again on a new socket is safe.
      if (req.reusedSocket && error.code === 'ECONNRESET') resolve(send(path, { method, body, headers, from }));
      else reject(error);
    });
    req.setTimeout(15_000, () => req.destroy(new Error(`${path} took more than 15 s`)));
    req.end(body);
  });
}

let slowed = 0;
let refused = 0;

/** Sends until the portal records it: 429 and 503 mean "not recorded, try later", so we wait and try again. */
async function until(path: string, init: Parameters<typeof send>[1], ok: (reply: Reply) => boolean): Promise<Reply | undefined> {
  for (let attempt = 0; attempt < 30; attempt++) {
    const reply = await send(path, init);
    if (reply.status !== 429 && reply.status !== 503) {
      if (ok(reply)) return reply;
      refused++;
      if (refused <= 5) console.error(`${init?.method ?? 'GET'} ${path} answered ${reply.status}: ${reply.text.slice(0, 200)}`);
      return undefined;
    }
    slowed++;
    await new Promise((resolve) => setTimeout(resolve, Math.min(Number(reply.headers['retry-after'] ?? 1) || 1, 10) * 1000));
  }
  refused++;
  return undefined;
}

// ---- What was sent, by kind, and where each shows in the published figures ---------------

const KINDS = {
  searches: (s: PortalStats) => s.search.searches,
  clicks: (s: PortalStats) => s.search.clicks,
  views: (s: PortalStats) => s.totals.views,
  feedback: (s: PortalStats) => s.totals.feedbackYes + s.totals.feedbackNo,
  starts: (s: PortalStats) => s.totals.starts,
  completions: (s: PortalStats) => s.totals.completions,
  unlinkedFinishes: (s: PortalStats) => s.totals.unlinkedFinishes,
  ratings: (s: PortalStats) => s.totals.ratings,
} as const;
type Kind = keyof typeof KINDS;
const sent = Object.fromEntries(Object.keys(KINDS).map((kind) => [kind, 0])) as Record<Kind, number>;
const total = () => Object.values(sent).reduce((sum, count) => sum + count, 0);
const count = (kind: Kind) => sent[kind]++;

// ---- One journey, over HTTP (today) or through the store (a past day) ----------------------

interface Channel {
  search(query: string): Promise<{ id: string; rankOf: (task: string) => number; total: number } | undefined>;
  event(event: Record<string, unknown>, kind: Kind): Promise<void>;
  start(task: string): Promise<string | undefined>;
  finish(task: string, token: string | undefined, kind: Kind | undefined): Promise<void>;
  rate(task: string, token: string, rating: number, comment?: string): Promise<void>;
}

function overHttp(from: string): Channel {
  const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
  return {
    async search(query) {
      const reply = await until(`/search?q=${encodeURIComponent(query)}`, { from }, (r) => r.status === 200);
      if (!reply) return undefined;
      count('searches');
      const id = /data-search-id="([^"]+)"/.exec(reply.text)?.[1] ?? '';
      return { id, total: Number(/data-total="(\d+)"/.exec(reply.text)?.[1] ?? 0), rankOf: (task) => Number(new RegExp(`href="/${task}" data-rank="(\\d+)"`).exec(reply.text)?.[1] ?? 0) };
    },
    async event(event, kind) {
      const body = JSON.stringify({ ...event, id: randomUUID() });
      if (await until('/api/events', { method: 'POST', body, headers: { 'Content-Type': 'application/json' }, from }, (r) => r.status === 204)) count(kind);
    },
    async start(task) {
      const reply = await until(`/start/${task}`, { from }, (r) => r.status === 303);
      if (!reply) return undefined;
      count('starts');
      return new URL(String(reply.headers.location), base).searchParams.get('journey') ?? undefined;
    },
    async finish(task, token, kind) {
      if (await until(`/done/${task}${token ? `?journey=${token}` : ''}`, { from }, (r) => r.status === 200) && kind) count(kind);
    },
    async rate(task, token, rating, comment) {
      const body = new URLSearchParams({ rating: String(rating), journey: token, ...(comment ? { comment } : {}) }).toString();
      if (await until(`/done/${task}`, { method: 'POST', body, headers: form, from }, (r) => r.status === 303)) count('ratings');
    },
  };
}

const gate = createTermGate();
const resultsCache = new Map<string, { slugs: string[]; total: number }>();

function throughStore(store: EventStore, day: string, from: string): Channel {
  // What the server would do for these requests on that day, written straight to the store.
  const journey = (token: string, task: string) => ({ tokenHash: hashJourneyToken(token), task, earliestDay: day });
  return {
    async search(query) {
      let results = resultsCache.get(query);
      if (!results) {
        const reply = await until(`/api/search?q=${encodeURIComponent(query)}&limit=50`, { from }, (r) => r.status === 200);
        if (!reply) return undefined;
        const body = JSON.parse(reply.text) as { total: number; results: { slug: string }[] };
        resultsCache.set(query, (results = { total: body.total, slugs: body.results.map((result) => result.slug) }));
      }
      const id = randomUUID();
      await store.insert([toStored({ type: 'search', id, query, results: results.total }, day, (key) => gate.admit(from, key, day))]);
      count('searches');
      const found = results;
      return { id, total: found.total, rankOf: (task) => found.slugs.indexOf(task) + 1 };
    },
    async event(event, kind) {
      await store.insert([toStored({ ...event, id: randomUUID() } as never, day)]);
      count(kind);
    },
    async start(task) {
      const token = newJourneyToken();
      await store.startJourney({ tokenHash: hashJourneyToken(token), task, day, startId: randomUUID() });
      count('starts');
      return token;
    },
    async finish(task, token, kind) {
      if (!token) {
        await store.insert([toStored({ type: 'task_finish_unlinked', id: randomUUID(), task }, day)]);
      } else if ((await store.finishJourney(journey(token, task))) === 'already-completed') {
        return;
      }
      if (kind) count(kind);
    },
    async rate(task, token, rating, comment) {
      // Scrubbed as the server would, through the one storage edge.
      const scrubbed = comment ? (toStored({ type: 'satisfaction', id: randomUUID(), task, rating, comment }, day) as { comment?: string }).comment : undefined;
      if ((await store.rateJourney({ ...journey(token, task), rating, ...(scrubbed ? { comment: scrubbed } : {}) })) === 'rated') count('ratings');
    },
  };
}

async function journey(channel: Channel) {
  if (chance(0.12)) {
    await channel.search(pick(unmet));
    return;
  }
  if (chance(0.03)) {
    // Someone opens a finish page from a bookmark, with no journey: counted apart, never as a completion.
    const task = pick([...startable]);
    await channel.finish(task, undefined, 'unlinkedFinishes');
    return;
  }
  const { query, task } = pick(expectations);
  const search = await channel.search(query);
  const rank = search?.rankOf(task) ?? 0;
  if (!search?.id || !rank || chance(0.15)) return; // some people give up
  await channel.event({ type: 'search_click', search: search.id, query, task, rank }, 'clicks');
  if (!signposts.has(task)) await channel.event({ type: 'task_view', task }, 'views');
  if (chance(0.2)) await channel.event({ type: 'feedback', task, useful: chance(0.75), ...(chance(0.3) ? { comment: pick(comments) } : {}) }, 'feedback');
  if (!startable.has(task) || chance(0.35)) return;
  const token = await channel.start(task);
  if (!token || chance(0.25)) return; // abandoned in the service
  await channel.finish(task, token, 'completions');
  if (chance(0.1)) await channel.finish(task, token, undefined); // a reload: counts nothing
  if (chance(0.55)) await channel.rate(task, token, pick([5, 5, 5, 4, 4, 4, 3, 2, 1]), chance(0.3) ? pick(comments) : undefined);
}

// ---- Run ----------------------------------------------------------------------------------

/**
 * The published figures as they are now. The portal keeps them for a short while (its
 * Cache-Control max-age, TASKFRONT_STATS_CACHE_SECONDS), so figures served from that cache
 * may predate what we just sent: wait until they have expired, then ask again.
 */
async function readStats(): Promise<PortalStats> {
  const path = '/api/stats?period=90';
  let reply = await send(path);
  const maxAge = Number(/max-age=(\d+)/.exec(String(reply.headers['cache-control'] ?? ''))?.[1] ?? 0);
  if (reply.status === 200 && maxAge > 0) {
    console.log(`The published figures are kept for up to ${maxAge} s more; waiting for fresh ones.`);
    await new Promise((resolve) => setTimeout(resolve, (maxAge + 1) * 1000));
    reply = await send(path);
  }
  if (reply.status !== 200) fail(`GET /api/stats answered ${reply.status}; the portal cannot report what it stored: ${reply.text.slice(0, 200)}`, EXIT.problems);
  return JSON.parse(reply.text) as PortalStats;
}

try {
  await send('/');
} catch {
  fail(`No portal answers at ${base.href}. Start it first with npm start (or pass --url).`);
}
if (isIP(base.hostname) === 4 && base.hostname.startsWith('127.')) spread = true;
else if (base.hostname === 'localhost') {
  // Send to 127.0.0.1 when the portal listens there, so each simulated person can have an address.
  const original = base;
  base = new URL(original.href);
  base.hostname = '127.0.0.1';
  try {
    await send('/');
    spread = true;
  } catch {
    base = original;
  }
}
const clients = spread ? Array.from({ length: clientCount }, (_, i) => `127.0.0.${i + 2}`) : ['default'];
if (!spread) say(`Sending from one address (${base.hostname} is not 127.0.0.1), so the server's rate limit will slow this down.\n`);

let store: EventStore | undefined;
if (days > 1) {
  try {
    store = await openStore();
  } catch (error) {
    fail(`Past days are written through the store, which cannot be opened: ${(error as Error).message}`);
  }
}

const before = await readStats();
const started = Date.now();
const lastDay = today();
let lastReport = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (total() < target && refused < 50) {
      const from = pick(clients);
      const back = days > 1 ? Math.floor(random() * days) : 0;
      const day = addDays(lastDay, -back);
      await journey(back === 0 || !store ? overHttp(from) : throughStore(store, day, from));
      if (Date.now() - lastReport > 2000) {
        lastReport = Date.now();
        say(`\r${Math.min(total(), target)} of ${target} events sent${slowed ? ` (waited ${slowed} times for the rate limit)` : ''}   `);
      }
    }
  }),
);
await store?.close();
const seconds = (Date.now() - started) / 1000;
const after = await readStats();
const stored = Object.fromEntries(Object.entries(KINDS).map(([kind, read]) => [kind, read(after) - read(before)])) as Record<Kind, number>;
const mismatched = (Object.keys(KINDS) as Kind[]).filter((kind) => stored[kind] !== sent[kind]);
const storedTotal = Object.values(stored).reduce((sum, value) => sum + value, 0);
for (const agent of agents.values()) agent.destroy();

if (values.json) {
  console.log(JSON.stringify({ url: base.origin, days, seconds, clients: clients.length, sent, stored, sentTotal: total(), storedTotal, match: mismatched.length === 0 && refused === 0, refused, slowed, store: store ? describeStore() : null }, null, 2));
} else {
  say(`\r${total()} events sent in ${seconds.toFixed(1)} s to ${base.origin} from ${clients.length} address${clients.length === 1 ? '' : 'es'}${days > 1 ? `, over ${days} days (past days through ${describeStore()})` : ''}.\n`);
  for (const kind of Object.keys(KINDS) as Kind[]) say(`  ${kind.padEnd(17)} sent ${String(sent[kind]).padStart(6)}   stored ${String(stored[kind]).padStart(6)}${stored[kind] === sent[kind] ? '' : '   MISMATCH'}\n`);
  say(mismatched.length || refused
    ? `Sent ${total()}, stored ${storedTotal}: they differ${refused ? ` (${refused} requests refused)` : ''}.\n`
    : `Sent ${total()}, stored ${storedTotal}: every event sent was stored.\n`);
  say(`See ${new URL('/performance', base).href}\n`);
}
process.exit(mismatched.length || refused ? EXIT.problems : EXIT.ok);
