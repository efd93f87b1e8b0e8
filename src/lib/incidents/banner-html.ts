/**
 * The incident banner and the home page notice as HTML. Task pages and the home page are
 * prerendered; the server splices this into them as they are served (decision 0033), so
 * it is built here, outside Astro, from escaped text only: no script, no style attribute,
 * nothing the page's Content-Security-Policy would refuse. Styles: .incident-* in global.css.
 *
 * The pattern is GOV.UK's notification banner: a region named by its heading, not an
 * alert, since it is there when the page loads rather than news of something just done.
 */
import { t } from '../../i18n/t.ts';
import type { Incident } from '../../schemas/incident.ts';
import { linkPhonesHtml } from '../content/phone-numbers.ts';
import { escapeHtml, formatMoment, formatPeriod } from './format.ts';
import { phaseOf } from './state.ts';

/** The sentence saying what this means for the person, in the incident's phase. */
export function impactSentence(incident: Incident, now: Date): string {
  if (incident.impact === 'planned' && incident.scheduled) {
    if (phaseOf(incident, now) === 'in-progress') return t('incident.banner.plannedNow', { until: formatMoment(incident.scheduled.to) });
    const period = formatPeriod(incident.scheduled.from, incident.scheduled.to);
    return t('incident.banner.plannedUpcoming', { period: period[0]!.toUpperCase() + period.slice(1) });
  }
  return t(incident.impact === 'down' ? 'incident.banner.down' : 'incident.banner.degraded', { since: formatMoment(incident.started) });
}

function time(iso: string, text: string): string {
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(text)}</time>`;
}

/** One incident's banner for a task page; its h2 sits among the page's own sections. */
export function bannerHtml(incident: Incident, now: Date): string {
  const id = `incident-${incident.id}`;
  const latest = incident.updates[0]!;
  const next = incident.nextUpdate && Date.parse(incident.nextUpdate) > now.getTime()
    ? `<p class="incident-next">${escapeHtml(t('incident.banner.next', { time: formatMoment(incident.nextUpdate) }))}</p>`
    : '';
  return [
    `<div class="incident-banner incident-${incident.impact}" role="region" aria-labelledby="${id}-title" data-incident="${escapeHtml(incident.id)}" data-impact="${incident.impact}">`,
    `<p class="incident-label">${escapeHtml(t(`incident.impact.${incident.impact}`))}</p>`,
    `<h2 class="incident-title" id="${id}-title">${escapeHtml(incident.title)}</h2>`,
    `<p class="incident-impact">${escapeHtml(impactSentence(incident, now))}</p>`,
    `<h3>${escapeHtml(t('incident.banner.instead'))}</h3>`,
    `<p class="incident-workaround">${linkPhonesHtml(incident.workaround)}</p>`,
    `<h3>${t('incident.banner.latest', { time: time(latest.at, formatMoment(latest.at)) })}</h3>`,
    `<p>${linkPhonesHtml(latest.text)}</p>`,
    next,
    `<p class="incident-more"><a href="/status#${id}">${escapeHtml(t('incident.banner.statusLink'))}</a></p>`,
    '</div>',
  ].join('');
}

/** Every live incident for one task, worst first (see incidentsForTask). */
export function bannersHtml(incidents: readonly Incident[], now: Date): string {
  return incidents.map((incident) => bannerHtml(incident, now)).join('');
}

/** The home page's one line when any service is down. */
export function homeNoticeHtml(): string {
  return `<p class="incident-notice"><strong>${escapeHtml(t('incident.home.down'))}</strong> <a href="/status">${escapeHtml(t('incident.home.link'))}</a></p>`;
}
