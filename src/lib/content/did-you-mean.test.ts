import { describe, expect, it } from 'vitest';
import { didYouMean, nearestNames } from './did-you-mean.ts';

const topics = ['bins-and-recycling', 'parking-and-roads', 'council-tax-and-benefits', 'streets', 'money'];

describe('did you mean', () => {
  it('finds the name an editor meant from a typing slip', () => {
    expect(didYouMean('parking-and-road', topics)).toBe('did you mean "parking-and-roads"?');
    expect(didYouMean('bins-and-recylcing', topics)).toBe('did you mean "bins-and-recycling"?');
    expect(didYouMean('street', topics)).toBe('did you mean "streets"?');
  });

  it('offers every name equally near, and nothing when nothing is near', () => {
    expect(nearestNames('pay-a-bil', ['pay-a-bill', 'pay-a-bin', 'report-a-pothole'])).toEqual(['pay-a-bill', 'pay-a-bin']);
    expect(didYouMean('housing', topics)).toBe('');
  });
});
