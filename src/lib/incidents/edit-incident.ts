/**
 * What `npm run incident` does to a file, as functions: open a new incident, add an update,
 * resolve it. Each returns the new front matter, checked against the schema, so a tool
 * never writes an incident the server would refuse. Updates stay newest first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { dateTime, incidentSchema, INCIDENT_STATUSES, type IncidentInput, type IncidentStatus, type Impact } from '../../schemas/incident.ts';
import { splitFrontMatter } from '../content/front-matter.ts';
import { fieldName } from '../content/problem.ts';
import { slugify } from '../content/new-task.ts';
import { parseIncident } from './load-incidents.ts';

/** A moment as we write it in files: UTC, to the second. */
export function stamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Thrown with every problem, each a sentence naming the field and the fix. */
export class IncidentInputError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.problems = problems;
    this.name = 'IncidentInputError';
  }
}

function validated(data: IncidentInput): IncidentInput {
  const result = incidentSchema.safeParse(data);
  if (!result.success) throw new IncidentInputError(result.error.issues.map((issue) => `${fieldName(issue.path) || 'incident'}: ${issue.message}`));
  return data;
}

export interface OpenInput {
  title: string;
  affects: string[];
  impact: Impact;
  workaround: string;
  /** The first update; a plain default says we know and are on it. */
  update?: string;
  status?: IncidentStatus;
  nextUpdate?: string;
  scheduled?: { from: string; to: string };
}

export const FIRST_UPDATE = 'We know about this problem and are working to fix it.';
export const FIRST_PLANNED_UPDATE = 'We have planned this work for a time when few people use the service.';

/** The id for a new incident: its date then its title's first words, made unique in `dir`. */
export function newIncidentId(title: string, at: Date, dir: string): string {
  const words = slugify(title).split('-').filter(Boolean).slice(0, 6).join('-') || 'incident';
  const base = `${stamp(at).slice(0, 10)}-${words}`;
  let id = base;
  for (let n = 2; existsSync(join(dir, `${id}.md`)); n++) id = `${base}-${n}`;
  return id;
}

export function openIncident(input: OpenInput, now: Date): IncidentInput {
  const at = stamp(now);
  return validated({
    title: input.title,
    affects: input.affects,
    impact: input.impact,
    status: input.status ?? (input.impact === 'planned' ? 'identified' : 'investigating'),
    started: at,
    ...(input.scheduled ? { scheduled: input.scheduled } : {}),
    workaround: input.workaround,
    ...(input.nextUpdate ? { nextUpdate: input.nextUpdate } : {}),
    updates: [{ at, text: input.update?.trim() || (input.impact === 'planned' ? FIRST_PLANNED_UPDATE : FIRST_UPDATE) }],
  });
}

export interface UpdateInput {
  text: string;
  status?: IncidentStatus;
  /** A new "next update by"; null removes it. */
  nextUpdate?: string | null;
}

function withUpdate(data: IncidentInput, text: string, now: Date): IncidentInput['updates'] {
  // Newest first, and never before the update above it (a clock that went back would break the order).
  const latest = data.updates[0] ? Date.parse(String(data.updates[0].at)) : 0;
  const at = stamp(new Date(Math.max(now.getTime(), latest)));
  return [{ at, text }, ...data.updates];
}

export function updateIncident(data: IncidentInput, input: UpdateInput, now: Date): IncidentInput {
  if (data.status === 'resolved') throw new IncidentInputError(['status: this incident is resolved; to say more, open a new incident']);
  if (input.status === 'resolved') throw new IncidentInputError(['status: use resolve, not update, to close an incident: it records the time it was fixed']);
  const { nextUpdate: _old, ...rest } = data;
  const next = input.nextUpdate === undefined ? data.nextUpdate : input.nextUpdate ?? undefined;
  return validated({ ...rest, ...(input.status ? { status: input.status } : {}), ...(next ? { nextUpdate: next } : {}), updates: withUpdate(data, input.text, now) });
}

export function resolveIncident(data: IncidentInput, text: string, now: Date): IncidentInput {
  if (data.status === 'resolved') throw new IncidentInputError(['status: this incident is already resolved']);
  const { nextUpdate: _next, ...rest } = data;
  const updates = withUpdate(data, text, now);
  return validated({ ...rest, status: 'resolved', resolved: updates[0]!.at, updates });
}

/** Field order as editors read it (and as docs/editing.md lists it). */
const ORDER = ['title', 'affects', 'impact', 'status', 'started', 'resolved', 'scheduled', 'workaround', 'nextUpdate', 'updates'];

export function renderIncidentFile(data: IncidentInput, body = ''): string {
  const ordered = Object.fromEntries(ORDER.filter((key) => key in data && (data as Record<string, unknown>)[key] !== undefined).map((key) => [key, (data as Record<string, unknown>)[key]]));
  return `---\n${stringify(ordered, { lineWidth: 0 })}---\n${body}`;
}

/** Reads an incident file for editing: its front matter (as written) and body. */
export function readIncidentFile(path: string, id: string): { data: IncidentInput; body: string } {
  if (!existsSync(path)) throw new IncidentInputError([`there is no incident "${id}" (looked for ${path}); run npm run incident -- list to see the ids`]);
  const source = readFileSync(path, 'utf8');
  const parsed = parseIncident(source, id, path);
  if (!parsed.incident) throw new IncidentInputError([`${path} has errors; fix them first:`, ...parsed.problems.map((problem) => `  line ${problem.line} ${problem.field ?? ''}: ${problem.message}`)]);
  const parts = splitFrontMatter(source);
  const { id: _id, ...data } = parsed.incident;
  return { data, body: 'error' in parts ? '' : parts.body };
}

export function isStatus(value: string): value is IncidentStatus {
  return (INCIDENT_STATUSES as readonly string[]).includes(value);
}

/**
 * "When the next update is due", as an editor types it: a date-time with a zone, or a
 * span from now ("2h", "30m", "1d").
 */
export function parseWhen(value: string, now: Date): string | undefined {
  const span = /^\+?(\d{1,3})\s*(m|min|minutes?|h|hours?|d|days?)$/i.exec(value.trim());
  if (span) {
    const unit = span[2]!.toLowerCase()[0] === 'm' ? 60_000 : span[2]!.toLowerCase()[0] === 'h' ? 3_600_000 : 86_400_000;
    return stamp(new Date(now.getTime() + Number(span[1]) * unit));
  }
  const parsed = dateTime.safeParse(value.trim());
  return parsed.success ? parsed.data : undefined;
}
