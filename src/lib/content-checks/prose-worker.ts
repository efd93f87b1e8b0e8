/**
 * A worker thread of prose-pool.ts: it is sent the rules once, then chunks of jobs, and posts
 * each chunk's results back. It may start before the rules are known (while the content loads).
 */
import { parentPort } from 'node:worker_threads';
import { runProseJob, type ProseJob } from './prose-jobs.ts';
import type { ProseRules } from './prose.ts';

export type WorkerMessage = { rules: ProseRules } | { id: number; jobs: ProseJob[] };

// The rules come once, so the one object keeps its processors cached (prose.ts).
let rules: ProseRules | undefined;

parentPort!.on('message', async (message: WorkerMessage) => {
  if ('rules' in message) {
    rules = message.rules;
    return;
  }
  if (!rules) throw new Error('The plain-language worker was sent texts before the rules');
  const { id, jobs } = message;
  const results = [];
  for (const job of jobs) results.push(await runProseJob(job, rules));
  parentPort!.postMessage({ id, results });
});
