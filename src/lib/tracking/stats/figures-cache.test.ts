import { describe, expect, it } from 'vitest';
import { createFiguresCache, figuresCacheControl } from './figures-cache.ts';

describe('the figures cache', () => {
  it('reads once per key while fresh, then again, and says how long is left', async () => {
    let clock = 1_000_000;
    const cache = createFiguresCache({ seconds: 60, now: () => clock });
    let reads = 0;
    const load = async () => ++reads;
    expect(await cache.get('28', load)).toEqual({ value: 1, maxAge: 60 });
    clock += 20_500;
    expect(await cache.get('28', load)).toEqual({ value: 1, maxAge: 40 });
    expect(await cache.get('7', load)).toEqual({ value: 2, maxAge: 60 });
    clock += 40_000;
    expect(await cache.get('28', load)).toEqual({ value: 3, maxAge: 60 });
  });

  it('shares one read among requests that arrive while it runs', async () => {
    const cache = createFiguresCache({ seconds: 60 });
    let reads = 0;
    let finish: (value: number) => void = () => {};
    const load = () => {
      reads++;
      return new Promise<number>((resolve) => (finish = resolve));
    };
    const waiting = Array.from({ length: 10 }, () => cache.get('90', load));
    finish(42);
    expect((await Promise.all(waiting)).map((cached) => cached.value)).toEqual(Array(10).fill(42));
    expect(reads).toBe(1);
  });

  it('never keeps a failed read', async () => {
    const cache = createFiguresCache({ seconds: 60 });
    await expect(cache.get('28', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect((await cache.get('28', async () => 'back')).value).toBe('back');
  });

  it('reads every time when the cache is off, and says not to store', async () => {
    const cache = createFiguresCache({ seconds: 0 });
    let reads = 0;
    await cache.get('28', async () => ++reads);
    expect(await cache.get('28', async () => ++reads)).toEqual({ value: 2, maxAge: 0 });
    expect(figuresCacheControl(0)).toBe('no-store');
    expect(figuresCacheControl(37)).toBe('public, max-age=37');
  });
});
