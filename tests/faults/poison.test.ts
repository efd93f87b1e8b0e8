/**
 * The poison pill, on both stores: one client sends events with a NUL (and other
 * control characters, and a lone surrogate) in a query or comment, and opens /search
 * with a NUL in the query, while good clients send valid events. The bad events get
 * a 400 naming the field; the page still answers; no good event is refused.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { report, tally } from './helpers/figures.ts';
import { sleep, startLoad } from './helpers/load.ts';
import { portalOn } from './helpers/portal.ts';
import { bothStores } from './helpers/stores.ts';

const { cases: targets, postgres } = await bothStores('poison');

const POISONS = ['council\u0000tax', 'bin\u001bday', 'x\u007f', 'ok \ud800'];

describe.each(targets)('poison pill ($name)', ({ name, target }) => {
  it.skipIf(name === 'postgres' && 'skip' in postgres)(`bad events get a 400 naming the field; no good event refused${'skip' in postgres ? ` (PostgreSQL skipped: ${postgres.skip})` : ''}`, async () => {
    const store = await target();
    const portal = await portalOn(store);
    const load = startLoad(portal.url, { clients: 8, maxMs: 30_000 });
    const bad: { status: number; body: string }[] = [];
    const pages: number[] = [];
    // At least 3 s and 8 poisoned requests, whichever is later; at most 30 s.
    const began = Date.now();
    while ((Date.now() - began < 3_000 || bad.length < 8) && Date.now() - began < 30_000) {
      const poison = POISONS[bad.length % POISONS.length]!;
      const event = bad.length % 2
        ? { type: 'search', id: randomUUID(), query: poison, results: 0 }
        : { type: 'feedback', id: randomUUID(), task: 'pay-your-council-tax', useful: false, comment: poison };
      const response = await fetch(`${portal.url}/api/events`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ events: [event] }), signal: AbortSignal.timeout(10_000) });
      bad.push({ status: response.status, body: await response.text() });
      // The page records its own search: a NUL there must not fail other people's events either.
      const page = await fetch(`${portal.url}/search?q=${encodeURIComponent(`council${'\u0000'}tax`)}`, { signal: AbortSignal.timeout(10_000) });
      await page.arrayBuffer();
      pages.push(page.status);
      await sleep(5);
    }
    const samples = await load.stop();
    await portal.stop();

    const { acked, stored, figures } = await tally(store, samples);
    const goodRefused = samples.filter((sample) => sample.kind === 'events' && sample.status !== 204);
    report({
      fault: 'NUL poison pill with good clients',
      store: name,
      ...figures,
      note: `${bad.length} bad requests: ${bad.filter((response) => response.status === 400).length} answered 400; ${pages.length} /search pages with a NUL: ${pages.filter((status) => status === 200).length} answered 200; ${goodRefused.length} good requests refused`,
    });
    expect(bad.every((response) => response.status === 400)).toBe(true);
    expect(bad.every((response) => /"path":"events\.0\.(query|comment)"/.test(response.body))).toBe(true);
    expect(pages.every((status) => status === 200)).toBe(true);
    expect(goodRefused).toEqual([]);
    expect(bad.length).toBeGreaterThanOrEqual(8);
    expect(acked.length).toBeGreaterThan(20);
    expect(stored.size).toBe(acked.length);
  });
});
