/**
 * The one incident store of a running server, shared by the HTTP layer (which splices
 * banners into prerendered pages) and the on-demand pages (/status, its feeds). Kept on
 * globalThis because the server entry and the pages can be bundled into separate chunks,
 * and two stores would each watch the folder and could disagree for a moment.
 */
import { join, resolve } from 'node:path';
import { contentDir } from '../content/paths.ts';
import { setting } from '../settings/load-settings.ts';
import { bannersHtml, homeNoticeHtml } from './banner-html.ts';
import { createIncidentStore, type IncidentStore } from './incident-store.ts';
import { incidentsForTask, summarise } from './state.ts';
import type { PageInsert } from '../http/page-cache.ts';

/** TASKFRONT_INCIDENTS_DIR, else content/incidents (under TASKFRONT_CONTENT_DIR when set). */
export function incidentsDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = setting('TASKFRONT_INCIDENTS_DIR', env);
  return configured ? resolve(configured) : join(contentDir(), 'incidents');
}

const KEY = Symbol.for('taskfront.incidents');

export function liveIncidents(): IncidentStore {
  const holder = globalThis as { [KEY]?: IncidentStore };
  holder[KEY] ??= createIncidentStore({ dir: incidentsDir() });
  return holder[KEY];
}

/**
 * Prerendered pages leave `<div data-incident-slot="…"></div>` where live notices go: a task
 * page its slug, the home page this, which is not a valid slug and so cannot collide with one.
 */
export const HOME_SLOT = '_home';


/**
 * The live HTML for a page address, or undefined when it gets none (the page is then
 * served as built, byte for byte). `knownTasks`: slugs with a prerendered task page.
 */
export function pageInsertFor(pathname: string, knownTasks: ReadonlySet<string>, store: IncidentStore, now: Date = new Date()): PageInsert | undefined {
  if (!store.incidents().length) return undefined;
  const path = pathname.replace(/\.html$/, '');
  const page = path === '/' || path === '/index' ? HOME_SLOT : path.slice(1);
  if (page !== HOME_SLOT && !knownTasks.has(page)) return undefined;
  // The banner's words change only with the files or the minute ("since", "next update by"),
  // so one render serves every request for that page in that minute. Keyed by page, not by
  // address, so the cache holds at most one entry per task.
  const generation = `${store.version()}:${Math.floor(now.getTime() / 60_000)}`;
  if (inserts.generation !== generation) {
    inserts.generation = generation;
    inserts.pages.clear();
  }
  if (!inserts.pages.has(page)) inserts.pages.set(page, renderInsert(page, store, now));
  return inserts.pages.get(page);
}

const inserts = { generation: '', pages: new Map<string, PageInsert | undefined>() };

function renderInsert(page: string, store: IncidentStore, now: Date): PageInsert | undefined {
  const incidents = store.incidents();
  if (page === HOME_SLOT) {
    if (!summarise(incidents, now).anyDown) return undefined;
    return { slot: HOME_SLOT, html: homeNoticeHtml(), tag: 'down' };
  }
  const live = incidentsForTask(incidents, page, now);
  if (!live.length) return undefined;
  const html = bannersHtml(live, now);
  return { slot: page, html, tag: html };
}
