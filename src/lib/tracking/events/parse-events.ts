/** Turns the body of POST /api/events into validated events, or issues that say what is wrong. */
import { eventBatchSchemaFor, eventSchemaFor, type ApiEvent } from '../../../schemas/events.ts';
import type { ApiIssue } from '../../server/responses.ts';

export type ParsedEvents = { ok: true; events: ApiEvent[] } | { ok: false; error: string; issues: ApiIssue[] };

export function createEventParser(knownTasks: ReadonlySet<string>) {
  const single = eventSchemaFor(knownTasks);
  const batch = eventBatchSchemaFor(knownTasks);

  return function parseEvents(text: string): ParsedEvents {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { ok: false, error: 'The body is not valid JSON.', issues: [{ path: '', message: 'send one event object, or { "events": [ … ] }, as JSON' }] };
    }
    const isBatch = typeof body === 'object' && body !== null && !Array.isArray(body) && 'events' in body;
    const result = isBatch ? batch.safeParse(body) : single.safeParse(body);
    if (!result.success) {
      return {
        ok: false,
        error: 'The events are not valid; none were stored.',
        issues: result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
      };
    }
    const data = result.data as ApiEvent | { events: ApiEvent[] };
    return { ok: true, events: 'events' in data ? data.events : [data] };
  };
}
