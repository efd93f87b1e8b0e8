import { describe, expect, it } from 'vitest';
import { didYouMean, didYouMeanAside, nearestNames } from './did-you-mean.ts';

const topics = ['bins-and-recycling', 'parking-and-roads', 'council-tax-and-benefits', 'streets', 'money'];
const tasks = ['register-a-birth', 'register-a-death', 'register-to-vote', 'tell-us-you-are-moving-home'];

describe('did you mean', () => {
  it('finds the name an editor meant from a typing slip', () => {
    expect(didYouMean('parking-and-road', topics)).toBe('did you mean "parking-and-roads"?');
    expect(didYouMean('bins-and-recylcing', topics)).toBe('did you mean "bins-and-recycling"?');
    expect(didYouMean('street', topics)).toBe('did you mean "streets"?');
    expect(nearestNames('regster-a-death', tasks)).toEqual(['register-a-death']);
    expect(nearestNames('tell-us-your-are-moving-home', tasks)).toEqual(['tell-us-you-are-moving-home']);
  });

  it('finds the same words in another order', () => {
    expect(nearestNames('a-birth-register', tasks)).toEqual(['register-a-birth']);
  });

  it('offers every name equally near, and nothing when nothing is near', () => {
    expect(nearestNames('pay-a-bil', ['pay-a-bill', 'pay-a-bin', 'report-a-pothole'])).toEqual(['pay-a-bill', 'pay-a-bin']);
    expect(didYouMean('housing', topics)).toBe('');
    expect(didYouMeanAside('pay-your-council-tax', tasks)).toBe('');
  });

  it('words the guess as an aside inside a sentence', () => {
    expect(didYouMeanAside('register-a-brith', tasks)).toBe(' (did you mean "register-a-birth"?)');
  });
});
