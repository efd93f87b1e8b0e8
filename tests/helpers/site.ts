/** Helpers for suites that read the built site or run its server. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runBuild, startPortal, type RunningPortal } from '../../src/lib/portal/portal.ts';

export const ROOT = join(import.meta.dirname, '../..');
export const DIST = join(ROOT, 'dist/client');

export function builtFiles(dir = DIST, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? builtFiles(dir, join(prefix, entry.name)) : [join(prefix, entry.name)],
  );
}

/** Runs `astro build` with extra environment; returns exit code and all output. */
export function build(env: Record<string, string>, outDir?: string) {
  return runBuild({ root: ROOT, env, ...(outDir ? { outDir } : {}) });
}

export type RunningServer = RunningPortal;

/**
 * Starts the built portal on a free loopback port; throws if it does not answer in time.
 * Suites read figures right after recording events, so the figures cache is off unless a test sets it.
 */
export function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  return startPortal({ root: ROOT, env: { TASKFRONT_STATS_CACHE_SECONDS: '0', ...env } });
}

/**
 * A fresh, empty PostgreSQL database on the server named by DATABASE_URL, for one
 * portal in a test. Resolves with its connection string.
 */
export async function freshPostgresDatabase(adminUrl: string): Promise<string> {
  const { default: pg } = await import('pg');
  const name = `taskfront_test_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.href;
}
