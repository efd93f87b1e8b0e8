/**
 * npm run check:search — runs every query in content/search/expectations.yml through
 * the server's and the browser's search engines and reports success@1, success@3 and
 * MRR per source, and the no-answer queries (src/lib/search/expectations.ts).
 * Exit codes: 0 every gate met; 1 some are not; 2 the check could not run.
 */
import { fail, parseCli } from '../lib/cli/cli.ts';
import { errorsOf, formatProblem, loadContent } from '../lib/content/load-content.ts';
import { contentDir } from '../lib/content/paths.ts';
import { assessSearch, formatQuality, readExpectations } from '../lib/search/expectations.ts';
import { searchableSlugs, searchDataFor } from '../lib/search/search-data.ts';

const { values: args } = parseCli({
  usage: 'npm run check:search [-- options]',
  summary: "Runs the search expectations (content/search/expectations.yml) through the server's and the browser's search engines and prints success@1, success@3 and MRR for each source (editor, titles-only, search-log), and how no-answer queries are answered.",
  options: {
    verbose: { type: 'boolean', description: 'also list queries whose task is found, but not first' },
  },
  json: 'print the full report as JSON',
  done: 'every gate met',
  problems: 'some are not',
});

const root = contentDir();
const content = loadContent({ root });
const file = readExpectations(root, { tasks: searchableSlugs(content) });
const problems = [...errorsOf(content), ...file.problems];
if (problems.length) {
  fail(`The search check cannot run until the content is fixed:\n${problems.map((problem) => `  ${formatProblem(problem)}`).join('\n')}`);
}

const started = performance.now();
const quality = assessSearch(searchDataFor(content), file);
const seconds = (performance.now() - started) / 1000;

if (args.json) {
  console.log(JSON.stringify(quality, null, 2));
} else {
  const notes = args.verbose
    ? quality.server.outcomes.filter((outcome) => outcome.task && outcome.rank !== 1).map((outcome) => `note: "${outcome.query}" (${outcome.source}) should find ${outcome.task}, ${outcome.rank ? `found at ${outcome.rank}` : 'not found'}. Top 3: ${outcome.top.join(', ') || 'nothing'}`)
    : [];
  for (const line of [...notes, ...quality.problems.map((problem) => `${problem.severity === 'error' ? 'FAIL' : 'warning'}: ${formatProblem(problem)}`)]) console.log(line);
  console.log(`\n${file.expectations.length} expectations, both engines, in ${seconds.toFixed(2)} s:\n${formatQuality(quality)}`);
  console.log(quality.failures.length ? `\n${quality.failures.join('\n')}` : '\nEvery gate is met.');
}
process.exit(quality.failures.length ? 1 : 0);
