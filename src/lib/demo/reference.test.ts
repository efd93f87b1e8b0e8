import { describe, expect, it } from 'vitest';
import { demoReference } from './reference.ts';

describe('the demo service reference', () => {
  it('is the same for the same journey, different for another, and never contains the token', () => {
    const token = 'a'.repeat(43);
    expect(demoReference(token)).toBe(demoReference(token));
    expect(demoReference(token)).not.toBe(demoReference('b'.repeat(43)));
    expect(demoReference(token)).toMatch(/^RIV-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  });

  it('is random without a journey', () => {
    const seen = new Set(Array.from({ length: 50 }, () => demoReference()));
    expect(seen.size).toBeGreaterThan(45);
  });
});
