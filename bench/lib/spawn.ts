/** Running a child process for a benchmark: its wall time, peak memory and output. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measured {
  code: number | null;
  wallS: number;
  /** Peak resident memory of the child (GNU time's maximum resident set size), or null without /usr/bin/time. */
  peakMb: number | null;
  cpuS: number | null;
  output: string;
}

const GNU_TIME = '/usr/bin/time';

/** Runs `command args` and measures it; never throws on a non-zero exit (the caller decides). */
export function measure(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Measured> {
  const scratch = mkdtempSync(join(tmpdir(), 'taskfront-time-'));
  const timeFile = join(scratch, 'time');
  const timed = existsSync(GNU_TIME);
  const [file, argv] = timed ? [GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, command, ...args]] : [command, args];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallS = (performance.now() - started) / 1000;
      let peakMb: number | null = null;
      let cpuS: number | null = null;
      if (timed && existsSync(timeFile)) {
        // GNU time writes "Command exited with non-zero status" first when it did; the figures are the last line.
        const last = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1) ?? '';
        const [kb, user, sys] = last.split(' ').map(Number);
        if (Number.isFinite(kb)) peakMb = kb! / 1024;
        if (Number.isFinite(user) && Number.isFinite(sys)) cpuS = user! + sys!;
      }
      rmSync(scratch, { recursive: true, force: true });
      resolve({ code, wallS, peakMb, cpuS, output });
    });
  });
}

/** Bytes under a folder. */
export function folderBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** Files under a folder whose names end with `suffix`. */
export function countFiles(dir: string, suffix: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile() && entry.name.endsWith(suffix)).length;
}
