/**
 * The portal on this machine, for the audit: build it, serve dist/ on a free loopback port
 * with its own throwaway SQLite file (so an audit never touches real figures), and give its
 * dashboard a little made-up activity, so the charts and tables are audited too.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

export class AuditCannotRun extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditCannotRun';
  }
}

export function buildPortal(root: string): void {
  const result = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new AuditCannotRun(`The portal did not build, so it cannot be audited. Fix the build ("npm run build" shows the same), then run the audit again.\n${output}`);
  }
}

export function hasBuild(root: string): boolean {
  return existsSync(join(root, 'dist/server/entry.mjs'));
}

export interface LocalPortal {
  url: string;
  stop(): Promise<void>;
}

export async function startPortal(root: string): Promise<LocalPortal> {
  const dir = mkdtempSync(join(tmpdir(), 'taskfront-a11y-'));
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'dist/server/entry.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: '',
      TASKFRONT_DB: join(dir, 'audit.sqlite'),
      HOST: '127.0.0.1',
      PORT: String(port),
      // The seeding below sends a few hundred events from one client at once.
      TASKFRONT_RATE_LIMIT: '100000/10000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        rmSync(dir, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
    });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new AuditCannotRun(`The built portal stopped as it started:\n${output.trim()}`);
    }
    try {
      await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) });
      return { url, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await stop();
  throw new AuditCannotRun(`The built portal did not answer at ${url} within 20 s:\n${output.trim()}`);
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
