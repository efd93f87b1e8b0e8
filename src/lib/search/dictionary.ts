/**
 * "Did you mean" only for words we do not know. A word English knows is never a typo
 * for one of ours: "needles" is not a slip for "needs", nor "gritting" for "writing".
 *
 * The full English list (the word-list package, about 275,000 words) is read at build
 * time only. From it we keep just the words the engine could mistake for a typo: those
 * within its correction distance of a word it corrects to. That short list ships with
 * the search data, so the browser and the server make the same decision without the
 * browser downloading a dictionary.
 */
import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';
import { allowedEdits } from './edit-distance.ts';
import { createSearchEngine, typoDistance, type SearchData, type SearchEngine } from './engine.ts';

let english: readonly string[] | undefined;

/** Every word in the English word list, lowercase. Read once per process. */
export function englishWords(): readonly string[] {
  if (!english) {
    // One string per word, cut from the bytes: words split from one big string stay slices
    // of it, and reading their letters a few million times is several times slower.
    const bytes = readFileSync(wordListPath);
    const list: string[] = [];
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 10) continue;
      const word = bytes.toString('utf8', start, i).trim().toLowerCase();
      if (word) list.push(word);
      start = i + 1;
    }
    english = list;
  }
  return english;
}

/**
 * The English words `engine` would otherwise correct to one of its words. Exact: a word
 * is listed only when the engine's own rule (typoDistance) makes it a typo of a word
 * the engine corrects to, and is not a word of the engine's own.
 */
export function wordsNotToCorrect(
  engine: Pick<SearchEngine, 'correctionTargets' | 'isKnown'>,
  words: readonly string[] = englishWords(),
  near: readonly string[] = englishNear(engine.correctionTargets, words),
): string[] {
  // A word of ours is never corrected, so it need not be listed.
  return near.filter((word) => !engine.isKnown(word));
}

/**
 * The words of `words` (sorted, each once) that typoDistance makes a typo of one of `targets`: the costly part of
 * wordsNotToCorrect. It needs the engine's correction targets only, not its index, so a build finds them on a
 * thread of its own while the index is made (dictionary-worker.ts).
 *
 * A symmetric-delete index: two words within k slips (with swaps) share a string made by
 * deleting at most k letters from each, since each slip costs at most one deletion per side
 * (a swap: the same letter deleted from both). The index holds those strings for the
 * correction targets (tens of thousands at most); each English word looks its own up and
 * only the targets found are checked with typoDistance. The English side is fixed, so the
 * cost barely grows with the catalogue, where walking the whole English list once per
 * target (what this replaced) grew with every word a council added.
 */
export function englishNear(targets: readonly string[], words: readonly string[] = englishWords()): string[] {
  const index = new Map<number, number | number[]>();
  const keys = new Variants();
  targets.forEach((target, position) => {
    const count = keys.of(target, TWO_SLIPS_TARGET);
    for (let k = 0; k < count; k++) {
      const key = keys.hashes[k]!;
      const held = index.get(key);
      if (held === undefined) index.set(key, position);
      else if (typeof held === 'number') {
        if (held !== position) index.set(key, [held, position]);
      } else if (held[held.length - 1] !== position) held.push(position);
    }
  });

  // A bit per key (its low bits, about 16 bits for each key held): most of an English word's keys
  // are no target's, and a bit test settles them far faster than a map lookup (there are millions).
  const bits = Math.min(30, Math.max(10, Math.ceil(Math.log2(index.size * 16 + 1))));
  const filed = new Uint32Array(2 ** (bits - 5));
  const low = 2 ** bits - 1;
  for (const key of index.keys()) filed[(key & low) >>> 5]! |= 1 << (key & 31);

  const found: string[] = [];
  const checked = new Set<number>();
  const near = (word: string, target: number) => {
    if (checked.has(target)) return false;
    checked.add(target);
    return typoDistance(word, targets[target]!) !== undefined;
  };
  for (const word of words) {
    if (allowedEdits(word.length) === 0) continue;
    checked.clear();
    const count = keys.of(word, TWO_SLIPS_WORD);
    const hashes = keys.hashes;
    for (let k = 0; k < count; k++) {
      const key = hashes[k]!;
      if ((filed[(key & low) >>> 5]! & (1 << (key & 31))) === 0) continue;
      const held = index.get(key);
      if (held === undefined) continue;
      if (typeof held === 'number' ? near(word, held) : held.some((target) => near(word, target))) {
        found.push(word);
        break;
      }
    }
  }
  return [...new Set(found)].sort();
}

/** The shortest typed word forgiven two slips (allowedEdits, which never forgives more); its target may be two letters shorter. */
const TWO_SLIPS_WORD = Array.from({ length: 64 }, (_, length) => length).find((length) => allowedEdits(length) >= 2)!;
const TWO_SLIPS_TARGET = TWO_SLIPS_WORD - 2;
const BASE = 0x9e3779b1 | 0;
/** Keys stay small integers, which V8 keeps unboxed. */
const MASK = 0x3fffffff;

/**
 * The keys a word is filed under, as 30-bit hashes of the strings (made from prefix hashes,
 * without making the strings: a few million strings made and hashed took seconds). Equal
 * strings give equal hashes, so no near pair is missed; a collision only costs a
 * typoDistance check. The keys:
 * - the word with at most one letter deleted: every pair one slip apart shares one of these;
 * - for words of `twoSlipsFrom` letters or more, the word with two letters deleted after its
 *   first two: typoDistance allows two slips only between words with the same first two
 *   letters, and a shared beginning never changes the distance, so the slips lie in the rest.
 */
class Variants {
  hashes = new Int32Array(64);
  private prefix = new Int32Array(65);
  private power = Int32Array.from({ length: 65 }, () => 1);

  constructor() {
    for (let i = 1; i < this.power.length; i++) this.power[i] = Math.imul(this.power[i - 1]!, BASE);
  }

  /** Fills `hashes` and returns how many it holds. */
  of(word: string, twoSlipsFrom: number): number {
    const n = word.length;
    this.grow(n);
    const { prefix, power, hashes } = this;
    for (let i = 0; i < n; i++) prefix[i + 1] = (Math.imul(prefix[i]!, BASE) + word.charCodeAt(i)) | 0;
    const whole = prefix[n]!;
    hashes[0] = whole & MASK;
    let count = 1;
    // Deleting letter i: the hash of word[0, i) shifted over word[i + 1, n), plus that part.
    // (The hash of word[a, b) is prefix[b] - prefix[a] * power[b - a].)
    for (let i = 0; i < n; i++) {
      const after = (whole - Math.imul(prefix[i + 1]!, power[n - i - 1]!)) | 0;
      hashes[count++] = (Math.imul(prefix[i]!, power[n - i - 1]!) + after) & MASK;
    }
    if (n >= twoSlipsFrom) {
      for (let i = 2; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const middle = (prefix[j]! - Math.imul(prefix[i + 1]!, power[j - i - 1]!)) | 0;
          const after = (whole - Math.imul(prefix[j + 1]!, power[n - j - 1]!)) | 0;
          const upToJ = (Math.imul(prefix[i]!, power[j - i - 1]!) + middle) | 0;
          hashes[count++] = (Math.imul(upToJ, power[n - j - 1]!) + after) & MASK;
        }
      }
    }
    return count;
  }

  private grow(length: number): void {
    const needed = 1 + length + (length * (length - 1)) / 2;
    if (this.hashes.length < needed) this.hashes = new Int32Array(needed);
    if (this.prefix.length <= length) {
      this.prefix = new Int32Array(length + 1);
      const power = new Int32Array(length + 1);
      power[0] = 1;
      for (let i = 1; i <= length; i++) power[i] = Math.imul(power[i - 1]!, BASE);
      this.power = power;
    }
  }
}

/**
 * Search data with its dictionary: what the build, the server and the tools search with. `words` stands in for the
 * English list; `near` is englishNear for this data's correction targets, when it was found elsewhere.
 */
export function withDictionary(data: SearchData, { words, near }: { words?: readonly string[]; near?: readonly string[] } = {}): SearchData {
  return { ...data, dictionary: wordsNotToCorrect(createSearchEngine({ ...data, dictionary: [] }), words, near) };
}
