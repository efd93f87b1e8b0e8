import { describe, expect, it } from 'vitest';
import { journeySchema } from '../../schemas/journey.ts';
import { journeyPlaces } from './journey-places.ts';

// Journeys written out as editors write them (through journeySchema), alike in shape to search-data.test's: each test keeps its own small catalogue.
const moving = {
  slug: 'moving-home',
  ...journeySchema.parse({
    title: 'Moving home',
    summary: 'What to do when you move.',
    keywords: ['moving house', 'new address'],
    steps: [
      { title: 'Tell us you are moving', tasks: ['tell-us-you-are-moving-home'] },
      { title: 'Sort out council tax', tasks: ['set-up-a-council-tax-direct-debit', { and: 'apply-for-a-council-tax-discount' }] },
      { title: 'Register to vote', tasks: ['register-to-vote'] },
    ],
  }),
};
const dies = {
  slug: 'when-someone-dies',
  ...journeySchema.parse({
    title: 'When someone dies',
    summary: 'What to do after a death.',
    keywords: ['bereavement', 'death'],
    steps: [
      { title: 'Register the death', tasks: ['register-a-death'] },
      { title: 'Sort out council tax', tasks: ['apply-for-a-council-tax-discount'] },
    ],
  }),
};

describe('journeyPlaces', () => {
  it('gives the step, the count and the steps either side, linked at their anchors', () => {
    expect(journeyPlaces('apply-for-a-council-tax-discount', [moving])).toEqual([
      {
        journey: { slug: 'moving-home', title: 'Moving home', href: '/journey/moving-home' },
        step: 2,
        steps: 3,
        stepTitle: 'Sort out council tax',
        previous: { number: 1, title: 'Tell us you are moving', href: '/journey/moving-home#step-1' },
        next: { number: 3, title: 'Register to vote', href: '/journey/moving-home#step-3' },
      },
    ]);
  });

  it('has no step before the first or after the last', () => {
    const [first] = journeyPlaces('tell-us-you-are-moving-home', [moving]);
    const [last] = journeyPlaces('register-to-vote', [moving]);
    expect([first?.previous, first?.next?.number]).toEqual([undefined, 2]);
    expect([last?.previous?.number, last?.next]).toEqual([2, undefined]);
  });

  it('lists every journey a task is in, and none for a task in no journey', () => {
    expect(journeyPlaces('apply-for-a-council-tax-discount', [moving, dies]).map((place) => [place.journey.slug, place.step])).toEqual([
      ['moving-home', 2],
      ['when-someone-dies', 2],
    ]);
    expect(journeyPlaces('report-a-pothole', [moving, dies])).toEqual([]);
  });
});
