/** What is kept of an event: free text scrubbed of personal data, the day and nothing finer. */
import type { StoredEvent, TrackedEvent } from '../../../schemas/events.ts';
import { scrub } from '../privacy/scrub.ts';

export function toStored(event: TrackedEvent, day: string): StoredEvent {
  const stored = { ...event, day } as StoredEvent & { query?: string; comment?: string };
  if (stored.query !== undefined) stored.query = scrub(stored.query);
  if (stored.comment !== undefined) stored.comment = scrub(stored.comment).trim() || undefined;
  return stored;
}
