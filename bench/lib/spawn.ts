/** Running a child process for a benchmark: its wall time, peak memory and output. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measured {
  code: number | null;
  wallS: number;
  /**
   * Peak resident memory of the child and the processes it starts, together: the larger of GNU time's maximum
   * resident set size (exact, but of the largest single process) and the sum over the process tree sampled every
   * 100 ms (treeRssMb). Null when neither could be measured.
   */
  peakMb: number | null;
  cpuS: number | null;
  output: string;
}

const GNU_TIME = '/usr/bin/time';
const PAGE_BYTES = 4096;

/** Each process's parent and resident memory, from /proc (Linux); empty elsewhere. */
function processTable(): Map<number, { parent: number; rssBytes: number }> {
  const table = new Map<number, { parent: number; rssBytes: number }>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return table;
  }
  for (const pid of pids) {
    try {
      // Fields after the command name (which may hold spaces and brackets): state, ppid, ... rss is the 24th field.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(pid), { parent: Number(fields[1]), rssBytes: Number(fields[21]) * PAGE_BYTES });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return table;
}

/** Resident memory of a process and all its descendants, in MB; null when /proc cannot tell. */
export function treeRssMb(root: number): number | null {
  const table = processTable();
  if (!table.has(root)) return null;
  const children = new Map<number, number[]>();
  for (const [pid, { parent }] of table) {
    const siblings = children.get(parent);
    if (siblings) siblings.push(pid);
    else children.set(parent, [pid]);
  }
  let bytes = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    bytes += table.get(pid)?.rssBytes ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return bytes / 1024 / 1024;
}

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
    // The build starts processes of its own (the catalogue process): GNU time sees only the largest one.
    let treePeakMb: number | null = null;
    const sampler = setInterval(() => {
      const mb = child.pid === undefined ? null : treeRssMb(child.pid);
      if (mb !== null) treePeakMb = Math.max(treePeakMb ?? 0, mb);
    }, 100);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => {
      clearInterval(sampler);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(sampler);
      const wallS = (performance.now() - started) / 1000;
      let peakMb: number | null = treePeakMb;
      let cpuS: number | null = null;
      if (timed && existsSync(timeFile)) {
        // GNU time writes "Command exited with non-zero status" first when it did; the figures are the last line.
        const last = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1) ?? '';
        const [kb, user, sys] = last.split(' ').map(Number);
        if (Number.isFinite(kb)) peakMb = Math.max(peakMb ?? 0, kb! / 1024);
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
