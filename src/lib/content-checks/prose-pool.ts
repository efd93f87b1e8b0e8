/**
 * Runs the plain-language check's jobs: each distinct text once, results from the cache
 * when the same text was checked before, and the rest spread over worker threads, the
 * main thread taking its share (docs/decisions/0040-check-content-in-parallel-with-a-cache.md).
 */
import { Worker } from 'node:worker_threads';
import type { ProseRules } from './prose.ts';
import { ProseCache } from './prose-cache.ts';
import { jobKey, runProseJob, type ProseJob, type ProseResult } from './prose-jobs.ts';
import type { WorkerMessage } from './prose-worker.ts';

export interface ProseRunOptions {
  /** Threads to use, this one included; 1 runs everything here. */
  threads?: number;
  /** Folder for results kept between runs; without it nothing is kept. */
  cacheDir?: string;
}

/** Jobs sent at a time: small enough to share the work out evenly, large enough that messages cost little. */
const CHUNK = 32;
/** A worker takes a few hundred milliseconds to load the English parser: below this many jobs, it does not pay. */
const JOBS_PER_WORKER = 150;
/** About what one task gives: its fields, its body, and their shares of the reading age. */
const JOBS_PER_TASK = 8;

/** Worker threads worth starting for `jobs` jobs, with `threads` threads in all (this one included). */
function workersFor(jobs: number, threads: number): number {
  return Math.max(0, Math.min(threads - 1, Math.floor(jobs / JOBS_PER_WORKER)));
}

/** Workers started early by startProseWorkers, waiting for their first chunk. */
const early: Worker[] = [];
/** Workers that have ended; an early one that failed before its first chunk is replaced, not waited for. */
const ended = new WeakSet<Worker>();

function newWorker(): Worker {
  const worker = new Worker(new URL('./prose-worker.ts', import.meta.url));
  worker.on('exit', () => ended.add(worker));
  // A run listens for its workers' errors (runSpread); an early worker's error before then only ends it.
  worker.on('error', () => undefined);
  return worker;
}

/**
 * Starts the workers a catalogue of `tasks` tasks will want, so that loading their modules
 * overlaps reading the content. They hold nothing open: a run that does not use them
 * ends them, and a process that never runs the check can still exit.
 */
export function startProseWorkers(tasks: number, threads: number): void {
  for (let count = workersFor(tasks * JOBS_PER_TASK, threads); early.length < count; ) {
    const worker = newWorker();
    worker.unref();
    early.push(worker);
  }
}

export interface ProseRun {
  /** The result of a job that was among those run. */
  resultOf(job: ProseJob): ProseResult;
  /** Distinct jobs, how many came from the cache, and the worker threads started for the rest. */
  stats: { distinct: number; fromCache: number; workers: number };
}

export async function runProseJobs(jobs: readonly ProseJob[], rules: ProseRules, options: ProseRunOptions = {}): Promise<ProseRun> {
  const results = new Map<string, ProseResult>();
  const cache = options.cacheDir ? new ProseCache(options.cacheDir, rules) : undefined;
  const todo: ProseJob[] = [];
  for (const job of jobs) {
    const key = jobKey(job);
    if (results.has(key)) continue;
    const cached = cache?.get(job);
    if (cached) results.set(key, cached);
    else {
      // Marks the job as seen; the real result replaces it below.
      results.set(key, []);
      todo.push(job);
    }
  }
  const workers = workersFor(todo.length, options.threads ?? 1);
  const done = await runSpread(todo, rules, workers);
  todo.forEach((job, index) => {
    results.set(jobKey(job), done[index]!);
    cache?.set(job, done[index]!);
  });
  cache?.save();
  return {
    resultOf(job) {
      const result = results.get(jobKey(job));
      if (!result) throw new Error(`No plain-language result for a ${job.kind} job: it was not among the jobs run`);
      return result;
    },
    stats: { distinct: results.size, fromCache: results.size - todo.length, workers },
  };
}

/** Jobs in chunks from one queue: the workers take the next chunk when one is done, and so does this thread. */
async function runSpread(jobs: readonly ProseJob[], rules: ProseRules, workerCount: number): Promise<ProseResult[]> {
  const results: ProseResult[] = new Array(jobs.length);
  const starts = Array.from({ length: Math.ceil(jobs.length / CHUNK) }, (_, index) => index * CHUNK);
  let next = 0;
  const take = () => (next < starts.length ? starts[next++] : undefined);

  const ready = early.splice(0).filter((worker) => !ended.has(worker));
  const workers = ready.slice(0, workerCount);
  while (workers.length < workerCount) workers.push(newWorker());
  await Promise.all(ready.slice(workerCount).map((worker) => worker.terminate()));
  for (const worker of workers) {
    // An early worker was left free to end with the process; now the run waits for it.
    worker.ref();
    worker.postMessage({ rules } satisfies WorkerMessage);
  }
  const finished = workers.map(
    (worker) =>
      new Promise<void>((resolve, reject) => {
        let inFlight = 0;
        const feed = () => {
          const start = take();
          if (start === undefined) {
            if (!inFlight) resolve();
            return;
          }
          inFlight++;
          worker.postMessage({ id: start, jobs: jobs.slice(start, start + CHUNK) } satisfies WorkerMessage);
        };
        worker.on('message', ({ id, results: chunk }: { id: number; results: ProseResult[] }) => {
          chunk.forEach((result, offset) => (results[id + offset] = result));
          inFlight--;
          feed();
        });
        worker.on('error', (error) => reject(new Error(`A plain-language worker thread failed: ${error.message}`, { cause: error })));
        worker.on('exit', (code) => {
          if (inFlight) reject(new Error(`A plain-language worker thread stopped (exit code ${code}) with ${inFlight} chunk(s) of texts unchecked`));
        });
        // Two chunks ahead, so a worker never waits while this thread is busy with its own chunk.
        feed();
        feed();
      }),
  );

  try {
    for (let start = take(); start !== undefined; start = take()) {
      for (let index = start; index < Math.min(start + CHUNK, jobs.length); index++) results[index] = await runProseJob(jobs[index]!, rules);
      // The workers' messages wait for this thread: let them in, so each gets its next chunk.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(finished);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
