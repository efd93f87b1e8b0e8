/** Starts the built portal on a fault test's own database, with the rate limit out of the way. */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startPortal, type RunningPortal } from '../../../src/lib/portal/portal.ts';
import type { StoreTarget } from './stores.ts';

export const ROOT = join(import.meta.dirname, '../../..');

export function portalOn(target: StoreTarget, env: Record<string, string> = {}): Promise<RunningPortal> {
  return startPortal({
    root: ROOT,
    env: {
      TASKFRONT_RATE_LIMIT: '1000000/1000000',
      ...(target.kind === 'sqlite' ? { TASKFRONT_DB: target.path } : { DATABASE_URL: target.url }),
      ...env,
    },
  });
}

/** Resolves when the process exits, with its code and how long after this call. */
export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve({ code: child.exitCode, signal: child.signalCode, ms: 0 });
    child.once('exit', (code, signal) => resolve({ code, signal, ms: performance.now() - started }));
  });
}

/** Counts log lines matching a pattern. */
export const logLines = (portal: RunningPortal, pattern: RegExp) => portal.output().split('\n').filter((line) => pattern.test(line));

