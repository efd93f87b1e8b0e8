/**
 * npm run check:content [-- files…] [--json | --format github]
 * Checks content before it merges: schema, links and structure, plain language,
 * freshness and search. Exit codes: 0 no errors (warnings allowed), 1 errors, 2 could not run.
 */
import { parseArgs } from 'node:util';
import { formatGithub, formatText } from '../lib/content-checks/format.ts';
import { CHECKS, runChecks } from '../lib/content-checks/run-checks.ts';
import { contentDir } from '../lib/content/paths.ts';
import { isRealDate } from '../schemas/common.ts';

const HELP = `Usage: npm run check:content [-- <file>…] [options]

Checks every task and topic in content/ (or only the files you name):
${CHECKS.map((check) => `  ${check.id.padEnd(15)} ${check.description}`).join('\n')}

Options:
  --json              print the report as JSON
  --format github     print GitHub Actions annotations
  --quiet             list errors only (warnings are still counted)
  --today YYYY-MM-DD  check freshness as of another day
  -h, --help          show this help

Exit codes: 0 no errors (warnings are fine), 1 errors found, 2 the check could not run.`;

function fail(message: string): never {
  console.error(`${message}\n\n${HELP}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean' }, quiet: { type: 'boolean' }, format: { type: 'string' }, today: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
} catch (error) {
  fail((error as Error).message);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
if (values.format !== undefined && !['github', 'text', 'json'].includes(values.format)) fail(`--format must be text, json or github (got "${values.format}")`);
if (values.today !== undefined && !isRealDate(values.today)) fail(`--today must be a date written as YYYY-MM-DD (got "${values.today}")`);
const missing = positionals.filter((file) => !/\.(md|ya?ml)$/.test(file));
if (missing.length) fail(`these are not content files (.md or .yml): ${missing.join(', ')}`);

const started = performance.now();
const report = await runChecks({ root: contentDir(), files: positionals, today: values.today });
const seconds = ((performance.now() - started) / 1000).toFixed(2);

const format = values.json ? 'json' : (values.format ?? 'text');
if (format === 'json') console.log(JSON.stringify({ ...report, seconds: Number(seconds) }, null, 2));
else if (format === 'github') console.log(formatGithub(report));
else console.log(`${formatText(values.quiet ? { ...report, problems: report.problems.filter((problem) => problem.severity === 'error') } : report)} (${seconds} s)`);
process.exit(report.errors ? 1 : 0);
