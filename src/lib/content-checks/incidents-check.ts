/**
 * Incidents: each file in content/incidents/ against the incident schema, its task slugs
 * against the tasks, and whether an open incident has been left without news. The server
 * reads these files while it runs, so a mistake here reaches residents within a minute:
 * `npm run incident` runs this check after every change it writes.
 */
import { join } from 'node:path';
import type { Content } from '../content/load-content.ts';
import type { ContentProblem } from '../content/problem.ts';
import { loadIncidents } from '../incidents/load-incidents.ts';
import { formatMoment } from '../incidents/format.ts';
import { isLive, STALE_UPDATE_HOURS } from '../incidents/state.ts';
import { ALL_SERVICES } from '../../schemas/incident.ts';
import { today as todayIso } from '../dates.ts';
import type { ContentCheck } from './types.ts';

const HOUR = 3_600_000;

/** The check's work, with the time passed in so tests can fix it. */
export function checkIncidents(dir: string, content: Pick<Content, 'tasks'>, cwd: string, now: Date): ContentProblem[] {
  const { files, problems } = loadIncidents(dir, cwd);
  const tasks = new Map(content.tasks.map((task) => [task.slug, task]));
  for (const { file, incident, data, lineOf } of files) {
    const base = { file, check: 'incidents' };
    // Named tasks are checked even in a file with other errors, so an editor sees every problem at once.
    const written = (data as { affects?: unknown } | undefined)?.affects;
    const affects = incident?.affects ?? (Array.isArray(written) ? written : []);
    affects.forEach((slug, index) => {
      if (typeof slug !== 'string' || slug === ALL_SERVICES) return;
      const task = tasks.get(slug);
      if (!task) {
        problems.push({ ...base, line: lineOf(['affects', index]), field: `affects[${index}]`, severity: 'error', message: `"${slug}" is not a task: use the name of a file in content/tasks/ without .md, or "all"` });
      } else if (task.kind === 'signpost') {
        problems.push({ ...base, line: lineOf(['affects', index]), field: `affects[${index}]`, severity: 'error', message: `"${slug}" is a signpost to another organisation, not a council service: remove it` });
      }
    });
    if (!incident || !isLive(incident, now) || incident.impact === 'planned') continue;
    const latest = incident.updates[0]!.at;
    const hours = Math.floor((now.getTime() - Date.parse(latest)) / HOUR);
    if (hours >= STALE_UPDATE_HOURS) {
      problems.push({ ...base, line: lineOf(['updates', 0, 'at']), field: 'updates', severity: 'warning', message: `the incident is open and has had no update for ${hours} hours (since ${formatMoment(latest)}): add an update (npm run incident -- update ${incident.id} "…"), or resolve it if it is fixed` });
    } else if (incident.nextUpdate && Date.parse(incident.nextUpdate) < now.getTime() && Date.parse(incident.nextUpdate) > Date.parse(latest)) {
      problems.push({ ...base, line: lineOf(['nextUpdate']), field: 'nextUpdate', severity: 'warning', message: `we promised an update by ${formatMoment(incident.nextUpdate)}: add one, even if nothing has changed` });
    }
  }
  return problems;
}

export const incidentsCheck: ContentCheck = {
  id: 'incidents',
  description: 'incident files are valid, name real tasks, and open ones are kept up to date',
  run({ content, root, cwd, today }) {
    // --today moves the check's clock (to see what it will say later); otherwise it is now.
    const now = new Date();
    return checkIncidents(join(root, 'incidents'), content, cwd, today === todayIso(now) ? now : new Date(`${today}T12:00:00Z`));
  },
};
