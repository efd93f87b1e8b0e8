/**
 * One thread as Linux's /proc shows it: its name, nice value and the CPU it has used. The
 * SQLite read worker checks whether it is starved rather than stuck (sqlite-reader.ts), and the
 * dashboard measurement reports where the CPU went (bench/measure-dashboard.ts).
 */
import { readFileSync } from 'node:fs';

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
