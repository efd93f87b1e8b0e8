import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordsNotToCorrect, withDictionary } from './dictionary.ts';
import { createSearchEngine, typoDistance, type SearchData, type SearchDoc } from './engine.ts';

const doc = (slug: string, title: string, keywords: string[]): SearchDoc => ({ slug, title, summary: title, kind: 'transaction', keywords, steps: [] });

// Words of ours that real English words sit next to: needs/needles, writing/gritting,
// paying/playing, edition/addition, mend/menu.
const data: SearchData = {
  docs: [
    doc('tell-us-your-needs', 'Tell us your needs', ['care needs', 'support needs']),
    doc('get-writing-help', 'Get help with writing', ['writing letters', 'letter writing']),
    doc('stop-paying', 'Stop paying for a service', ['paying by card', 'paying monthly']),
    doc('order-an-edition', 'Order a printed edition', ['printed edition', 'new edition']),
    doc('mend-a-fence', 'Mend a council fence', ['mend fence', 'fence repair']),
    doc('pay-council-tax', 'Pay your council tax', ['council tax', 'tax bill']),
  ],
  synonyms: [],
  bestBets: [],
};
const english = ['needles', 'gritting', 'playing', 'addition', 'menu', 'council', 'needs', 'tax', 'zebra', 'writhing'];

describe('wordsNotToCorrect', () => {
  it('lists exactly the English words the engine would take for a typo of its own', () => {
    const engine = createSearchEngine(data);
    const bruteForce = english.filter((word) => !engine.isKnown(word) && engine.correctionTargets.some((target) => typoDistance(word, target) !== undefined)).sort();
    expect(wordsNotToCorrect(engine, english)).toEqual(bruteForce);
    // Ours are never corrected, so never listed; "zebra" is near nothing of ours.
    expect(bruteForce).not.toContain('council');
    expect(bruteForce).not.toContain('zebra');
    expect(bruteForce).toEqual(expect.arrayContaining(['menu', 'needles', 'playing']));
  });

  it('agrees with the brute force on a larger list of near misses', () => {
    const engine = createSearchEngine(data);
    const words = ['needle', 'needled', 'reeds', 'weeds', 'nerds', 'writings', 'wrting', 'praying', 'flaying', 'palying', 'edition', 'editions', 'mends', 'lend', 'ment', 'counsel', 'taxi', 'texas'];
    const bruteForce = words.filter((word) => word.length >= 4 && !engine.isKnown(word) && engine.correctionTargets.some((target) => typoDistance(word, target) !== undefined)).sort();
    expect(wordsNotToCorrect(engine, words)).toEqual(bruteForce);
  });
});

describe('wordsNotToCorrect against every pair', () => {
  // A four-letter alphabet makes near pairs (slips, swaps, shared beginnings) common, and
  // lengths 3 to 10 cross both thresholds: one slip from 4 letters, two from 7.
  const word = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 3, maxLength: 10 }).map((letters) => letters.join(''));
  it('lists the same words as checking each English word against each target', () => {
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 12 }), fc.array(word, { maxLength: 60 }), (targets, words) => {
        const engine = { correctionTargets: targets, isKnown: (candidate: string) => targets.includes(candidate) };
        const bruteForce = [...new Set(words)].filter((candidate) => !engine.isKnown(candidate) && targets.some((target) => typoDistance(candidate, target) !== undefined)).sort();
        expect(wordsNotToCorrect(engine, words)).toEqual(bruteForce);
      }),
      { numRuns: 500 },
    );
  });
});

describe('"Did you mean" with the dictionary', () => {
  const engine = createSearchEngine(withDictionary(data, { words: english }));
  const without = createSearchEngine(data);

  it.each([
    ['needles', 'needs'],
    ['playing', 'paying'],
    ['menu', 'mend'],
  ])('never corrects the English word "%s" (it would have become "%s")', (word, guess) => {
    expect(without.search(word).suggestion).toBe(guess);
    const response = engine.search(word);
    expect(response.suggestion).toBeNull();
    expect(response).toMatchObject({ coverage: 'none', missing: [word], results: [] });
  });

  it.each([['gritting'], ['addition']])('does not read "%s" as a word two slips away with other first letters (writing, edition)', (word) => {
    expect(without.search(word).suggestion).toBeNull();
    expect(engine.search(`road ${word}`).suggestion).toBeNull();
  });

  it('still corrects a word English does not know, to a word of ours', () => {
    expect(engine.search('councel tax').suggestion).toBe('council tax');
    expect(engine.search('payng').suggestion).toBe('paying');
  });
});
