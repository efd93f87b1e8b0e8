/**
 * The portal on this machine, for the audit: build it, serve dist/ on a free loopback port
 * with its own throwaway SQLite file (so an audit never touches real figures), and give its
 * dashboard a little made-up activity, so the charts and tables are audited too.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  stop(): Promise<void>;
}

/** Serves dist/ with its own throwaway SQLite file, so an audit never touches real figures. */
export async function startPortal(root: string): Promise<LocalPortal> {
  const dir = mkdtempSync(join(tmpdir(), 'taskfront-a11y-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  try {
    const portal = await startSite({
      root,
      env: {
        TASKFRONT_DB: join(dir, 'audit.sqlite'),
        // The seeding below sends a few hundred events from one client at once.
        TASKFRONT_RATE_LIMIT: '100000/10000',
      },
    });
    return { url: portal.url, stop: () => portal.stop().then(removeDir) };
  } catch (error) {
    removeDir();
    throw new AuditCannotRun((error as Error).message);
  }
}

/**
 * Made-up activity for one task and two searches (each above the publishing minimum of
 * 10), so /performance and /performance/<task> show their figures, charts and tables.
 */
export async function seedActivity(url: string, task: string): Promise<void> {
  const events: Record<string, unknown>[] = [];
  const repeat = (count: number, event: Record<string, unknown>) => {
    for (let i = 0; i < count; i++) events.push({ ...event, id: randomUUID() });
  };
  repeat(40, { type: 'task_view', task });
  repeat(24, { type: 'task_start', task });
  repeat(18, { type: 'task_complete', task });
  repeat(9, { type: 'feedback', task, useful: true });
  repeat(3, { type: 'feedback', task, useful: false });
  [5, 5, 5, 4, 4, 4, 3, 2, 1].forEach((rating) => repeat(1, { type: 'satisfaction', task, rating }));
  repeat(14, { type: 'search', query: 'pothole', results: 3 });
  repeat(12, { type: 'search', query: 'xqzvbn', results: 0 });
  repeat(6, { type: 'search_click', query: 'pothole', task, rank: 1 });
  for (let i = 0; i < events.length; i += 20) {
    const response = await fetch(`${url}/api/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ events: events.slice(i, i + 20) }),
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status !== 204) throw new AuditCannotRun(`The portal refused the dashboard's sample activity (${response.status}): ${await response.text()}`);
  }
}
