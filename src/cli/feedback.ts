/**
 * npm run feedback -- --task <slug> [--since YYYY-MM-DD] [--json]
 * Prints what people wrote in the feedback and satisfaction forms, and the reports
 * from "Report a problem with this page" (with or without a comment). Comments are
 * never shown on the web; editors read them here, on the server. They were
 * scrubbed of emails, phone numbers and the like before they were stored.
 * Exit codes: 0 printed (even none), 2 wrong options or no storage.
 */
import { dateOption, fail, parseCli } from '../lib/cli/cli.ts';
import { SLUG_PATTERN } from '../schemas/common.ts';
import { describeStore, openStore } from '../lib/tracking/storage/open-store.ts';
import { PROBLEM_KINDS, PROBLEM_NAMES } from '../schemas/page-problem.ts';

// A declaration for the one CLI wrapper (src/lib/cli/cli.ts): every tool's option table has this shape; the options are this tool's own.
const { values } = parseCli({
  usage: 'npm run feedback -- [--task <slug>] [--since YYYY-MM-DD] [--json]',
  summary: `Lists the comments people left on "Did this page help you?" and on the
satisfaction question, and every "Report a problem with this page", newest first.
Reads the same store as the server:
PostgreSQL when DATABASE_URL is set, otherwise TASKFRONT_DB or data/taskfront.sqlite.`,
  options: {
    task: { type: 'string', valueName: 'slug', description: 'only this task, e.g. pay-your-council-tax' },
    since: { type: 'string', valueName: 'YYYY-MM-DD', description: 'only comments from this day on' },
  },
  json: 'print JSON for other tools',
  done: 'printed (even none)',
  cannotRun: 'wrong options or no storage',
});
if (values.task !== undefined && !SLUG_PATTERN.test(values.task)) fail(`--task must be a task slug like pay-your-council-tax (got "${values.task}")`);
const since = dateOption('since', values.since);

let store;
try {
  store = await openStore(process.env, { readOnly: true });
} catch (error) {
  fail(`Cannot read feedback from ${describeStore()}: ${(error as Error).message}`);
}
const comments = await store.comments({ task: values.task, since });
await store.close();

if (values.json) {
  console.log(JSON.stringify(comments, null, 2));
} else if (!comments.length) {
  console.log(`No comments${values.task ? ` for ${values.task}` : ''}${since ? ` since ${since}` : ''}.`);
} else {
  for (const comment of comments) {
    const answer =
      comment.type === 'feedback'
        ? `page helped: ${comment.useful ? 'yes' : 'no'}`
        : comment.type === 'page_problem'
          ? `problem with the page: ${(PROBLEM_KINDS as readonly string[]).includes(comment.problem ?? '') ? PROBLEM_NAMES[comment.problem as (typeof PROBLEM_KINDS)[number]] : comment.problem}`
          : `satisfaction: ${comment.rating}/5`;
    console.log(`${comment.day}  ${comment.task}  (${answer})\n  ${comment.comment ? comment.comment.replace(/\s+/g, ' ') : '(no comment)'}\n`);
  }
  console.log(`${comments.length} comment${comments.length === 1 ? '' : 's'} or report${comments.length === 1 ? '' : 's'}.`);
}
