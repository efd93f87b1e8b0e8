/**
 * npm run check:search — runs every query in content/search/expectations.yml
 * through the real search engine and reports success@1, success@3 and MRR.
 * Exit codes: 0 every expected task is in the top 3; 1 some are not; 2 the check could not run.
 */
import { join } from 'node:path';
import { fail, parseCli } from '../lib/cli/cli.ts';
import { errorsOf, formatProblem, loadContent, readYamlFile, type ContentProblem } from '../lib/content/load-content.ts';
import { contentDir } from '../lib/content/paths.ts';
import { createSearchEngine } from '../lib/search/engine.ts';
import { measureSearchQuality } from '../lib/search/expectations.ts';
import { toSearchData } from '../lib/search/search-data.ts';
import { expectationsFileSchema } from '../schemas/search.ts';

const { values: args } = parseCli({
  usage: 'npm run check:search [-- options]',
  summary: 'Runs the search expectations (content/search/expectations.yml) through the search engine.',
  options: {
    verbose: { type: 'boolean', description: 'also list queries whose task is found, but not first' },
  },
  json: 'print the full report as JSON',
  done: 'all expected tasks in the top 3',
  problems: 'some are not',
});

const root = contentDir();
const content = loadContent({ root });
const problems: ContentProblem[] = [...errorsOf(content)];
const file = readYamlFile(join(root, 'search/expectations.yml'), expectationsFileSchema, problems);
if (!file && problems.length === 0) problems.push({ file: 'content/search/expectations.yml', line: 1, message: 'is missing: add the queries search must answer', severity: 'error' });
const known = new Set(content.tasks.map((task) => task.slug));
file?.value.forEach((expectation, index) => {
  if (!known.has(expectation.task)) {
    problems.push({ file: file.file, line: file.source.lineOf([index, 'task']), field: `[${index}].task`, message: `"${expectation.task}" is not a task`, severity: 'error' });
  }
});
if (problems.length || !file) {
  fail(`The search check cannot run until the content is fixed:\n${problems.map((problem) => `  ${formatProblem(problem)}`).join('\n')}`);
}

const started = performance.now();
const engine = createSearchEngine(toSearchData(content));
const report = measureSearchQuality(engine, file.value);
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
