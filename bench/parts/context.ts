/** What every benchmark part is given by bench/run.ts. */
import { join } from 'node:path';

export interface BenchContext {
  /** The project folder. */
  root: string;
  /** A temporary folder for catalogues, builds and databases; kept between parts of one run. */
  scratch: string;
  /** Smaller catalogues, one run each, shorter load tests: for use while developing. */
  quick: boolean;
  /** Repeated runs per figure (medians); 10,000-task builds have their own count. */
  runs: number;
  runs10k: number;
  /** Catalogue sizes for the build part; the search part starts the 10,000-task build only when 10000 is among them. */
  sizes: number[];
  /** Seconds of HTTP load per measurement. */
  loadSeconds: number;
  /** The command as typed, for the reports. */
  command: string;
}

/** Where Taskfront's build of an n-task catalogue goes; later parts reuse it. */
export function oursOut(ctx: BenchContext, size: number): string {
  return join(ctx.scratch, `taskfront-out-${size}`);
}
