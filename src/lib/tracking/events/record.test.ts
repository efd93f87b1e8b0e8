import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Measure, PortalStats } from '../../../schemas/events.ts';
import { addDays } from '../../dates.ts';
import { createRateLimiter } from '../../server/rate-limit.ts';
import { createTermGate } from '../privacy/terms.ts';
import { createEventStore } from '../storage/event-store.ts';
import { openSqlite } from '../storage/sqlite.ts';
import type { EventStore } from '../storage/types.ts';
import { createEventsHandler } from './handle-events.ts';
import { createRecorder, refusal } from './record.ts';

const TASKS = ['report-a-pothole', 'pay-your-council-tax', 'report-graffiti'];

function setup(options: { store?: EventStore; burst?: number } = {}) {
  const store = options.store ?? createEventStore(openSqlite(':memory:'));
  let day = '2026-11-23';
  const limiter = createRateLimiter({ burst: options.burst ?? 1_000_000, perSecond: options.burst ? 0.001 : 1_000_000 });
  const terms = createTermGate();
  const deps = { store: async () => store, limiter, terms, today: () => day, journeyDays: 1 };
  return {
    store,
    recorder: createRecorder(deps),
    events: createEventsHandler({ ...deps, knownTasks: new Set(TASKS) }),
    advance: (days: number) => (day = addDays(day, days)),
    today: () => day,
  };
}

const get = (path: string, headers: Record<string, string> = {}) => new Request(`http://portal.test${path}`, { headers });
const post = (body: unknown) => new Request('http://portal.test/api/events', { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

/** Every Measure in the published figures, with where it is. */
function measures(value: unknown, path = ''): [string, Measure][] {
  if (typeof value !== 'object' || value === null) return [];
  if ('tooFew' in value && 'n' in value) return [[path, value as Measure]];
  return Object.entries(value).flatMap(([key, inner]) => measures(inner, `${path}.${key}`));
}

function expectTrustworthy(stats: PortalStats) {
  for (const [path, measure] of measures(stats)) {
    if (path.endsWith('Rate') && measure.value !== null) {
      expect(measure.value, path).toBeGreaterThanOrEqual(0);
      expect(measure.value, path).toBeLessThanOrEqual(1);
    }
    if (measure.tooFew || measure.n === 0) expect(measure.value, path).toBeNull();
  }
  for (const figures of [stats.totals, ...stats.tasks, stats.previous.totals, ...stats.previous.tasks]) {
    expect(figures.completions).toBeLessThanOrEqual(figures.starts);
  }
  expect(stats.search.clicks).toBeLessThanOrEqual(stats.search.searches);
}

// What a person, a script or an attacker can do, in any order.
const step = fc.oneof(
  fc.record({ kind: fc.constant('start' as const), task: fc.constantFrom(...TASKS) }),
  fc.record({ kind: fc.constant('finish' as const), task: fc.constantFrom(...TASKS), token: fc.oneof(fc.nat(20), fc.constant('none' as const), fc.constant('forged' as const)), prefetch: fc.boolean() }),
  fc.record({ kind: fc.constant('rate' as const), task: fc.constantFrom(...TASKS), token: fc.oneof(fc.nat(20), fc.constant('none' as const)), rating: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('search' as const), query: fc.constantFrom('pothole', 'council tax', 'skip hire'), results: fc.nat(5), live: fc.boolean() }),
  fc.record({ kind: fc.constant('click' as const), search: fc.oneof(fc.nat(20), fc.constant('forged' as const)), rank: fc.integer({ min: 1, max: 50 }), task: fc.constantFrom(...TASKS), times: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('day' as const), days: fc.integer({ min: 1, max: 40 }) }),
);

describe('recorded figures can be trusted', () => {
  it('never publish a rate above 100%, more completions than starts, or more clicks than searches, for any sequence (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 60 }), fc.constantFrom(7, 28, 90) as fc.Arbitrary<7 | 28 | 90>, fc.constantFrom(0, 1, 10), async (steps, period, minSample) => {
        const { store, recorder, events, advance, today } = setup();
        const tokens: string[] = [];
        const searches: string[] = [];
        for (const action of steps) {
          if (action.kind === 'start') {
            const outcome = await recorder.start(get(`/start/${action.task}`), 'c', action.task);
            if (outcome.status === 'recorded') tokens.push(outcome.token);
          } else if (action.kind === 'finish') {
            const token = action.token === 'none' ? undefined : action.token === 'forged' ? 'F'.repeat(43) : tokens[action.token % Math.max(tokens.length, 1)];
            await recorder.finish(get(`/done/${action.task}`, action.prefetch ? { 'Sec-Purpose': 'prefetch' } : {}), 'c', action.task, token);
          } else if (action.kind === 'rate') {
            const token = action.token === 'none' ? undefined : tokens[action.token % Math.max(tokens.length, 1)];
            await recorder.rate(new Request('http://portal.test/done', { method: 'POST' }), 'c', action.task, token, { rating: action.rating });
          } else if (action.kind === 'search') {
            if (action.live) {
              const id = randomUUID();
              expect((await events(post({ type: 'search', id, query: action.query, results: action.results }), 'c')).status).toBe(204);
              searches.push(id);
            } else {
              const outcome = await recorder.search(get(`/search?q=${action.query}`), 'c', { query: action.query, results: action.results });
              if (outcome.status === 'recorded') searches.push(outcome.searchId);
            }
          } else if (action.kind === 'click') {
            const search = action.search === 'forged' ? randomUUID() : (searches[action.search % Math.max(searches.length, 1)] ?? randomUUID());
            for (let i = 0; i < action.times; i++) {
              await events(post({ type: 'search_click', id: randomUUID(), search, query: 'pothole', task: action.task, rank: action.rank }), 'c');
            }
          } else {
            advance(action.days);
          }
        }
        for (const day of [today(), addDays(today(), -period)]) expectTrustworthy(await store.stats({ period, today: day, minCount: 10, minSample }));
        await store.close();
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('counts exactly what a journey did: one start, one completion, the rest apart', async () => {
    const { store, recorder, today } = setup();
    const started = await recorder.start(get('/start/report-a-pothole'), 'c', 'report-a-pothole');
    if (started.status !== 'recorded') throw new Error('not recorded');
    expect(await recorder.finish(get('/done/report-a-pothole'), 'c', 'report-a-pothole', started.token)).toMatchObject({ status: 'recorded', finish: 'completed' });
    for (let reload = 0; reload < 3; reload++) {
      expect(await recorder.finish(get('/done/report-a-pothole'), 'c', 'report-a-pothole', started.token)).toMatchObject({ status: 'recorded', finish: 'already-completed' });
    }
    await recorder.finish(get('/done/report-a-pothole'), 'c', 'report-a-pothole', undefined);
    const stats = await store.stats({ period: 7, today: today(), minCount: 10, minSample: 10 });
    expect(stats.totals).toMatchObject({ starts: 1, completions: 1, unlinkedFinishes: 1, completionRate: { value: null, n: 1, tooFew: true } });
  });

  it('answers 429 or 503 rather than dropping an event a page saw', async () => {
    const failing = { insert: async () => { throw new Error('disk full'); }, startJourney: async () => { throw new Error('disk full'); } } as unknown as EventStore;
    const broken = setup({ store: failing });
    const search = await broken.recorder.search(get('/search?q=x'), 'c', { query: 'x', results: 0 });
    expect(refusal(search)).toEqual({ status: 503, headers: { 'Retry-After': '5' } });
    expect(refusal(await broken.recorder.start(get('/start/x'), 'c', 'report-a-pothole'))?.status).toBe(503);

    const busy = setup({ burst: 1 });
    expect((await busy.recorder.search(get('/search?q=x'), 'c', { query: 'x', results: 0 })).status).toBe('recorded');
    const limited = await busy.recorder.start(get('/start/x'), 'c', 'report-a-pothole');
    expect(refusal(limited)).toEqual({ status: 429, headers: { 'Retry-After': expect.stringMatching(/^\d+$/) } });
    // The API shares the bucket.
    expect((await busy.events(post({ type: 'task_view', id: randomUUID(), task: 'report-a-pothole' }), 'c')).status).toBe(429);
    // Opting out, prefetching or loading the page as an image is not a refusal: the page works, nothing is recorded.
    const quiet = setup();
    for (const headers of [{ 'Sec-GPC': '1' }, { 'Sec-Purpose': 'prefetch' }, { 'Sec-Fetch-Dest': 'image' }] as Record<string, string>[]) {
      expect((await quiet.recorder.search(get('/search?q=x', headers), 'c', { query: 'x', results: 0 })).status).toBe('skipped');
    }
    expect((await quiet.store.stats({ period: 7, today: quiet.today(), minCount: 1, minSample: 1 })).search.searches).toBe(0);
  });

  it('stores a page problem with its comment scrubbed, and refuses with 429 or 503 like every other record', async () => {
    const { recorder, store } = setup();
    const form = new Request('http://portal.test/report-problem/report-graffiti', { method: 'POST' });
    expect((await recorder.problem(form, 'c', 'report-graffiti', { problem: 'wrong', comment: 'Call me on 07700 900123 or jo@example.com' })).status).toBe('recorded');
    expect(await store.comments({ task: 'report-graffiti' })).toEqual([expect.objectContaining({ type: 'page_problem', problem: 'wrong', comment: 'Call me on [phone] or [email]' })]);

    const failing = { insert: async () => { throw new Error('disk full'); } } as unknown as EventStore;
    expect(refusal(await setup({ store: failing }).recorder.problem(form, 'c', 'report-graffiti', { problem: 'other' }))?.status).toBe(503);
    const busy = setup({ burst: 1 });
    await busy.recorder.problem(form, 'c', 'report-graffiti', { problem: 'other' });
    expect(refusal(await busy.recorder.problem(form, 'c', 'report-graffiti', { problem: 'other' }))?.status).toBe(429);
  });
});
