/**
 * Journey tokens: the one thing that links a start (/start/<task>) to its finish
 * (/done/<task>?journey=… or POST /api/completions). A token is 256 random bits, made
 * for one journey and used once. It says nothing about the person: the store keeps only
 * its SHA-256 hash, the task and the day, and deletes the row once the token expires.
 */
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes as base64url: 43 characters. */
export function newJourneyToken(): string {
  return randomBytes(32).toString('base64url');
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** True for something shaped like a token we made (it may still be unknown or used). */
export function isJourneyToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN.test(value);
}

/** What the store keeps: a leaked database cannot be used to finish journeys. */
export function hashJourneyToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * TASKFRONT_JOURNEY_DAYS (default 1): a token made on day D can finish the journey on
 * D and up to this many days after. We keep days, never times, so "1" means at least
 * 24 hours and at most 48.
 */
export function journeyDaysFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TASKFRONT_JOURNEY_DAYS;
  if (raw === undefined || raw === '') return 1;
  if (!/^\d+$/.test(raw) || Number(raw) > 30) {
    throw new Error(`TASKFRONT_JOURNEY_DAYS must be a whole number of days from 0 to 30 (got "${raw}"); 1 lets people finish the next day`);
  }
  return Number(raw);
}

/**
 * The service address with the token in it: in place of a `{journey}` placeholder
 * (written as is, or as the URL parser escapes it), or else as ?journey=<token>.
 */
export function startUrlWithJourney(startUrl: string, token: string): string {
  const placeholder = /\{journey\}|%7Bjourney%7D/gi;
  if (placeholder.test(startUrl)) return startUrl.replace(placeholder, token);
  const hashAt = startUrl.indexOf('#');
  const [path, hash] = hashAt === -1 ? [startUrl, ''] : [startUrl.slice(0, hashAt), startUrl.slice(hashAt)];
  return `${path}${path.includes('?') ? '&' : '?'}journey=${token}${hash}`;
}
