/**
 * One thread as Linux's /proc shows it: its name, nice value and the CPU it has used. The
 * SQLite read worker checks whether it is starved rather than stuck (sqlite-reader.ts), and the
 * dashboard measurement reports where the CPU went (bench/measure-dashboard.ts).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

export interface ThreadStat {
  name: string;
  nice: number;
  /** User and system CPU time so far, in ms. */
  cpuMs: number;
}

// USER_HZ, the unit of utime and stime, is 100 on every Linux Node runs on.
const MS_PER_TICK = 10;

/** The thread `tid` of process `pid` (`self` for this one), or undefined where there is no /proc or the thread has ended. */
export function threadStat(pid: number | 'self', tid: number | string): ThreadStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    // The name may hold spaces and brackets: the fields after it start at field 3 of proc(5).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const field = (number: number) => Number(fields[number - 3]);
    return { name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), nice: field(19), cpuMs: (field(14) + field(15)) * MS_PER_TICK };
  } catch {
    return undefined;
  }
}

/** This thread as the system sees it after lowerThisThread: its id and nice value, or why its priority could not be set. */
export type ThisThread = { tid: number; nice: number } | { error: string };

/**
 * Sets the calling thread's nice value (Linux gives each thread its own) and says what it became.
 * For a worker thread that should get the CPU only when the main thread does not want it. The
 * SQLite reader does the same inside its evaluated source (sqlite-reader.ts), which cannot import this.
 */
export function lowerThisThread(nice: number): ThisThread {
  try {
    // "<pid>/task/<tid>": this thread's own id, which setpriority takes on Linux to change this thread alone.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    setPriority(tid, nice);
    if (nice === 19) {
      // Linux's idle scheduling class: any thread of normal priority that wakes takes the core at once. A nice value
      // alone lets the running thread finish its slice first (a few ms), which is what a search then waited.
      // Node has no call for it; chrt (util-linux) sets it. Where that fails, the nice value still holds.
      try {
        execFileSync('chrt', ['--idle', '--pid', '0', String(tid)], { stdio: 'ignore', timeout: 2000 });
      } catch {
        // No chrt, or not allowed: the thread stays at the nice value alone.
      }
    }
    return { tid, nice: getPriority(tid) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
