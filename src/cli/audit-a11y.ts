/**
 * npm run audit:a11y — audits every page of the portal in headless Chromium (axe at three
 * widths, reflow, text spacing, keyboard, forced colours, JavaScript off, structure) and
 * writes reports/a11y/index.html, report.json and junit.xml.
 * Exit codes: 0 no problem outside the baseline; 1 problems (or an expired baseline entry,
 * or a check that could not run); 2 the audit could not run.
 */
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { AuditCannotRun, runAudit } from '../lib/a11y/audit.ts';
import { describeCriterion } from '../lib/a11y/wcag.ts';

const HELP = `Usage: npm run audit:a11y [-- options]

Audits the portal's pages for accessibility (WCAG 2.2 AA) in headless Chromium.
Without --url it builds the portal, serves it on a free local port with a throwaway
database, audits it and stops it.

Options:
  --url <address>     audit a running site instead, e.g. https://staging.example.gov.uk
  --max-pages <n>     audit at most n pages (default 400)
  --no-build          use the existing build in dist/ instead of building
  --out <dir>         where to write the reports (default reports/a11y)
  --no-statement      do not update content/accessibility/latest.json
  --json              print the full report as JSON on stdout
  -h, --help          show this help

Known problems are listed, with an owner and an expiry date, in a11y-baseline.yml.
Exit codes: 0 clean, 1 problems (or an expired baseline entry), 2 the audit could not run.`;

let args;
try {
  args = parseArgs({
    options: {
      url: { type: 'string' },
      'max-pages': { type: 'string', default: '400' },
      'no-build': { type: 'boolean', default: false },
      out: { type: 'string', default: 'reports/a11y' },
      'no-statement': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n\n${HELP}`);
  process.exit(2);
}
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
const maxPages = Number(args['max-pages']);
if (!Number.isInteger(maxPages) || maxPages < 1) {
  console.error(`--max-pages must be a whole number of pages, 1 or more (got "${args['max-pages']}")\n\n${HELP}`);
  process.exit(2);
}
if (args.url !== undefined) {
  try {
    const url = new URL(args.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
  } catch {
    console.error(`--url must be a web address like https://example.gov.uk or http://localhost:4321 (got "${args.url}")`);
    process.exit(2);
  }
}

const root = process.cwd();
let report;
try {
  report = await runAudit({
    url: args.url,
    root,
    build: !args['no-build'],
    maxPages,
    outDir: args.out,
    statement: !args['no-statement'],
    progress: (line) => console.error(line),
  });
} catch (error) {
  if (error instanceof AuditCannotRun) {
    console.error(`\nThe audit could not run. ${error.message}`);
    process.exit(2);
  }
  console.error(`\nThe audit could not run: ${(error as Error).stack ?? error}`);
  process.exit(2);
}

if (args.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const fresh = report.problems.filter((problem) => !problem.known);
  for (const problem of fresh.slice(0, 50)) {
    const criteria = problem.criteria.map(describeCriterion).join('; ') || 'portal rule';
    console.log(`FAIL ${problem.page}${problem.state ? ` [${problem.state}]` : ''} ${problem.rule} (${criteria}): ${problem.summary}${problem.selector ? `\n     at ${problem.selector}` : ''}`);
  }
  if (fresh.length > 50) console.log(`… and ${fresh.length - 50} more in the report.`);
  for (const entry of report.baseline.expired) console.log(`EXPIRED baseline entry ${entry.rule} ${entry.url} ${entry.selector} (owner ${entry.owner}) expired on ${entry.expires}: fix it or agree a new date.`);
  for (const entry of report.baseline.fixed) console.log(`FIXED baseline entry ${entry.rule} ${entry.url} ${entry.selector} no longer occurs: remove it from ${report.baseline.file}.`);
  for (const page of report.pages) {
    for (const check of page.checks.filter((item) => item.outcome === 'error')) console.log(`ERROR ${page.page}${page.state ? ` [${page.state}]` : ''} ${check.check} could not run: ${check.note ?? ''}`);
  }
  const { summary } = report;
  const out = relative(root, join(root, args.out)) || '.';
  console.log(
    `\n${summary.pages} pages, ${summary.checksRun} checks in ${report.seconds.toFixed(0)} s: ${summary.newProblems} new problem${summary.newProblems === 1 ? '' : 's'}, ${summary.knownProblems} known, ${report.baseline.expired.length} expired baseline entr${report.baseline.expired.length === 1 ? 'y' : 'ies'}, ${summary.checkErrors} check error${summary.checkErrors === 1 ? '' : 's'}.`,
  );
  console.log(`Report: ${out}/index.html (also report.json and junit.xml)${args['no-statement'] ? '' : '; statement data: content/accessibility/latest.json'}`);
}
process.exit(report.summary.exitCode);
