/**
 * npm run search:gaps — reads what people searched for (the events store) and
 * suggests what editors should add so those searches find the right task: a
 * keyword for a task, a synonym, or a task still to write.
 * Exit codes: 0 report printed (with or without gaps); 2 wrong options, or the
 * store or the content could not be read.
 */
import { relative } from 'node:path';
import { dateOption, fail, intOption, numberOption, parseCli } from '../lib/cli/cli.ts';
import { errorsOf, formatProblem, loadContent } from '../lib/content/load-content.ts';
import { contentDir } from '../lib/content/paths.ts';
import { addDays, today } from '../lib/dates.ts';
import { createSearchEngine } from '../lib/search/engine.ts';
import { applyKeywordSuggestions, findGaps, type AppliedKeywords } from '../lib/search/gaps.ts';
import { searchDataFor } from '../lib/search/search-data.ts';
import { describeStore, openStore } from '../lib/tracking/storage/open-store.ts';
import type { QueryOutcome } from '../lib/tracking/storage/types.ts';

const DEFAULT_DAYS = 28;

const { values } = parseCli({
  usage: 'npm run search:gaps -- [--min 10] [--since YYYY-MM-DD] [--low-ctr 0.2] [--write] [--json]',
  summary: `Lists what people search for and do not find, and what to add so they do: a
keyword for a task, a line for content/search/synonyms.yml, or a task to write.
Reads the same store as the server: PostgreSQL when DATABASE_URL is set,
otherwise TASKFRONT_DB or data/taskfront.sqlite.

A query is a gap when it was searched at least --min times and either found
nothing in at least half of those searches, or led to a click less often than --low-ctr.`,
  options: {
    min: { type: 'string', default: '10', valueName: 'n', description: 'only queries searched at least this often (default 10)' },
    since: { type: 'string', valueName: 'date', description: `only searches from this day on (default ${DEFAULT_DAYS} days ago)` },
    'low-ctr': { type: 'string', default: '0.2', valueName: '0..1', description: 'click-through under this is low (default 0.2, i.e. 20%)' },
    write: { type: 'boolean', description: 'add the suggested keywords to the task files (synonyms are\nonly printed: they change search for every task)' },
  },
  json: 'print the report as JSON for other tools',
  done: 'report printed',
  cannotRun: 'wrong options or the store or content could not be read',
});

const min = intOption('min', values.min, { min: 1, fallback: 10, example: '--min 10' });
const lowClickThrough = numberOption('low-ctr', values['low-ctr'], { min: 0, max: 1, fallback: 0.2, example: '--low-ctr 0.2 for 20%' });
const to = today();
const since = dateOption('since', values.since, { example: addDays(to, -7) }) ?? addDays(to, -DEFAULT_DAYS);
if (since > to) fail(`--since is after today (${to}): choose a day in the past, e.g. --since ${addDays(to, -7)}`);

const root = contentDir();
const content = loadContent({ root });
const errors = errorsOf(content);
if (errors.length) {
  fail(`The content has errors, so suggestions would be wrong. Fix these first (npm run check:content):\n${errors.map((problem) => `  ${formatProblem(problem)}`).join('\n')}`);
}

const storeName = describeStore();
let outcomes: QueryOutcome[];
try {
  const store = await openStore(process.env, { readOnly: true });
  try {
    outcomes = await store.queryOutcomes({ since });
  } finally {
    await store.close();
  }
} catch (error) {
  fail(`Cannot read searches from ${storeName}: ${(error as Error).message}\nCheck DATABASE_URL or TASKFRONT_DB point at the portal's store.`);
}

const engine = createSearchEngine(searchDataFor(content));
const label = relative(process.cwd(), root) || '.';
const gaps = findGaps(outcomes, engine, { min, lowClickThrough, contentLabel: label, synonyms: content.synonyms, otherBodies: content.otherBodies });
const written: AppliedKeywords[] = values.write ? applyKeywordSuggestions(root, gaps) : [];

const searches = outcomes.reduce((sum, outcome) => sum + outcome.searches, 0);
const frequent = outcomes.filter((outcome) => outcome.searches >= min).length;
const count = (kind: string) => gaps.filter((gap) => gap.suggestion.kind === kind && gap.suggestion.yaml).length;
const nothingToAdd = gaps.filter((gap) => !gap.suggestion.yaml).length;
const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
const display = (file: string) => relative(process.cwd(), file) || file;

if (values.json) {
  console.log(
    JSON.stringify(
      {
        store: storeName,
        since,
        to,
        min,
        lowClickThrough,
        searches,
        queries: outcomes.length,
        frequentQueries: frequent,
        ...(searches ? {} : { message: `No searches recorded since ${since}. Run the portal, or npm run demo:traffic, first.` }),
        gaps,
        ...(values.write ? { written: written.map((entry) => ({ ...entry, file: display(entry.file) })) } : {}),
      },
      null,
      2,
    ),
  );
  process.exit(0);
}

if (!searches) {
  console.log(`No searches recorded since ${since} in ${storeName}. Run the portal, or npm run demo:traffic, first.`);
  process.exit(0);
}

console.log(`Search gaps from ${storeName}, searches from ${since} to ${to}.`);
console.log(
  `${plural(searches, 'search', 'searches')} of ${plural(outcomes.length, 'different query', 'different queries')}; ${plural(frequent, 'was', 'were')} searched at least ${min} times. ` +
    `A gap found nothing at least half the time, or led to a click under ${Math.round(lowClickThrough * 100)}% of the time.\n`,
);
for (const gap of gaps) console.log(`${gap.text}\n`);

if (values.write) {
  for (const entry of written) {
    if (entry.problem) console.log(`Not written: ${display(entry.file)} ${entry.problem}.`);
    else if (entry.added.length) console.log(`Wrote ${display(entry.file)}: added ${entry.added.map((keyword) => `"${keyword}"`).join(', ')} to its keywords.`);
    else console.log(`${display(entry.file)} already has those keywords; not changed.`);
  }
  const changed = written.filter((entry) => entry.added.length).length;
  console.log(
    changed
      ? `Check with npm run check:content and npm run check:search, and rebuild (npm run build) for the portal to use them.`
      : 'No task file needed a new keyword.',
  );
  if (count('synonym')) console.log('Synonyms are not written: a synonym changes search for every task, so add them by hand once you agree.');
  console.log('');
}

console.log(
  gaps.length
    ? `${plural(gaps.length, 'gap')}: ${plural(count('synonym'), 'synonym')}, ${plural(count('keyword'), 'keyword')}, ${plural(count('new-task'), 'possible new task')} to consider${nothingToAdd ? `, ${nothingToAdd} with nothing to add` : ''}.`
    : `No gaps: every query searched at least ${min} times found results and led to clicks. Lower --min to look at rarer queries.`,
);
process.exit(0);
