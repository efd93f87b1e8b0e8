import { describe, expect, it } from 'vitest';
import { createFiguresCache, figuresCacheControl } from './figures-cache.ts';

/** A load that stays in flight until `finish` is called, counting how often it started. */
function heldLoad<T>() {
  const held = { reads: 0, finish: (_value: T) => {}, fail: (_error: Error) => {} };
  const load = () => {
    held.reads++;
    return new Promise<T>((resolve, reject) => {
      held.finish = resolve;
      held.fail = reject;
    });
  };
  return { held, load };
}

describe('the figures cache', () => {
  it('reads once per key while fresh, then again, and says how long is left and how each answer was made', async () => {
    let clock = 1_000_000;
    const cache = createFiguresCache({ seconds: 60, now: () => clock });
    let reads = 0;
    const load = async () => ++reads;
    expect(await cache.get('28', load)).toMatchObject({ value: 1, maxAge: 60, source: 'read' });
    clock += 20_500;
    expect(await cache.get('28', load)).toMatchObject({ value: 1, maxAge: 40, source: 'cached' });
    expect(await cache.get('7', load)).toMatchObject({ value: 2, maxAge: 60, source: 'read' });
    clock += 40_000;
    expect(await cache.get('28', load)).toMatchObject({ value: 3, maxAge: 60, source: 'read' });
    expect(cache.counts()).toEqual({ read: 3, joined: 0, cached: 1 });
  });

  it('shares one read among requests that arrive while it runs', async () => {
    const cache = createFiguresCache({ seconds: 60 });
    const { held, load } = heldLoad<number>();
    const waiting = Array.from({ length: 10 }, () => cache.get('90', load));
    held.finish(42);
    const answers = await Promise.all(waiting);
    expect(answers.map((cached) => cached.value)).toEqual(Array(10).fill(42));
    expect(answers.map((cached) => cached.source)).toEqual(['read', ...Array(9).fill('joined')]);
    expect(held.reads).toBe(1);
  });

  it('shares a read in flight with the cache off too, then reads again, keeping nothing', async () => {
    const cache = createFiguresCache({ seconds: 0 });
    const { held, load } = heldLoad<string>();
    const first = Array.from({ length: 10 }, () => cache.get('90', load));
    // A different key is a different read.
    const other = cache.get('7', async () => 'week');
    held.finish('quarter');
    const answers = await Promise.all(first);
    expect(answers.every((cached) => cached.value === 'quarter' && cached.maxAge === 0)).toBe(true);
    expect((await other).value).toBe('week');
    expect(held.reads).toBe(1);
    // Settled, nothing is kept: the next request reads afresh.
    const next = cache.get('90', load);
    held.finish('again');
    expect(await next).toMatchObject({ value: 'again', maxAge: 0, source: 'read' });
    expect(held.reads).toBe(2);
    expect(cache.counts()).toEqual({ read: 3, joined: 9, cached: 0 });
  });

  it('times each answer by the read behind it', async () => {
    const cache = createFiguresCache({ seconds: 0 });
    const answer = await cache.get('28', () => new Promise((resolve) => setTimeout(() => resolve('done'), 30)));
    expect(answer.readMs).toBeGreaterThanOrEqual(25);
  });

  it('never keeps a failed read, nor hands it to a later request', async () => {
    const cache = createFiguresCache({ seconds: 60 });
    const { held, load } = heldLoad<string>();
    const both = [cache.get('28', load), cache.get('28', load)];
    held.fail(new Error('database down'));
    for (const answer of both) await expect(answer).rejects.toThrow('database down');
    expect((await cache.get('28', async () => 'back')).value).toBe('back');
  });

  it('reads every time when the cache is off, and says not to store', async () => {
    const cache = createFiguresCache({ seconds: 0 });
    let reads = 0;
    await cache.get('28', async () => ++reads);
    expect(await cache.get('28', async () => ++reads)).toMatchObject({ value: 2, maxAge: 0, source: 'read' });
    expect(figuresCacheControl(0)).toBe('no-store');
    expect(figuresCacheControl(37)).toBe('public, max-age=37');
  });
});
