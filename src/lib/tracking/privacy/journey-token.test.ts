import { describe, expect, it } from 'vitest';
import { hashJourneyToken, isJourneyToken, journeyDaysFromEnv, newJourneyToken, startUrlWithJourney } from './journey-token.ts';

describe('journey tokens', () => {
  it('are 256 random bits, never repeated, and stored only as a hash', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newJourneyToken));
    expect(tokens.size).toBe(1000);
    const [token] = tokens;
    expect(Buffer.from(token!, 'base64url')).toHaveLength(32);
    expect(isJourneyToken(token)).toBe(true);
    expect(hashJourneyToken(token!)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashJourneyToken(token!)).not.toContain(token);
    expect(isJourneyToken('short')).toBe(false);
    expect(isJourneyToken(`${token}<`)).toBe(false);
  });

  it('go into the service address: in a {journey} placeholder, or as ?journey=', () => {
    expect(startUrlWithJourney('/demo-service/x', 'T')).toBe('/demo-service/x?journey=T');
    expect(startUrlWithJourney('https://pay.example/start?lang=en#top', 'T')).toBe('https://pay.example/start?lang=en&journey=T#top');
    expect(startUrlWithJourney('https://pay.example/j/{journey}/begin', 'T')).toBe('https://pay.example/j/T/begin');
    expect(startUrlWithJourney('https://pay.example/?ref=%7Bjourney%7D', 'T')).toBe('https://pay.example/?ref=T');
  });

  it('expire after TASKFRONT_JOURNEY_DAYS (1 unless set)', () => {
    expect(journeyDaysFromEnv({})).toBe(1);
    expect(journeyDaysFromEnv({ TASKFRONT_JOURNEY_DAYS: '3' })).toBe(3);
    expect(() => journeyDaysFromEnv({ TASKFRONT_JOURNEY_DAYS: '2h' })).toThrow(/whole number of days from 0 to 30/);
  });
});
