/**
 * What the incidents mean at a given moment: which are open, which planned work is
 * ahead, which are history, and each task's state. Pure functions of the incidents and
 * the time, so the banner, /status, the feeds and the tests agree.
 */
import { ALL_SERVICES, type Impact, type Incident } from '../../schemas/incident.ts';

/** A task's state, worst first. */
export const TASK_STATES = ['down', 'degraded', 'planned', 'working'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** How long resolved incidents stay on /status. */
export const HISTORY_DAYS = 90;

/** An open incident with no update for this long gets a warning from the content check. */
export const STALE_UPDATE_HOURS = 24;

export type Phase = 'open' | 'upcoming' | 'in-progress' | 'finished';

/**
 * Where an incident stands at `now`. Planned work is upcoming before scheduled.from,
 * in progress until scheduled.to, then finished even if nobody marked it resolved:
 * we never keep telling people about work that is over. If it overruns, the editor moves `to`.
 */
export function phaseOf(incident: Incident, now: Date): Phase {
  if (incident.status === 'resolved') return 'finished';
  if (incident.impact !== 'planned' || !incident.scheduled) return 'open';
  const time = now.getTime();
  if (time < Date.parse(incident.scheduled.from)) return 'upcoming';
  if (time < Date.parse(incident.scheduled.to)) return 'in-progress';
  return 'finished';
}

/** Still to be told on task pages: open, upcoming or in-progress. */
export function isLive(incident: Incident, now: Date): boolean {
  return phaseOf(incident, now) !== 'finished';
}

export function affectsTask(incident: Incident, slug: string): boolean {
  return incident.affects.includes(ALL_SERVICES) || incident.affects.includes(slug);
}

const IMPACT_RANK: Record<Impact, number> = { down: 0, degraded: 1, planned: 2 };

/** Worst first, then the most recent start. */
export function byUrgency(a: Incident, b: Incident): number {
  return IMPACT_RANK[a.impact] - IMPACT_RANK[b.impact] || Date.parse(b.started) - Date.parse(a.started);
}

/** The live incidents that affect one task, worst first. */
export function incidentsForTask(incidents: readonly Incident[], slug: string, now: Date): Incident[] {
  return incidents.filter((incident) => affectsTask(incident, slug) && isLive(incident, now)).sort(byUrgency);
}

/** A task's state: planned work in progress counts as down, since the service cannot be used. */
export function taskState(incidents: readonly Incident[], slug: string, now: Date): TaskState {
  let state: TaskState = 'working';
  for (const incident of incidentsForTask(incidents, slug, now)) {
    const phase = phaseOf(incident, now);
    const found: TaskState = incident.impact === 'planned' ? (phase === 'in-progress' ? 'down' : 'planned') : incident.impact;
    if (TASK_STATES.indexOf(found) < TASK_STATES.indexOf(state)) state = found;
  }
  return state;
}

export interface StatusSummary {
  /** Open problems (down or degraded) and planned work in progress, worst first. */
  open: Incident[];
  /** Planned work not yet started, soonest first. */
  planned: Incident[];
  /** Resolved (or finished planned work) within HISTORY_DAYS, most recent first. */
  history: Incident[];
  /** True when any service is down now: the home page says so. */
  anyDown: boolean;
}

/** When an incident ended, for the history: its resolved time, or the end of its planned work. */
export function endedAt(incident: Incident): string | undefined {
  return incident.resolved ?? (incident.impact === 'planned' ? incident.scheduled?.to : undefined);
}

export function summarise(incidents: readonly Incident[], now: Date): StatusSummary {
  const open: Incident[] = [];
  const planned: Incident[] = [];
  const history: Incident[] = [];
  const since = now.getTime() - HISTORY_DAYS * 86_400_000;
  for (const incident of incidents) {
    const phase = phaseOf(incident, now);
    if (phase === 'open' || phase === 'in-progress') open.push(incident);
    else if (phase === 'upcoming') planned.push(incident);
    else if (Date.parse(endedAt(incident) ?? incident.started) >= since) history.push(incident);
  }
  open.sort(byUrgency);
  planned.sort((a, b) => Date.parse(a.scheduled!.from) - Date.parse(b.scheduled!.from));
  history.sort((a, b) => Date.parse(endedAt(b) ?? b.started) - Date.parse(endedAt(a) ?? a.started));
  const anyDown = open.some((incident) => incident.impact === 'down' || incident.impact === 'planned');
  return { open, planned, history, anyDown };
}

/** The periods an incident covered, as [from, to] moments (to = now while open); for the performance charts. */
export function periodOf(incident: Incident, now: Date): { from: string; to: string } {
  const from = incident.impact === 'planned' && incident.scheduled ? incident.scheduled.from : incident.started;
  const to = endedAt(incident) ?? now.toISOString();
  return { from, to };
}
