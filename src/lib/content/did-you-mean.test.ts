import { describe, expect, it } from 'vitest';
import { didYouMean, nearestName } from './did-you-mean.ts';

const tasks = ['register-a-birth', 'register-a-death', 'register-to-vote', 'tell-us-you-are-moving-home'];

describe('nearestName', () => {
  it('finds a slug with a slip or two in it', () => {
    expect(nearestName('regster-a-death', tasks)).toBe('register-a-death');
    expect(nearestName('tell-us-your-are-moving-home', tasks)).toBe('tell-us-you-are-moving-home');
  });

  it('finds the same words in another order', () => {
    expect(nearestName('a-birth-register', tasks)).toBe('register-a-birth');
  });

  it('offers nothing when no name is close', () => {
    expect(nearestName('pay-your-council-tax', tasks)).toBeUndefined();
    expect(didYouMean('pay-your-council-tax', tasks)).toBe('');
  });

  it('words the guess for a message', () => {
    expect(didYouMean('register-a-brith', tasks)).toBe(' (did you mean "register-a-birth"?)');
  });
});
