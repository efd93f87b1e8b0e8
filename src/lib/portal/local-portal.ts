/**
 * The portal on this machine, for the audit: build it, serve dist/ on a free loopback port
 * with its own throwaway SQLite file (so an audit never touches real figures), and give its
 * dashboard a little made-up activity, so the charts and tables are audited too.
 */
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { incidentsDir as contentIncidentsDir } from '../incidents/live.ts';
import { buildPortal as buildSite, hasBuild, startPortal as startSite } from './portal.ts';

export class AuditCannotRun extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditCannotRun';
  }
}

/** Builds the portal for an audit; a failed build is a reason the audit cannot run. */
export function buildPortal(root: string): void {
  try {
    buildSite({ root });
  } catch (error) {
    throw new AuditCannotRun(`${(error as Error).message}\nFix the build, then run the audit again.`);
  }
}

export { hasBuild };

export interface LocalPortal {
  url: string;
  /** The folder of incident files this server watches: a copy of the project's, so the audit can publish one without touching content/. */
  incidentsDir: string;
  stop(): Promise<void>;
}

/** Serves dist/ with its own throwaway SQLite file, so an audit never touches real figures. */
export async function startPortal(root: string): Promise<LocalPortal> {
  const dir = mkdtempSync(join(tmpdir(), 'taskfront-a11y-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  try {
    const incidentsDir = join(dir, 'incidents');
    const source = contentIncidentsDir();
    if (existsSync(source)) cpSync(source, incidentsDir, { recursive: true });
    else mkdirSync(incidentsDir);
    const portal = await startSite({
      root,
      env: {
        TASKFRONT_DB: join(dir, 'audit.sqlite'),
        TASKFRONT_INCIDENTS_DIR: incidentsDir,
        // The seeding below sends a few hundred requests at once, from clients named by X-Forwarded-For.
        TASKFRONT_RATE_LIMIT: '100000/10000',
        TASKFRONT_TRUSTED_PROXIES: '127.0.0.1',
      },
    });
    return { url: portal.url, incidentsDir, stop: () => portal.stop().then(removeDir) };
  } catch (error) {
    removeDir();
    throw new AuditCannotRun((error as Error).message);
  }
}

/**
 * Made-up activity for one task and two searches, so /performance and /performance/<task>
 * show their figures, charts and tables. It goes through the portal's own routes as
 * people would: journeys through /start and /done, and searches from separate clients
 * (named by X-Forwarded-For, which the audit's portal trusts from loopback), because a
 * term is published only when enough separate clients searched it.
 */
export async function seedActivity(url: string, task: string): Promise<void> {
  const send = async (path: string, init: RequestInit, expected: number[]) => {
    const response = await fetch(`${url}${path}`, { redirect: 'manual', signal: AbortSignal.timeout(10_000), ...init });
    if (!expected.includes(response.status)) throw new AuditCannotRun(`The portal refused the dashboard's sample activity at ${path} (${response.status}): ${(await response.text()).slice(0, 300)}`);
    return response;
  };
  const client = (index: number) => ({ 'X-Forwarded-For': `192.0.2.${index + 1}` });
  const events: Record<string, unknown>[] = [];
  for (let i = 0; i < 40; i++) events.push({ type: 'task_view', task, id: randomUUID() });
  for (let i = 0; i < 12; i++) events.push({ type: 'feedback', task, useful: i < 9, id: randomUUID() });
  for (let i = 0; i < events.length; i += 20) {
    await send('/api/events', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ events: events.slice(i, i + 20) }) }, [204]);
  }
  const ratings = [5, 5, 5, 4, 4, 4, 3, 2, 1, 4, 5, 3];
  for (let i = 0; i < 24; i++) {
    const start = await send(`/start/${task}`, { headers: client(i) }, [303]);
    const journey = new URL(start.headers.get('location') ?? '', url).searchParams.get('journey');
    if (!journey || i >= 18) continue;
    await send(`/done/${task}?journey=${encodeURIComponent(journey)}`, { headers: client(i) }, [200]);
    const rating = ratings[i];
    if (rating !== undefined) {
      await send(`/done/${task}`, {
        method: 'POST',
        headers: { ...client(i), 'Content-Type': 'application/x-www-form-urlencoded', Origin: url },
        body: new URLSearchParams({ rating: String(rating), journey }).toString(),
      }, [303]);
    }
  }
  for (let i = 0; i < 14; i++) await send('/search?q=pothole', { headers: client(i) }, [200]);
  for (let i = 0; i < 12; i++) await send('/search?q=xqzvbn', { headers: client(i) }, [200]);
}
