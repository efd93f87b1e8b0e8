/**
 * The made-up reference the demo service's done page shows, in the shape a real service
 * would give one (RIV-7KQ2-M9XD). Taken from the journey token, so a reload of the same
 * done page shows the same reference; the token itself is never shown. Without a token,
 * a fresh random one. Letters that look alike (0/O, 1/I/L) are left out, so it can be
 * read out over the phone.
 */
import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function demoReference(journeyToken?: string): string {
  const bytes = journeyToken ? createHash('sha256').update(`demo-reference:${journeyToken}`).digest() : randomBytes(8);
  const characters = Array.from(bytes.subarray(0, 8), (byte) => ALPHABET[byte % ALPHABET.length]).join('');
  return `RIV-${characters.slice(0, 4)}-${characters.slice(4)}`;
}
