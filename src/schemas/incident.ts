/**
 * The incident content model: one file per incident in content/incidents/<id>.md,
 * front matter only. An incident says what is broken (or will be, for planned work),
 * what to do instead and what we have done since. Imported by the server (which
 * re-reads the folder while it runs), the content check and `npm run incident`;
 * it must not import astro:content.
 */
import { z } from 'zod';
import { expected, list, slug, text } from './common.ts';

/** down: the online service does not work. degraded: it works, with problems. planned: planned work. */
export const IMPACTS = ['down', 'degraded', 'planned'] as const;
export type Impact = (typeof IMPACTS)[number];

/** Where we are with it, as Statuspage and GOV.UK teams word it. Only `resolved` closes an incident. */
export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Written in `affects` to mean every service. */
export const ALL_SERVICES = 'all';

// Each content type keeps its limits in one object beside its schema (TASK_LIMITS, JOURNEY_LIMITS, CONTACT_LIMITS): alike in shape, each its own.
export const INCIDENT_LIMITS = {
  title: 120,
  workaround: 600,
  updateText: 1000,
  updatesMax: 100,
  affectsMax: 80,
} as const;

/** An id is the file name without .md: the start date then a few words, e.g. 2026-11-26-council-tax-payments. */
export const INCIDENT_ID_PATTERN = /^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/;

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * A moment with its time zone, e.g. 2026-11-26T09:15:00Z or 2026-11-26T09:15+00:00.
 * Without the zone "09:15" could mean two different moments in October, so it is refused.
 * A YAML parser may hand us a Date; we take it as the moment it is.
 */
export const dateTime = z.preprocess(
  (value) => (value instanceof Date && !Number.isNaN(value.valueOf()) ? value.toISOString() : value),
  z
    .string({ error: expected('a date and time with a time zone, e.g. 2026-11-26T09:15:00Z') })
    .refine((value) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) && sameCalendarDay(value), {
      error: (issue) => `"${String(issue.input)}" is not a date and time with a time zone: write it like 2026-11-26T09:15:00Z (UTC) or 2026-11-26T09:15:00+00:00`,
    }),
);

/** Date.parse rolls "2026-02-30" into March; the written day must exist. */
function sameCalendarDay(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const update = z.strictObject({
  /** When this update was published. */
  at: dateTime,
  /** What we know and what we are doing, in plain words. */
  text: text(INCIDENT_LIMITS.updateText),
}, { error: expected('an update with at (date and time) and text') });

const scheduled = z.strictObject({
  /** When the planned work starts. */
  from: dateTime,
  /** When it will be finished. */
  to: dateTime,
}, { error: expected('from and to, each a date and time') });

export const incidentSchema = z
  .strictObject({
    /** What is wrong, in words a resident uses: "Paying council tax online is not working". */
    title: text(INCIDENT_LIMITS.title),
    /** Task slugs (content/tasks/<slug>.md) it affects; `all` for every service. */
    affects: list(slug, 'a list of task slugs, or "all"', { min: [1, 'task slug (or "all")'], max: [INCIDENT_LIMITS.affectsMax, 'tasks; use "all" instead'] }),
    /** down, degraded or planned. */
    impact: z.enum(IMPACTS, { error: expected(`one of: ${IMPACTS.join(', ')}`) }),
    /** investigating, identified, monitoring or resolved. */
    status: z.enum(INCIDENT_STATUSES, { error: expected(`one of: ${INCIDENT_STATUSES.join(', ')}`) }),
    /** When it started (or, for planned work, when it was announced). */
    started: dateTime,
    /** When it was fixed. Required once status is resolved. */
    resolved: dateTime.optional(),
    /** Planned work only: when it starts and ends. */
    scheduled: scheduled.optional(),
    /** What to do instead. A phone number in it becomes a link people can tap to call. */
    workaround: text(INCIDENT_LIMITS.workaround),
    /** When the next update is due; shown as "Next update by …" while the incident is open. */
    nextUpdate: dateTime.optional(),
    /** What we have said, newest first. */
    updates: list(update, 'a list of updates, each with at and text', { min: [1, 'update saying what we know'], max: [INCIDENT_LIMITS.updatesMax, 'updates; start a new incident'] }),
  })
  .superRefine((incident, ctx) => {
    const at = (value: string | undefined) => (value === undefined ? undefined : Date.parse(value));
    const started = at(incident.started);
    const resolved = at(incident.resolved);
    if (incident.status === 'resolved' && incident.resolved === undefined) {
      ctx.addIssue({ code: 'custom', path: ['resolved'], message: 'is missing: a resolved incident needs the time it was fixed, e.g. resolved: 2026-11-26T17:40:00Z' });
    }
    if (incident.resolved !== undefined && incident.status !== 'resolved') {
      ctx.addIssue({ code: 'custom', path: ['status'], message: `is "${incident.status}" but the incident has a resolved time: set status to resolved, or remove resolved if it is not fixed` });
    }
    if (started !== undefined && resolved !== undefined && resolved < started) {
      ctx.addIssue({ code: 'custom', path: ['resolved'], message: 'is before started: the incident cannot be fixed before it began; check both times and their time zones' });
    }
    if (incident.impact === 'planned' && !incident.scheduled) {
      ctx.addIssue({ code: 'custom', path: ['scheduled'], message: 'is missing: planned work needs scheduled.from and scheduled.to' });
    }
    if (incident.impact !== 'planned' && incident.scheduled) {
      ctx.addIssue({ code: 'custom', path: ['scheduled'], message: `is only for planned work: remove it, or set impact to planned` });
    }
    if (incident.scheduled && Date.parse(incident.scheduled.to) <= Date.parse(incident.scheduled.from)) {
      ctx.addIssue({ code: 'custom', path: ['scheduled', 'to'], message: 'must be after scheduled.from' });
    }
    const times = incident.updates.map((item) => Date.parse(item.at));
    for (let index = 1; index < times.length; index++) {
      if (times[index]! > times[index - 1]!) {
        ctx.addIssue({ code: 'custom', path: ['updates', index, 'at'], message: 'is later than the update above it: list updates newest first' });
        break;
      }
    }
    if (incident.affects.includes(ALL_SERVICES) && incident.affects.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['affects'], message: '"all" already covers every service: list only "all", or only the task slugs' });
    }
  });

export type IncidentData = z.output<typeof incidentSchema>;
export type IncidentInput = z.input<typeof incidentSchema>;
/** An incident with the id its file name gives it. */
export type Incident = IncidentData & { id: string };
