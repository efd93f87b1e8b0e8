/**
 * The set-up every browser suite shares: the built portal on a throwaway SQLite file
 * and one Chromium, started together before the suite's tests and stopped after them.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../src/lib/browser/find-chromium.ts';
import { startServer, type RunningServer } from './site.ts';

export interface BrowserSuite {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A scratch folder for the suite's files (downloads, imports); removed after the suite. */
  readonly dir: string;
}

/** Call at the top of a suite file; read `server` and `browser` inside tests, once beforeAll has run. */
export function browserSuite(name: string, env: Record<string, string> = {}): BrowserSuite {
  const dir = mkdtempSync(join(tmpdir(), `taskfront-${name}-`));
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ TASKFRONT_DB: join(dir, `${randomUUID()}.sqlite`), ...env }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('browserSuite: read server and browser inside a test, after beforeAll has run.');
    return value;
  };
  return {
    get server() { return started(server); },
    get browser() { return started(browser); },
    dir,
  };
}
