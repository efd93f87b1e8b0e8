/**
 * Which search terms may ever be published. Two guards, both decided when a search is
 * stored (decision 0009):
 * - the text filter: a published term is words (letters and digits, spaces, and a
 *   hyphen or apostrophe inside a word). No URLs, markup, formulas or scrub tokens.
 * - the term gate: one client counts at most once a day towards any term, so one
 *   client cannot put text on /performance however many searches it sends.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** How search queries are grouped: case, spacing and surrounding punctuation do not split a query. */
export function queryKey(query: string): string {
  return query.toLowerCase().replace(/\s+/g, ' ').replace(/^[\s"'“”‘’.,!?]+|[\s"'“”‘’.,!?]+$/g, '').slice(0, 100);
}

const WORD = String.raw`[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*`;
const WORDS = new RegExp(String.raw`^${WORD}(?: ${WORD})*$`, 'u');

/** True when a grouped query (see queryKey) is plain words that may be shown to the public. */
export function isPublishableTerm(key: string): boolean {
  return key.length > 0 && key.length <= 100 && WORDS.test(key);
}

export interface TermGateOptions {
  /** Distinct (client, term) pairs remembered per day; past it, no new term counts that day (fails closed). */
  capacity?: number;
}

/**
 * Remembers, for today only and in memory only, which client has already counted
 * towards which term. Entries are keyed HMACs under a secret made at start-up and
 * never written anywhere, so not even the process's memory holds an address next
 * to a search. Everything is forgotten when the day changes.
 */
export function createTermGate({ capacity = 500_000 }: TermGateOptions = {}) {
  const secret = randomBytes(32);
  let day = '';
  let seen = new Set<string>();

  return {
    /** True the first time this client searches this term today; false after, or when the term cannot be published. */
    admit(clientKey: string, key: string, today: string): boolean {
      if (!isPublishableTerm(key)) return false;
      if (today !== day) {
        day = today;
        seen = new Set();
      }
      const entry = createHmac('sha256', secret).update(`${clientKey}\n${key}`).digest('base64url').slice(0, 22);
      if (seen.has(entry) || seen.size >= capacity) return false;
      seen.add(entry);
      return true;
    },
  };
}

export type TermGate = ReturnType<typeof createTermGate>;
