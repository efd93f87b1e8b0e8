/**
 * The built portal as the benchmark parts use it: build it once per run (demoBuild, ensureBuild), start it with
 * its own database and no rate limit (portalEnv, startServer), read its resident memory (rssOf), and check that a
 * baseline answers what it does (answersOf).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { freePort } from '../../src/lib/portal/free-port.ts';
import { firstAnswer } from '../lib/load.ts';
import { log } from '../lib/report.ts';
import { measure } from '../lib/spawn.ts';
import type { BenchContext } from './context.ts';

/** The environment the portal runs with in benchmarks: its own database, and no rate limit in the way of the load. */
export function portalEnv(ctx: BenchContext, content: string, name: string): NodeJS.ProcessEnv {
  const dataDir = join(ctx.scratch, `data-${name}`);
  mkdirSync(dataDir, { recursive: true });
  return {
    ...process.env,
    DATABASE_URL: '',
    HOST: '127.0.0.1',
    TASKFRONT_CONTENT_DIR: content,
    TASKFRONT_DB: join(dataDir, 'taskfront.sqlite'),
    TASKFRONT_RATE_LIMIT: '100000000/100000000',
  };
}

export interface Server {
  url: string;
  child: ChildProcess;
  /** ms from spawn to the first 200 from `probe`. */
  readyMs: number;
  rssMb(): number | null;
  stop(): Promise<void>;
}

/** Spawns a server and waits for `probe` to answer 200, for at most `timeoutMs`. */
export async function startServer(args: string[], env: NodeJS.ProcessEnv, probe: string, cwd: string, timeoutMs = 120_000): Promise<Server> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  let readyMs: number;
  try {
    readyMs = await firstAnswer(`${url}${probe}`, started, timeoutMs, () => child.exitCode !== null);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${args.join(' ')}: ${(error as Error).message}\n${output.slice(-1500)}`);
  }
  return {
    url,
    child,
    readyMs,
    rssMb: () => rssOf(child.pid),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Resident memory of a process, from /proc (Linux). */
export function rssOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * CPU time a process has used so far (user and system), from /proc (Linux): on a shared machine the CPU spent per
 * request varies less than requests a second do, since it does not count the time other processes held the cores.
 */
export function cpuMsOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    // Fields after the command name, which may hold spaces: utime and stime are the 12th and 13th, in clock ticks (100 a second on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Builds Taskfront from a content folder into outDir, unless that build is already there. */
export async function ensureBuild(ctx: BenchContext, content: string, outDir: string): Promise<void> {
  if (existsSync(join(outDir, 'server/entry.mjs'))) return;
  const cacheDir = join(ctx.scratch, `cache-search-${Date.now()}`);
  log(`building Taskfront from ${content} into ${outDir}`);
  const result = await measure(process.execPath, [join(ctx.root, 'bench/build-one.ts'), ctx.root, outDir, cacheDir], { cwd: ctx.root, env: { ...process.env, TASKFRONT_CONTENT_DIR: content } });
  rmSync(cacheDir, { recursive: true, force: true });
  if (result.code !== 0) throw new Error(`The build for the benchmark failed:\n${result.output.slice(-1500)}`);
}

/** The demo portal every part but build measures: built once per run, shared by the parts. */
export async function demoBuild(ctx: BenchContext): Promise<{ content: string; demoOut: string }> {
  const content = join(ctx.root, 'content');
  const demoOut = join(ctx.scratch, 'taskfront-out-demo');
  await ensureBuild(ctx, content, demoOut);
  return { content, demoOut };
}

/** What the bare search server (bench/bare-search-server.ts engine) does less than the portal, for the printout. */
export const BARE_SEARCH_DOES_LESS =
  'The bare server sends the same bodies with the same framing (Content-Length), but no security headers (about 600 bytes less per answer), no method or address checks and no compression.';

/**
 * Each request's status and body, asked once as the load asks (no Accept-Encoding, which fetch always sends): two
 * servers measured against each other must give the same answers to the benchmark's requests, or the comparison
 * measures different work.
 */
export function answersOf(url: string, requests: { path: string }[]): Promise<string[]> {
  return Promise.all(requests.map(({ path }) => new Promise<string>((resolve, reject) => {
    request(`${url}${path}`, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve(`${response.statusCode} ${body}`));
    }).on('error', reject).end();
  })));
}
