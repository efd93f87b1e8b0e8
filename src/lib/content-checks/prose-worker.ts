/** A worker thread of prose-pool.ts: runs the chunks of jobs it is sent and posts their results back. */
import { parentPort, workerData } from 'node:worker_threads';
import { runProseJob, type ProseJob } from './prose-jobs.ts';
import type { ProseRules } from './prose.ts';

export interface ChunkMessage {
  id: number;
  jobs: ProseJob[];
}

// The rules come once, in workerData, so the one object keeps its processors cached (prose.ts).
const rules = (workerData as { rules: ProseRules }).rules;

parentPort!.on('message', async ({ id, jobs }: ChunkMessage) => {
  const results = [];
  for (const job of jobs) results.push(await runProseJob(job, rules));
  parentPort!.postMessage({ id, results });
});
