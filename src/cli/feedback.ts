/**
 * npm run feedback -- --task <slug> [--since YYYY-MM-DD] [--json]
 * Prints what people wrote in the feedback and satisfaction forms. Comments are
 * never shown on the web; editors read them here, on the server. They were
 * scrubbed of emails, phone numbers and the like before they were stored.
 * Exit codes: 0 printed (even none), 2 wrong options or no storage.
 */
import { parseArgs } from 'node:util';
import { isRealDate } from '../schemas/common.ts';
import { SLUG_PATTERN } from '../schemas/common.ts';
import { describeStore, openStore } from '../lib/tracking/storage/open-store.ts';

const HELP = `Usage: npm run feedback -- [--task <slug>] [--since YYYY-MM-DD] [--json]

Lists the comments people left on "Did this page help you?" and on the
satisfaction question, newest first. Reads the same store as the server:
PostgreSQL when DATABASE_URL is set, otherwise TASKFRONT_DB or data/taskfront.sqlite.

  --task <slug>       only this task, e.g. pay-your-council-tax
  --since <date>      only comments from this day on
  --json              print JSON for other tools
  -h, --help          show this help`;

function fail(message: string): never {
  console.error(`${message}\n\n${HELP}`);
  process.exit(2);
}

let values;
try {
  values = parseArgs({ options: { task: { type: 'string' }, since: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
if (values.task !== undefined && !SLUG_PATTERN.test(values.task)) fail(`--task must be a task slug like pay-your-council-tax (got "${values.task}")`);
if (values.since !== undefined && !isRealDate(values.since)) fail(`--since must be a date written as YYYY-MM-DD (got "${values.since}")`);

let store;
try {
  store = await openStore(process.env, { readOnly: true });
} catch (error) {
  console.error(`Cannot read feedback from ${describeStore()}: ${(error as Error).message}`);
  process.exit(2);
}
const comments = await store.comments({ task: values.task, since: values.since });
await store.close();

if (values.json) {
  console.log(JSON.stringify(comments, null, 2));
} else if (!comments.length) {
  console.log(`No comments${values.task ? ` for ${values.task}` : ''}${values.since ? ` since ${values.since}` : ''}.`);
} else {
  for (const comment of comments) {
    const answer = comment.type === 'feedback' ? `page helped: ${comment.useful ? 'yes' : 'no'}` : `satisfaction: ${comment.rating}/5`;
    console.log(`${comment.day}  ${comment.task}  (${answer})\n  ${comment.comment.replace(/\s+/g, ' ')}\n`);
  }
  console.log(`${comments.length} comment${comments.length === 1 ? '' : 's'}.`);
}
