/**
 * A small seeded random generator for tools that must repeat themselves exactly: the
 * search benchmark builds the same catalogue every run, so figures compare across runs,
 * and demo traffic with the same --seed sends the same journeys.
 *
 * It is a 32-bit linear congruential generator (the Numerical Recipes constants): fast,
 * simple and good enough for picking words and journeys. It is not for anything secret.
 * Changing the constants would change every benchmark catalogue, so they stay as they are.
 */

export interface SeededRandom {
  /** The next number, from 0 up to (not including) 1. */
  next(): number;
  /** One item of a non-empty list, each equally likely. */
  pick<T>(list: readonly T[]): T;
  /** True with probability p (0 never, 1 always). */
  chance(p: number): boolean;
  /** A whole number from 0 up to (not including) n. */
  below(n: number): number;
}

/**
 * A generator started from `seed`. The same seed always gives the same sequence.
 * The seed is taken as a 32-bit whole number, as JavaScript's `>>> 0` does: 1.9 counts as 1,
 * 2 ** 32 + 1 as 1, and NaN or Infinity as 0. Tools check a seed option before it gets here;
 * this never throws, so a run can always be repeated from whatever seed it printed.
 */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = () => {
    // state stays below 2 ** 32, so state * 1664525 stays below 2 ** 53: exact in a double.
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const below = (n: number) => Math.floor(next() * n);
  return {
    next,
    below,
    chance: (p) => next() < p,
    pick: (list) => {
      if (!list.length) throw new RangeError('Cannot pick from an empty list.');
      return list[below(list.length)]!;
    },
  };
}
