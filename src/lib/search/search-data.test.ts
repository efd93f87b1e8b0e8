import { describe, expect, it } from 'vitest';
import { journeySchema } from '../../schemas/journey.ts';
import { expectationSchema } from '../../schemas/search.ts';
import { createSearchEngine } from './engine.ts';
import { searchableSlugs, toSearchData } from './search-data.ts';

const task = (slug: string, title: string, keywords: string[]) => ({ slug, title, summary: `${title}.`, kind: 'transaction' as const, keywords, steps: [] });
const tasks = [task('tell-us-you-are-moving-home', 'Tell us you are moving home', ['moving house', 'new address']), task('register-to-vote', 'Register to vote', ['electoral roll', 'vote'])];
const journeys = [
  {
    slug: 'moving-home',
    ...journeySchema.parse({
      title: 'Moving home',
      summary: 'What to do, in order, when you move.',
      keywords: ['moving house', 'moving checklist'],
      steps: [
        { title: 'Tell us you are moving', tasks: ['tell-us-you-are-moving-home'] },
        { title: 'Register to vote at your new address', tasks: ['register-to-vote'] },
      ],
    }),
  },
];
const contact = { title: 'Contact Riverton City Council', summary: 'Phone numbers and opening hours.', keywords: ['phone number', 'opening hours', 'contact'], phones: [{ label: 'Council tax' }], address: { name: 'Riverton Town Hall' } };

describe('search documents for journeys and the contact page', () => {
  const data = toSearchData({ tasks, journeys, contact, synonyms: [], bestBets: [] });

  it('adds each journey at its address and the contact page, with their kinds', () => {
    expect(data.docs.map((doc) => [doc.slug, doc.kind])).toEqual([
      ['tell-us-you-are-moving-home', 'transaction'],
      ['register-to-vote', 'transaction'],
      ['journey/moving-home', 'journey'],
      ['contact', 'contact'],
    ]);
    expect(data.docs.find((doc) => doc.kind === 'contact')?.steps).toEqual(['Council tax', 'Riverton Town Hall']);
  });

  it('puts the task that answers alone before the journey, and the journey first when it matches better', () => {
    const engine = createSearchEngine(data);
    expect(engine.search('moving house').results.map((result) => result.url)).toEqual(['/tell-us-you-are-moving-home', '/journey/moving-home']);
    expect(engine.search('moving checklist').results[0]).toMatchObject({ url: '/journey/moving-home', kind: 'journey' });
    expect(engine.search('phone number').results[0]).toMatchObject({ url: '/contact', kind: 'contact' });
  });

  it('lets an expectation name a task, the contact page or a journey, and nothing else', () => {
    expect(searchableSlugs({ tasks, journeys, contact })).toEqual(['tell-us-you-are-moving-home', 'register-to-vote', 'contact', 'journey/moving-home']);
    expect(expectationSchema.safeParse({ query: 'moving checklist', task: 'journey/moving-home' }).success).toBe(true);
    expect(expectationSchema.safeParse({ query: 'moving checklist', task: 'journeys/moving-home' }).error?.issues.map((issue) => issue.message)).toEqual([
      'must be a task slug, e.g. "report-a-pothole", or a journey as "journey/moving-home"',
    ]);
  });
});
