/**
 * npm run check:search — runs every query in content/search/expectations.yml
 * through the real search engine and reports success@1, success@3 and MRR.
 * Exit codes: 0 every expected task is in the top 3; 1 some are not; 2 the check could not run.
 */
import { parseArgs } from 'node:util';
import { errorsOf, formatProblem, loadContent } from '../lib/content/load-content.ts';
import { contentDir } from '../lib/content/paths.ts';
import { createSearchEngine } from '../lib/search/engine.ts';
import { measureSearchQuality, readExpectations } from '../lib/search/expectations.ts';
import { toSearchData } from '../lib/search/search-data.ts';

const HELP = `Usage: npm run check:search [-- options]

Runs the search expectations (content/search/expectations.yml) through the search engine.

Options:
  --verbose    also list queries whose task is found, but not first
  --json       print the full report as JSON
  -h, --help   show this help

Exit codes: 0 all expected tasks in the top 3, 1 some are not, 2 could not run.`;

let args;
try {
  args = parseArgs({ options: { json: { type: 'boolean' }, verbose: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n\n${HELP}`);
  process.exit(2);
}
if (args.help) {
  console.log(HELP);
  process.exit(0);
}

const root = contentDir();
const content = loadContent({ root });
const file = readExpectations(root, { tasks: content.tasks.map((task) => task.slug) });
const problems = [...errorsOf(content), ...file.problems];
if (problems.length) {
  console.error(`The search check cannot run until the content is fixed:\n${problems.map((problem) => `  ${formatProblem(problem)}`).join('\n')}`);
  process.exit(2);
}

const started = performance.now();
const engine = createSearchEngine(toSearchData(content));
const report = measureSearchQuality(engine, file.expectations);
const seconds = (performance.now() - started) / 1000;

if (args.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  const show = args.verbose ? report.outcomes.filter((outcome) => outcome.rank !== 1) : report.failures;
  for (const outcome of show) {
    const where = outcome.rank ? `found at ${outcome.rank}` : 'not found';
    console.log(`${outcome.rank && outcome.rank <= 3 ? 'note' : 'FAIL'}: "${outcome.query}" should find ${outcome.task}, ${where}. Top 3: ${outcome.top.join(', ') || 'nothing'}`);
  }
  console.log(`\n${report.total} expectations in ${seconds.toFixed(2)} s: success@1 ${percent(report.successAt1)}, success@3 ${percent(report.successAt3)}, MRR ${report.mrr.toFixed(3)}`);
  console.log(report.failures.length ? `${report.failures.length} expected task(s) not in the top 3.` : 'Every expected task is in the top 3.');
}
process.exit(report.failures.length ? 1 : 0);
