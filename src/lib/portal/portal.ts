/**
 * Build the portal and start its server: the one way tests, the accessibility audit and
 * the benchmarks do it. Both throw with the build's or server's own output when they
 * fail, and starting throws when the server has not answered by its deadline, so a
 * caller never goes on against a portal that is not there.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

export class PortalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PortalError';
  }
}

export interface BuildOptions {
  /** The project folder (holds node_modules/ and astro.config.mjs). */
  root: string;
  /** Where to write the build; defaults to dist/ in the project. */
  outDir?: string;
  /** Extra environment, e.g. TASKFRONT_CONTENT_DIR. */
  env?: Record<string, string>;
}

export interface BuildResult {
  status: number | null;
  /** Everything the build printed, stdout then stderr. */
  output: string;
}

/** Runs `astro build` and reports how it went, without throwing: for tests that expect a build to fail. */
export function runBuild({ root, outDir, env = {} }: BuildOptions): BuildResult {
  const args = [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'];
  if (outDir) args.push('--outDir', outDir);
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, output: `${result.stdout ?? ''}\n${result.stderr ?? ''}` };
}

/** Builds the portal; throws a PortalError ending with the build's last 30 lines when it fails. */
export function buildPortal(options: BuildOptions): void {
  const { status, output } = runBuild(options);
  if (status !== 0) {
    throw new PortalError(`The portal did not build ("npm run build" shows the same):\n${output.trim().split('\n').slice(-30).join('\n')}`);
  }
}

export function hasBuild(root: string, outDir = join(root, 'dist')): boolean {
  return existsSync(join(outDir, 'server/entry.mjs'));
}

export interface StartOptions {
  root: string;
  /** The build to serve; defaults to dist/ in the project. */
  outDir?: string;
  /** Extra environment. The server gets HOST, PORT and no DATABASE_URL unless given here. */
  env?: Record<string, string>;
  /** How long to wait for the first answer, in ms (default 20 s). */
  timeoutMs?: number;
}

export interface RunningPortal {
  url: string;
  process: ChildProcess;
  /** What the server has printed so far. */
  output(): string;
  /** Stops the server (SIGTERM unless told) and resolves when it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the built portal on a free loopback port and resolves once it answers `/`. */
export async function startPortal({ root, outDir = join(root, 'dist'), env = {}, timeoutMs = 20_000 }: StartOptions): Promise<RunningPortal> {
  const entry = join(outDir, 'server/entry.mjs');
  if (!existsSync(entry)) throw new PortalError(`There is no build at ${entry}: run "npm run build" first.`);
  const port = await freePort();
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new PortalError(`The portal stopped as it started:\n${output.trim()}`);
    try {
      await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) });
      return { url, process: child, output: () => output, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await stop('SIGKILL');
  throw new PortalError(`The portal did not answer at ${url} within ${Math.round(timeoutMs / 1000)} s:\n${output.trim()}`);
}
