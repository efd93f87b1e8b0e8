import { describe, expect, it } from 'vitest';
import { createSearchEngine, type SearchDoc } from './engine.ts';

const doc = (slug: string, title: string, summary: string, keywords: string[], steps: string[] = [], kind: SearchDoc['kind'] = 'transaction'): SearchDoc => ({ slug, title, summary, kind, keywords, steps });

const docs: SearchDoc[] = [
  doc('report-a-missed-bin-collection', 'Report a missed bin collection', 'Tell us if we did not empty your bin.', ['missed bin', 'bin not emptied']),
  doc('find-your-bin-collection-day', 'Find your bin collection day', 'See which day we empty your bins.', ['bin day', 'collection day']),
  doc('pay-your-council-tax', 'Pay your council tax', 'Pay your council tax bill online.', ['council tax bill', 'pay ctax']),
  doc('find-a-recycling-centre', 'Find a recycling centre', 'Opening times of the recycling centres.', ['recycling centre', 'household waste site']),
  doc('report-a-pothole', 'Report a pothole', 'Tell us about a hole in the road.', ['pothole', 'hole in road'], ['Mark the spot on the map']),
  doc('register-to-vote', 'Register to vote', 'Get on the electoral register.', ['electoral register', 'vote']),
  doc('apply-for-a-postal-vote', 'Apply for a postal vote', 'Vote by post instead of at a polling station.', ['postal vote', 'vote by post']),
  doc('apply-for-a-parking-permit', 'Apply for a parking permit', 'Park in resident bays.', ['resident parking', 'permit']),
  doc('pay-a-parking-fine', 'Pay a parking fine', 'Pay a penalty charge notice.', ['parking fine', 'pcn']),
];

const engine = createSearchEngine({
  docs,
  synonyms: [
    { use: 'bin', for: ['rubbish', 'trash', 'garbage'] },
    { use: 'recycling centre', for: ['dump', 'tip'] },
    { use: 'council tax', for: ['property tax'] },
    { use: 'parking fine', for: ['parking ticket'] },
  ],
  bestBets: [{ query: 'parking', task: 'apply-for-a-parking-permit' }],
});
const slugs = (query: string, options = {}) => engine.search(query, options).results.map((result) => result.slug);

describe('search engine', () => {
  it('finds a task by its own words, best match first', () => {
    expect(slugs('missed bin')[0]).toBe('report-a-missed-bin-collection');
    expect(slugs('pothole')[0]).toBe('report-a-pothole');
  });

  it('stems, so other forms of a word still match', () => {
    expect(slugs('bins collected')).toContain('find-your-bin-collection-day');
  });

  it('expands synonyms and multi-word synonyms', () => {
    expect(slugs('trash')[0]).toMatch(/bin/);
    expect(slugs('the dump')[0]).toBe('find-a-recycling-centre');
    expect(slugs('property tax')[0]).toBe('pay-your-council-tax');
    expect(slugs('parking ticket')[0]).toBe('pay-a-parking-fine');
  });

  it('forgives typos and says what it understood', () => {
    const response = engine.search('councel tax');
    expect(response.results[0]?.slug).toBe('pay-your-council-tax');
    expect(response.suggestion).toBe('council tax');
    expect(engine.search('recylcing centre').suggestion).toBe('recycling centre');
  });

  it('does not correct short words, and forgives no more than the word length allows', () => {
    expect(engine.search('pqy').suggestion).toBeNull();
    // "potxxle" is 2 edits from "pothole": fine for 7 letters. "pxtxole" needs 3.
    expect(slugs('potxxle')[0]).toBe('report-a-pothole');
    expect(slugs('pxtxoxe')).toEqual([]);
  });

  it('ranks an exact match above a fuzzy one', () => {
    // The same task scores lower when it was found through a corrected word.
    const exact = engine.search('postal vote').results[0]!;
    const fuzzy = engine.search('postal vots').results.find((result) => result.slug === exact.slug)!;
    expect(exact.slug).toBe('apply-for-a-postal-vote');
    expect(fuzzy.score).toBeLessThan(exact.score);
    // In one query, tasks matching the typed word come before tasks matching only a guess.
    const mixed = slugs('parking vots');
    expect(mixed.slice(0, 2).sort()).toEqual(['apply-for-a-parking-permit', 'pay-a-parking-fine']);
    expect(mixed.slice(2)).toContain('apply-for-a-postal-vote');
  });

  it('pins best bets first', () => {
    const response = engine.search('Parking');
    expect(response.results[0]?.slug).toBe('apply-for-a-parking-permit');
    expect(response.results.map((result) => result.slug)).toContain('pay-a-parking-fine');
    expect(new Set(response.results.map((result) => result.slug)).size).toBe(response.results.length);
  });

  it('answers nonsense and stop words with nothing, not junk', () => {
    for (const query of ['xqzvbn plokij', 'the of and', '', '   ', '+*', '~~~', '^', ':', '🗑️🗑️']) {
      expect(engine.search(query), query).toEqual(expect.objectContaining({ total: 0, results: [] }));
    }
  });

  it('drops weak matches far below the best one', () => {
    const response = engine.search('report pothole hole road');
    expect(response.results[0]?.slug).toBe('report-a-pothole');
    expect(response.results.map((result) => result.slug)).not.toContain('register-to-vote');
  });

  it('treats typed operators as words, never as lunr syntax', () => {
    expect(slugs('+pothole')[0]).toBe('report-a-pothole');
    expect(slugs('-pothole')[0]).toBe('report-a-pothole');
    expect(slugs('title:pothole')[0]).toBe('report-a-pothole');
    expect(slugs('pothole~2^10')[0]).toBe('report-a-pothole');
    expect(slugs('bin*')).toEqual(slugs('bin'));
  });

  it('matches the unfinished last word only when asked (search as you type)', () => {
    expect(slugs('poth')).toEqual([]);
    expect(slugs('poth', { prefix: true })[0]).toBe('report-a-pothole');
    expect(slugs('poth ', { prefix: true })).toEqual([]);
  });

  it('respects the limit but counts every match', () => {
    const response = engine.search('bin', { limit: 1 });
    expect(response.results).toHaveLength(1);
    expect(response.total).toBeGreaterThan(1);
  });

  it('returns the JSON contract fields', () => {
    const response = engine.search('Pothole');
    expect(response.query).toBe('Pothole');
    expect(response.coverage).toBe('full');
    expect(response.missing).toEqual([]);
    expect(response.results[0]).toEqual({
      slug: 'report-a-pothole',
      title: 'Report a pothole',
      summary: 'Tell us about a hole in the road.',
      url: '/report-a-pothole',
      score: expect.any(Number),
      kind: 'transaction',
      matched: ['pothole'],
      partial: false,
    });
  });

  it('searches step titles too', () => {
    expect(slugs('map spot')[0]).toBe('report-a-pothole');
  });

  it('answers in time even for very long hostile input', () => {
    const started = performance.now();
    engine.search('councel '.repeat(2000));
    expect(performance.now() - started).toBeLessThan(500);
  });
});
