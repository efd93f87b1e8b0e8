import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../schemas/events.ts';
import { createRateLimiter } from '../../server/rate-limit.ts';
import { createTermGate } from '../privacy/terms.ts';
import type { EventStore } from '../storage/types.ts';
import { createEventsHandler } from './handle-events.ts';

function fakeStore(fail = false) {
  const stored: StoredEvent[] = [];
  const store = { insert: async (events: readonly StoredEvent[]) => { if (fail) throw new Error('disk full'); stored.push(...events); } } as unknown as EventStore;
  return { store, stored };
}

function handler(options: { fail?: boolean; burst?: number } = {}) {
  const { store, stored } = fakeStore(options.fail);
  const handle = createEventsHandler({
    store: async () => store,
    knownTasks: new Set(['report-a-pothole', 'pay-your-council-tax']),
    limiter: createRateLimiter({ burst: options.burst ?? 1000, perSecond: options.burst ? 0.01 : 1000 }),
    terms: createTermGate(),
    today: () => '2026-11-23',
  });
  return { handle, stored };
}

const post = (body: BodyInit | null, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
  new Request('http://portal.test/api/events', { method: 'POST', body, headers });
const view = (extra: Record<string, unknown> = {}) => ({ type: 'task_view', id: randomUUID(), task: 'report-a-pothole', ...extra });

describe('POST /api/events handler', () => {
  it('stores one event, a batch, and text/plain beacons, answering 204', async () => {
    const { handle, stored } = handler();
    expect((await handle(post(JSON.stringify(view())), 'a')).status).toBe(204);
    expect((await handle(post(JSON.stringify({ events: [view(), view()] })), 'a')).status).toBe(204);
    expect((await handle(post(JSON.stringify(view()), { 'Content-Type': 'text/plain;charset=UTF-8' }), 'a')).status).toBe(204);
    expect(stored).toHaveLength(4);
    expect(stored[0]).toMatchObject({ type: 'task_view', task: 'report-a-pothole', day: '2026-11-23' });
  });

  it('scrubs queries and comments before they reach storage', async () => {
    const { handle, stored } = handler();
    await handle(post(JSON.stringify({ events: [
      { type: 'search', id: randomUUID(), query: 'bin jo@example.com SW1A 1AA', results: 0 },
      { type: 'feedback', id: randomUUID(), task: 'report-a-pothole', useful: false, comment: 'call 07700 900123' },
    ] })), 'a');
    expect(stored.map((event) => ('query' in event ? event.query : 'comment' in event ? event.comment : ''))).toEqual(['bin [email] [postcode]', 'call [phone]']);
  });

  it('rejects the whole batch when one event is invalid, saying where', async () => {
    const { handle, stored } = handler();
    const response = await handle(post(JSON.stringify({ events: [view(), view({ task: 'no-such-task' }), { type: 'feedback', id: randomUUID(), task: 'report-a-pothole', useful: 'yes' }] })), 'a');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'The events are not valid; none were stored.',
      issues: [
        { path: 'events.1.task', message: '"no-such-task" is not a task on this portal' },
        { path: 'events.2.useful', message: 'useful must be true or false' },
      ],
    });
    expect(stored).toHaveLength(0);
  });

  it('answers 400 for bad JSON, unknown types, long comments and oversized batches', async () => {
    const { handle } = handler();
    const cases = [
      '{not json',
      JSON.stringify({ type: 'page_view', id: randomUUID() }),
      JSON.stringify({ type: 'feedback', id: randomUUID(), task: 'report-a-pothole', useful: false, comment: 'x'.repeat(301) }),
      JSON.stringify({ type: 'search', id: randomUUID(), query: 'x'.repeat(101), results: 1 }),
      JSON.stringify({ type: 'search_click', id: randomUUID(), search: 'not-a-search-id', query: 'x', task: 'report-a-pothole', rank: 1 }),
      JSON.stringify({ type: 'search_click', id: randomUUID(), query: 'x', task: 'report-a-pothole', rank: 1 }),
      JSON.stringify({ events: Array.from({ length: 21 }, () => view()) }),
      JSON.stringify({ events: [] }),
      JSON.stringify(view({ id: 'not-a-uuid' })),
      JSON.stringify(view({ extra: 'field' })),
      '[]',
      'null',
    ];
    for (const body of cases) {
      const response = await handle(post(body), 'a');
      expect(response.status, body.slice(0, 60)).toBe(400);
      const json = (await response.json()) as { error: string; issues: { path: string; message: string }[] };
      expect(json.issues.length, body.slice(0, 60)).toBeGreaterThan(0);
    }
  });

  it('refuses starts, completions and ratings: only the portal’s own pages record those', async () => {
    const { handle, stored } = handler();
    for (const type of ['task_start', 'task_complete', 'task_finish_unlinked', 'satisfaction']) {
      const response = await handle(post(JSON.stringify({ type, id: randomUUID(), task: 'report-a-pothole', rating: 5 })), 'a');
      expect(response.status, type).toBe(400);
      expect(((await response.json()) as { issues: { message: string }[] }).issues[0]!.message).toBe(`${type} is recorded by the portal's own pages (/start, /done) and cannot be sent here`);
    }
    expect(stored).toHaveLength(0);
  });

  it('lets one client count once a day towards a search term, however many searches it sends', async () => {
    const { handle, stored } = handler();
    const search = () => ({ type: 'search', id: randomUUID(), query: 'Free Money Here', results: 0 });
    for (let batch = 0; batch < 3; batch++) await handle(post(JSON.stringify({ events: Array.from({ length: 15 }, search) })), 'one-client');
    for (let i = 0; i < 5; i++) await handle(post(JSON.stringify(search())), 'one-client');
    expect(stored).toHaveLength(50);
    expect(stored.filter((event) => event.term)).toEqual([expect.objectContaining({ term: 'free money here' })]);
    // Another client counts once too; a URL never counts, from anyone.
    await handle(post(JSON.stringify(search())), 'another-client');
    await handle(post(JSON.stringify({ type: 'search', id: randomUUID(), query: 'see http://spam.example', results: 0 })), 'third-client');
    expect(stored.filter((event) => event.term).map((event) => event.term)).toEqual(['free money here', 'free money here']);
  });

  it('answers 415 for other content types and 413 over 8 KB, before reading', async () => {
    const { handle } = handler();
    expect((await handle(post('useful=yes', { 'Content-Type': 'application/x-www-form-urlencoded' }), 'a')).status).toBe(415);
    // Bytes carry no content type at all.
    expect((await handle(post(new TextEncoder().encode(JSON.stringify(view())), {}), 'a')).status).toBe(415);
    expect((await handle(post(JSON.stringify(view()), { 'Content-Type': 'application/json', 'Content-Length': '9000' }), 'a')).status).toBe(413);
    // No Content-Length (streamed): still cut off at 8 KB.
    const stream = new ReadableStream({ start(controller) { controller.enqueue(new TextEncoder().encode(' '.repeat(9000))); controller.close(); } });
    const streamed = new Request('http://portal.test/api/events', { method: 'POST', body: stream, headers: { 'Content-Type': 'application/json' }, duplex: 'half' } as RequestInit);
    expect((await handle(streamed, 'a')).status).toBe(413);
  });

  it('records nothing for Global Privacy Control, Do Not Track or bots, yet answers 204', async () => {
    const { handle, stored } = handler();
    const optOuts: Record<string, string>[] = [{ 'Sec-GPC': '1' }, { DNT: '1' }, { 'User-Agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' }, { 'User-Agent': 'Mozilla/5.0 (compatible; bingbot/2.0)' }];
    for (const headers of optOuts) {
      expect((await handle(post(JSON.stringify(view()), { 'Content-Type': 'application/json', ...headers }), 'a')).status).toBe(204);
    }
    expect(stored).toHaveLength(0);
  });

  it('answers 429 with Retry-After when one client sends too fast, and not for others', async () => {
    const { handle } = handler({ burst: 2 });
    expect((await handle(post(JSON.stringify(view())), 'fast')).status).toBe(204);
    expect((await handle(post(JSON.stringify(view())), 'fast')).status).toBe(204);
    const limited = await handle(post(JSON.stringify(view())), 'fast');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await handle(post(JSON.stringify(view())), 'someone-else')).status).toBe(204);
  });

  it('answers 503 with Retry-After when storage fails, never a stack trace', async () => {
    const { handle } = handler({ fail: true });
    const response = await handle(post(JSON.stringify(view())), 'a');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.text()).not.toMatch(/disk full|at .*\.ts/);
  });

  it('only ever answers 204, 400, 413, 415 or 429 to anything (property)', async () => {
    const { handle } = handler();
    const validish = fc.record({
      type: fc.constantFrom('task_view', 'task_start', 'task_complete', 'feedback', 'satisfaction', 'search', 'search_click', 'other'),
      id: fc.oneof(fc.uuid(), fc.string()),
      search: fc.oneof(fc.uuid(), fc.string()),
      task: fc.oneof(fc.constant('report-a-pothole'), fc.string()),
      useful: fc.oneof(fc.boolean(), fc.string()),
      rating: fc.oneof(fc.integer({ min: -2, max: 8 }), fc.double()),
      query: fc.string({ maxLength: 150 }),
      results: fc.integer(),
      rank: fc.integer(),
      comment: fc.string({ maxLength: 400 }),
    }, { requiredKeys: ['type'] });
    const body = fc.oneof(
      fc.string({ maxLength: 10_000 }),
      fc.json(),
      validish.map((event) => JSON.stringify(event)),
      fc.array(validish, { maxLength: 25 }).map((events) => JSON.stringify({ events })),
      fc.uint8Array({ maxLength: 9000 }).map((bytes) => new TextDecoder().decode(bytes)),
    );
    const contentType = fc.constantFrom('application/json', 'text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data', '', 'application/json; charset=utf-8');
    await fc.assert(
      fc.asyncProperty(body, contentType, fc.boolean(), async (text, type, gpc) => {
        const headers: Record<string, string> = type ? { 'Content-Type': type } : {};
        if (gpc) headers['Sec-GPC'] = '1';
        const response = await handle(post(text, headers), 'property');
        expect([204, 400, 413, 415, 429]).toContain(response.status);
      }),
      { numRuns: 400 },
    );
  });
});
