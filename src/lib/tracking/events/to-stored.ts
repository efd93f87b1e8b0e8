/**
 * What is kept of an event: free text scrubbed of personal data, the day and nothing
 * finer. This is the one place text is scrubbed (the storage edge): pages and the API
 * hand over what people typed, and only scrubbed text goes further.
 */
import type { StoredEvent, TrackedEvent } from '../../../schemas/events.ts';
import { scrub } from '../privacy/scrub.ts';
import { queryKey } from '../privacy/terms.ts';

/**
 * `admitTerm` decides, for a search, whether its term may count towards publication
 * (the term gate, bound to the request's client); without it no term counts.
 */
export function toStored(event: TrackedEvent, day: string, admitTerm?: (key: string) => boolean): StoredEvent {
  const stored = { ...event, day } as StoredEvent & { query?: string; comment?: string };
  if (stored.query !== undefined) stored.query = scrub(stored.query);
  if (stored.comment !== undefined) stored.comment = scrub(stored.comment).trim() || undefined;
  if (stored.type === 'search' && admitTerm) {
    const key = queryKey(stored.query);
    if (admitTerm(key)) stored.term = key;
  }
  return stored;
}
