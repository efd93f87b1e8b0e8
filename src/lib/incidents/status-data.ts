/**
 * /status.json and /status.atom from the live incidents: pure functions of the incidents,
 * the tasks and the time, so the routes stay thin and the tests call these directly.
 */
import { Feed } from 'feed';
import type { Incident } from '../../schemas/incident.ts';
import { linkPhonesHtml } from '../content/phone-numbers.ts';
import { escapeHtml, formatMoment, formatPeriod } from './format.ts';
import { endedAt, phaseOf, summarise, taskState, type Phase, type TaskState } from './state.ts';

export interface StatusTask {
  slug: string;
  title: string;
  topic: string;
  kind: string;
}

export const STATUS_PUBLISHER = 'Riverton City Council';

function incidentJson(incident: Incident, now: Date, base: URL) {
  const { id, ...fields } = incident;
  return { id, ...fields, phase: phaseOf(incident, now) satisfies Phase, url: new URL(`/status#incident-${id}`, base).href };
}

export function statusJson(incidents: readonly Incident[], allTasks: readonly StatusTask[], now: Date, base: URL) {
  const summary = summarise(incidents, now);
  // Signposts are other bodies' services: not ours to report on.
  const tasks = allTasks.filter((task) => task.kind !== 'signpost');
  return {
    generated: now.toISOString(),
    licence: 'Open Government Licence v3.0',
    feed: new URL('/status.atom', base).href,
    anyDown: summary.anyDown,
    services: tasks.map((task) => ({ slug: task.slug, title: task.title, topic: task.topic, state: taskState(incidents, task.slug, now) satisfies TaskState, url: new URL(`/${task.slug}`, base).href })),
    open: summary.open.map((incident) => incidentJson(incident, now, base)),
    planned: summary.planned.map((incident) => incidentJson(incident, now, base)),
    resolved: summary.history.map((incident) => incidentJson(incident, now, base)),
  };
}

/** The last time anything about an incident changed: its newest update, or its end once that has passed. */
export function lastChanged(incident: Incident, now: Date): string {
  const ended = endedAt(incident);
  const times = [incident.updates[0]!.at, incident.started, ...(ended && Date.parse(ended) <= now.getTime() ? [ended] : [])];
  return times.reduce((latest, time) => (Date.parse(time) > Date.parse(latest) ? time : latest));
}

const IMPACT_WORDS = { down: 'Not working', degraded: 'Problems', planned: 'Planned work' } as const;

function entryHtml(incident: Incident, now: Date, titles: ReadonlyMap<string, string>): string {
  const affects = incident.affects.includes('all') ? 'All online services' : incident.affects.map((slug) => escapeHtml(titles.get(slug) ?? slug)).join(', ');
  const when = incident.scheduled ? `When: ${escapeHtml(formatPeriod(incident.scheduled.from, incident.scheduled.to))}` : `Started: ${escapeHtml(formatMoment(incident.started))}`;
  const lines = [
    `<p><strong>${IMPACT_WORDS[incident.impact]}</strong>, ${phaseOf(incident, now) === 'finished' ? 'resolved' : escapeHtml(incident.status)}. Affects: ${affects}. ${when}.</p>`,
    ...(incident.resolved ? [`<p>Resolved: ${escapeHtml(formatMoment(incident.resolved))}.</p>`] : []),
    `<p>What to do instead: ${linkPhonesHtml(incident.workaround)}</p>`,
    ...incident.updates.map((update) => `<p><strong>${escapeHtml(formatMoment(update.at))}</strong>: ${linkPhonesHtml(update.text)}</p>`),
  ];
  return lines.join('\n');
}

/** Atom 1.0: one entry per incident on /status (open, planned, resolved in 90 days); its `updated` moves with each update. */
export function statusAtom(incidents: readonly Incident[], tasks: readonly StatusTask[], now: Date, base: URL): string {
  const summary = summarise(incidents, now);
  const shown = [...summary.open, ...summary.planned, ...summary.history];
  const titles = new Map(tasks.map((task) => [task.slug, task.title]));
  const changed = shown.map((incident) => lastChanged(incident, now));
  // With nothing to report the feed's time is the start of the period it covers, so it does not change on every fetch.
  const updated = changed.length ? changed.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)) : new Date(now.getTime() - 90 * 86_400_000).toISOString().slice(0, 10) + 'T00:00:00Z';
  const author = { name: STATUS_PUBLISHER, link: new URL('/', base).href };
  const feed = new Feed({
    id: new URL('/status', base).href,
    title: `${STATUS_PUBLISHER}: status of online services`,
    description: 'Problems with our online services, planned work, and what to do instead.',
    link: new URL('/status', base).href,
    feedLinks: { atom: new URL('/status.atom', base).href },
    updated: new Date(updated),
    language: 'en-GB',
    copyright: 'Open Government Licence v3.0',
    generator: false,
    author,
  });
  shown.forEach((incident, index) => {
    feed.addItem({
      id: new URL(`/status/incidents/${incident.id}`, base).href,
      title: `${IMPACT_WORDS[incident.impact]}: ${incident.title}${phaseOf(incident, now) === 'finished' ? ' (resolved)' : ''}`,
      link: new URL(`/status#incident-${incident.id}`, base).href,
      date: new Date(changed[index]!),
      published: new Date(incident.started),
      content: entryHtml(incident, now, titles),
      author: [author],
    });
  });
  return feed.atom1();
}
