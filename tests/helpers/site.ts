/** Helpers for suites that read the built site or run its server. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../src/lib/portal/free-port.ts';

export const ROOT = join(import.meta.dirname, '../..');
export const DIST = join(ROOT, 'dist/client');

export function builtFiles(dir = DIST, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? builtFiles(dir, join(prefix, entry.name)) : [join(prefix, entry.name)],
  );
}

/** Runs `astro build` with extra environment; returns exit code and all output. */
export function build(env: Record<string, string>, outDir?: string) {
  const args = [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'];
  if (outDir) args.push('--outDir', outDir);
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

export { freePort };

export interface RunningServer {
  url: string;
  process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the built portal on a free loopback port and waits until it answers. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'dist/server/entry.mjs')], {
    cwd: ROOT,
    // Servers use their own SQLite file unless a test passes DATABASE_URL itself.
    env: { ...process.env, DATABASE_URL: '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server stopped at start-up:\n${output}`);
    try {
      await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    process: child,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
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
