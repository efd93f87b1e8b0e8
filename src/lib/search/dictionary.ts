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
function englishWords(): readonly string[] {
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
 * the engine corrects to.
 *
 * The English list becomes a trie; for each target word we walk it with one row of the
 * edit distance table per letter, and leave a branch as soon as no word in it can come
 * close enough. Under a second for the demo, instead of minutes for every pair.
 */
export function wordsNotToCorrect(engine: Pick<SearchEngine, 'correctionTargets' | 'isKnown'>, words: readonly string[] = englishWords()): string[] {
  const trie = buildTrie(words.filter((word) => word.length >= 4));
  const found = new Set<string>();
  for (const target of engine.correctionTargets) {
    // Longer words may be further from the target (allowedEdits), but never more than 2 slips.
    let maxLength = 0;
    let maxEdits = 0;
    for (let length = Math.max(4, target.length - 2); length <= target.length + 2; length++) {
      const edits = allowedEdits(length);
      if (Math.abs(length - target.length) > edits) continue;
      maxLength = length;
      maxEdits = Math.max(maxEdits, edits);
    }
    // Too short for any English word we hold (4 letters or more) to be a typo of it.
    if (maxLength === 0) continue;
    for (const word of near(trie, target, maxEdits, maxLength)) if (typoDistance(word, target) !== undefined) found.add(word);
  }
  // A word of ours is never corrected, so it need not be listed.
  return [...found].filter((word) => !engine.isKnown(word)).sort();
}

interface Trie {
  words: readonly string[];
  /** Per node: its letter (a UTF-16 code), first child, next sibling, and the word ending there (-1: none). */
  letter: Int32Array;
  child: Int32Array;
  sibling: Int32Array;
  word: Int32Array;
}

function buildTrie(list: readonly string[]): Trie {
  const words = [...new Set(list)].sort();
  const size = words.reduce((total, word) => total + word.length, 1);
  const trie: Trie = { words, letter: new Int32Array(size), child: new Int32Array(size).fill(-1), sibling: new Int32Array(size).fill(-1), word: new Int32Array(size).fill(-1) };
  let count = 1;
  // Words come sorted, so a new node is always the last child of its parent: keep the path and each node's last child.
  const lastChild = new Int32Array(size).fill(-1);
  const path = [0];
  let previous = '';
  words.forEach((word, index) => {
    let shared = 0;
    while (shared < word.length && shared < previous.length && word.charCodeAt(shared) === previous.charCodeAt(shared)) shared++;
    path.length = shared + 1;
    for (let d = shared; d < word.length; d++) {
      const parent = path[d]!;
      const node = count++;
      trie.letter[node] = word.charCodeAt(d);
      if (lastChild[parent] === -1) trie.child[parent] = node;
      else trie.sibling[lastChild[parent]!] = node;
      lastChild[parent] = node;
      path.push(node);
    }
    trie.word[path[word.length]!] = index;
    previous = word;
  });
  return trie;
}

/**
 * Words of the trie with at most `maxLength` letters and at most `max` edits (with swaps)
 * from `target` that typoDistance could accept: it wants one of the first two letters in
 * line, and two slips only after the same first two letters, so a word's first two
 * letters say how far the rest of it may stray.
 */
function near(trie: Trie, target: string, max: number, maxLength: number): string[] {
  const width = target.length + 1;
  const code = Array.from(target, (letter) => letter.charCodeAt(0));
  const rows = Array.from({ length: maxLength + 1 }, () => new Int32Array(width));
  for (let j = 0; j < width; j++) rows[0]![j] = j;
  const letters = new Int32Array(maxLength + 1);
  const out: string[] = [];

  const visit = (node: number, depth: number, cap: number): void => {
    for (let next = trie.child[node]!; next !== -1; next = trie.sibling[next]!) {
      const d = depth + 1;
      const letter = trie.letter[next]!;
      letters[d] = letter;
      let limit = cap;
      if (d === 2) {
        const lined = code[0] === letters[1] || code[1] === letter || code[0] === letter || code[1] === letters[1];
        limit = code[0] === letters[1] && code[1] === letter ? max : lined ? Math.min(max, 1) : -1;
        if (limit < 0) continue;
      }
      const row = rows[d]!;
      const above = rows[d - 1]!;
      row[0] = d;
      let rowMin = d;
      for (let j = 1; j < width; j++) {
        let value = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + (letter === code[j - 1] ? 0 : 1));
        if (d > 1 && j > 1 && letter === code[j - 2] && letters[d - 1] === code[j - 1]) value = Math.min(value, rows[d - 2]![j - 2]! + 1);
        row[j] = value;
        if (value < rowMin) rowMin = value;
      }
      if (trie.word[next]! !== -1 && row[width - 1]! <= limit) out.push(trie.words[trie.word[next]!]!);
      // Deeper words only add letters: once every alignment is past the limit, none can come back.
      if (d < maxLength && rowMin <= limit) visit(next, d, limit);
    }
  };
  visit(0, 0, max);
  return out;
}

/** Search data with its dictionary: what the build, the server and the tools search with. */
export function withDictionary(data: SearchData, words?: readonly string[]): SearchData {
  return { ...data, dictionary: wordsNotToCorrect(createSearchEngine({ ...data, dictionary: [] }), words) };
}
