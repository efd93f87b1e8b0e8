import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSearchEngine, prepareSearch, typoDistance, type SearchDoc } from './engine.ts';

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

describe('knowing when it does not know', () => {
  const local = createSearchEngine({
    docs: [
      doc('report-a-pothole', 'Report a pothole or damaged road', 'Tell us about a hole in the road.', ['pothole', 'road repair']),
      doc('apply-for-a-street-trading-licence', 'Apply for a street trading licence', 'Sell things on the street.', ['market stall', 'street trading']),
      doc('report-a-stray-dog', 'Report a stray dog', 'Tell us about a dog on the loose.', ['stray dog', 'lost dog']),
      doc('apply-for-a-premises-licence', 'Apply for a premises licence', 'Sell alcohol in a shop or pub.', ['alcohol licence', 'pub licence']),
      doc('find-childcare', 'Find childcare', 'Nurseries and childminders near you.', ['nursery', 'childminder']),
      doc('find-a-care-home', 'Find a care home', 'Homes for older people who need care.', ['care home', 'nursing home']),
      doc('register-with-a-gp', 'Register with a GP', 'Join a doctors surgery.', ['gp', 'family doctor'], [], 'signpost'),
      doc('join-the-housing-register', 'Join the housing register', 'Get on the list for a council home.', ['council flat', 'social housing']),
    ],
    synonyms: [
      { use: 'childcare', for: ['child care'] },
      { use: 'licence', for: ['license'] },
      { use: 'road', for: ['street'] },
    ],
    bestBets: [],
  });

  it('answers every word it can, and says which words it could not', () => {
    const response = local.search('pothole on the moon');
    expect(response.coverage).toBe('partial');
    expect(response.missing).toEqual(['moon']);
    expect(response.results[0]).toMatchObject({ slug: 'report-a-pothole', matched: ['pothole'], partial: true });
  });

  it('marks a partial answer even when every word matched something, but no one result matched them all', () => {
    const response = local.search('dog license');
    expect(response.coverage).toBe('partial');
    expect(response.missing).toEqual([]);
    expect(response.results.every((result) => result.partial)).toBe(true);
  });

  it('puts a task named by the specific word above one named by a generic word', () => {
    // "permit" is in a title, "skip" only in keywords; the skip is what the person wants.
    const permits = createSearchEngine({
      docs: [
        doc('apply-for-a-parking-permit', 'Apply for a parking permit', 'Park near your home.', ['resident parking', 'visitor parking']),
        doc('hire-a-skip', 'Put a container on the road', 'Ask before you put a container on the road.', ['skip', 'builders container']),
      ],
      synonyms: [],
      bestBets: [],
    });
    expect(permits.search('skip permit').results[0]?.slug).toBe('hire-a-skip');
  });

  it('matches a phrase a synonym knows only by its meaning or all its words', () => {
    const slugs = local.search('child care').results.map((result) => result.slug);
    expect(slugs[0]).toBe('find-childcare');
    expect(slugs).not.toContain('find-a-care-home');
  });

  it('lets a word inside a longer keyword count less when the query lacks the rest of that keyword', () => {
    // "old" is only part of "old age pension": a search for old things is not about pensions.
    const olds = createSearchEngine({
      docs: [
        doc('claim-your-state-pension', 'Claim your State Pension', 'The Pension Service pays it.', ['old age pension', 'state pension', 'pension age', 'retirement'], [], 'signpost'),
        doc('book-a-bulky-waste-collection', 'Book a bulky waste collection', 'Old beds, old sofas, old fridges: we take them away.', ['sofa pickup']),
      ],
      synonyms: [],
      bestBets: [],
    });
    expect(olds.search('old wardrobe').results[0]?.slug).toBe('book-a-bulky-waste-collection');
    // With the rest of the keyword, the pension is the answer.
    expect(olds.search('old age').results[0]?.slug).toBe('claim-your-state-pension');
  });

  it('shows the kind of each result, so a signpost can be told apart', () => {
    expect(local.search('family doctor').results[0]).toMatchObject({ slug: 'register-with-a-gp', kind: 'signpost', partial: false });
  });

  it('does not make filler words a reason to call an answer partial', () => {
    expect(local.search('pothole is still going').coverage).toBe('full');
  });
});


describe('an engine loaded from its prepared index (made at build time)', () => {
  const data = {
    docs,
    synonyms: [{ use: 'bin', for: ['rubbish', 'trash'] }],
    bestBets: [{ query: 'parking', task: 'apply-for-a-parking-permit' }],
  };
  // Through JSON, as the server gets it from the build.
  const loaded = createSearchEngine({ ...data, prepared: JSON.parse(JSON.stringify(prepareSearch(data))) });
  const made = createSearchEngine(data);

  it.each(['bin', 'trash day', 'council tax', 'pothol', 'parking', 'vote by post', 'libary', 'nothing we do'])('answers "%s" exactly as an engine made from the documents', (query) => {
    expect(loaded.search(query)).toEqual(made.search(query));
    expect(loaded.search(query, { prefix: true })).toEqual(made.search(query, { prefix: true }));
  });

  it('knows the same words', () => {
    expect([...loaded.vocabulary]).toEqual([...made.vocabulary]);
    expect(loaded.correctionTargets).toEqual(made.correctionTargets);
  });

  it('is not the same as an engine over other documents (the comparison can fail)', () => {
    const other = createSearchEngine({ ...data, docs: docs.slice(1) });
    expect(other.search('bin')).not.toEqual(made.search('bin'));
  });
});

describe('correctionOf against every target', () => {
  // A four-letter alphabet makes near words common; lengths 4 to 10 cross both thresholds (one slip from 4 letters,
  // two from 7). The engine skips targets whose letters are too far apart to be near: it must never skip a nearest one.
  const word = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 4, maxLength: 10 }).map((letters) => letters.join(''));
  it('corrects to one of the nearest targets, and to none when none is near', () => {
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 12 }), word, (targets, typed) => {
        const engine = createSearchEngine({ docs: targets.map((target, i) => doc(`t${i}`, target, '', [])), synonyms: [], bestBets: [] });
        const cost = (target: string) => {
          const distance = typoDistance(typed, target);
          return distance === undefined ? undefined : distance + (target[0] === typed[0] ? 0 : 0.5);
        };
        const costs = engine.correctionTargets.map(cost).filter((value) => value !== undefined);
        const found = engine.correctionOf(typed);
        if (!costs.length) expect(found).toBeUndefined();
        else expect(found !== undefined && cost(found)).toBe(Math.min(...costs));
      }),
      { numRuns: 500 },
    );
  });
});
