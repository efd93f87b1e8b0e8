/**
 * npm run check:content [-- files…] [--json | --format github]
 * Checks content before it merges: schema, links and structure, placeholders, plain
 * language, freshness and search. Named task or topic files are checked on their own,
 * reading only what they need (the search check then waits for the full run). Exit codes: 0 no errors (warnings allowed), 1 errors, 2 could not run.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { dateOption, fail, intOption, parseCli } from '../lib/cli/cli.ts';
import { formatGithub, formatText } from '../lib/content-checks/format.ts';
import { CACHE_DIR } from '../lib/content-checks/prose-cache.ts';
import { CHECKS, runChecks } from '../lib/content-checks/run-checks.ts';
import { contentDir } from '../lib/content/paths.ts';

const { values, positionals } = parseCli({
  usage: 'npm run check:content [-- <file>…] [options]',
  summary: `Checks every task and topic in content/ (or only the files you name):
${CHECKS.map((check) => `  ${check.id.padEnd(15)} ${check.description}`).join('\n')}`,
  positionals: '<file>…',
  options: {
    format: { type: 'string', choices: ['text', 'json', 'github'], description: 'text (the default), json, or github for GitHub Actions annotations' },
    quiet: { type: 'boolean', description: 'list errors only (warnings are still counted)' },
    today: { type: 'string', valueName: 'YYYY-MM-DD', description: 'check freshness as of another day' },
    threads: { type: 'string', valueName: 'n', description: `threads for the plain-language check (default: one per core, here ${availableParallelism()})` },
    'no-cache': { type: 'boolean', description: `check every text again, without the results kept from earlier runs (in ${relative(process.cwd(), CACHE_DIR) || '.'})` },
  },
  json: 'print the report as JSON (the same as --format json)',
  done: 'no errors (warnings are fine)',
  problems: 'errors found',
  cannotRun: 'the check could not run',
});
const today = dateOption('today', values.today);
const threads = intOption('threads', values.threads, { min: 1, max: 256, fallback: availableParallelism(), example: '--threads 1' });
const missing = positionals.filter((file) => !/\.(md|ya?ml)$/.test(file));
if (missing.length) fail(`These are not content files (.md or .yml): ${missing.join(', ')}. Name task or topic files, e.g. content/tasks/report-a-pothole.md`);
const absent = positionals.filter((file) => !existsSync(file));
if (absent.length) fail(`${listOf(absent)} ${absent.length === 1 ? 'does' : 'do'} not exist: check the spelling and the folder, e.g. content/tasks/report-a-pothole.md`);

const started = performance.now();
const report = await runChecks({ root: contentDir(), files: positionals, today, threads, ...(values['no-cache'] ? {} : { cacheDir: CACHE_DIR }) });
const seconds = ((performance.now() - started) / 1000).toFixed(2);

const format = values.json ? 'json' : (values.format ?? 'text');
if (format === 'json') console.log(JSON.stringify({ ...report, seconds: Number(seconds) }, null, 2));
else if (format === 'github') console.log(formatGithub(report));
else console.log(`${formatText(values.quiet ? { ...report, problems: report.problems.filter((problem) => problem.severity === 'error') } : report)} (${seconds} s)`);
// exitCode, not exit(): exit() cuts short output still going down a pipe (--json | jq lost all past 64 KB).
process.exitCode = report.errors ? 1 : 0;

function listOf(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');
}
