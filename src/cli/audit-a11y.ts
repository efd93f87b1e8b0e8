/**
 * npm run audit:a11y — audits web pages for accessibility (WCAG 2.2 AA) in headless
 * Chromium: axe at three widths, reflow, text spacing, keyboard, forced colours,
 * JavaScript off, structure. Writes reports/a11y/index.html, report.json, junit.xml and
 * earl.jsonld. Without --url, --urls or --sitemap it builds and audits the Taskfront portal.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { AuditCannotRun, DEFAULT_CONCURRENCY, DEFAULT_SAMPLE, runAudit } from '../lib/a11y/audit.ts';
import { defaultSeed } from '../lib/a11y/sampling.ts';
import { describeCriterion } from '../lib/a11y/wcag.ts';
import { fail, intOption, parseCli } from '../lib/cli/cli.ts';

const { values: args } = parseCli({
  usage: 'npm run audit:a11y [-- options]',
  summary: [
    'Audits web pages for accessibility (WCAG 2.2 AA) in headless Chromium. Without --url, --urls',
    'or --sitemap it builds the Taskfront portal, serves it with a throwaway database, audits it and stops it.',
  ].join('\n'),
  options: {
    url: { type: 'string', valueName: 'address', description: 'audit a running site from its sitemap and links, e.g. https://staging.example.gov.uk' },
    urls: { type: 'string', valueName: 'file', description: 'audit exactly the pages listed in a file, one address a line (# starts a comment)' },
    sitemap: { type: 'string', valueName: 'address', description: 'audit the pages listed in this sitemap (or sitemap index)' },
    taskfront: { type: 'boolean', default: false, description: 'treat the site as a Taskfront portal (its search, dashboard and form states), even if it does not say so' },
    'max-pages': { type: 'string', valueName: 'n', description: 'audit at most n pages (default 400), one of every template first; the report names the rest' },
    sample: { type: 'string', valueName: 'n|all', description: `besides one page of every template, audit n other pages drawn at random (default ${DEFAULT_SAMPLE}); "all" audits every page found` },
    full: { type: 'boolean', default: false, description: "every check on every page audited (slower); by default most random pages get the content checks and leave the keyboard walk, forced colours and JavaScript off to their template's example" },
    seed: { type: 'string', valueName: 'n', description: "seed of the random sample (default: today's date, e.g. 20261126); the same seed picks the same pages" },
    concurrency: { type: 'string', valueName: 'n', description: `pages audited at once, each in its own browser tab (default ${DEFAULT_CONCURRENCY}, one per core of this machine)` },
    'incidents-dir': { type: 'string', valueName: 'dir', description: 'with --url on a Taskfront portal: the folder of incident files it watches (its TASKFRONT_INCIDENTS_DIR); the audit publishes a test "service down" incident there, audits the banner, and removes it' },
    'no-build': { type: 'boolean', default: false, description: 'use the existing build in dist/ instead of building' },
    out: { type: 'string', valueName: 'dir', default: 'reports/a11y', description: 'where to write the reports (default reports/a11y)' },
    'update-statement': { type: 'boolean', default: false, description: 'write content/accessibility/latest.json for the accessibility statement' },
  },
  json: true,
  notes: 'Known problems are listed, with an owner and an expiry date, in a11y-baseline.yml.',
  problems: 'problems outside the baseline, an expired baseline entry, or a check that could not run',
});

const maxPages = intOption('max-pages', args['max-pages'], { min: 1, max: 100_000, fallback: 400 });
const sample = args.sample === 'all' ? Infinity : intOption('sample', args.sample, { min: 0, max: 100_000, fallback: DEFAULT_SAMPLE, example: '25, or all' });
const concurrency = intOption('concurrency', args.concurrency, { min: 1, max: 16, fallback: DEFAULT_CONCURRENCY, example: '2' });
const seed = intOption('seed', args.seed, { min: 0, max: 4_294_967_295, fallback: defaultSeed(), example: '20261126' });
const targets = [args.url, args.urls, args.sitemap].filter((value) => value !== undefined);
if (targets.length > 1) fail('Give one of --url, --urls and --sitemap, not several.');

function webAddress(flag: string, raw: string): string {
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // Falls through to the message.
  }
  return fail(`--${flag} must be a web address like https://example.gov.uk or http://localhost:4321 (got "${raw}").`);
}

let urls: string[] | undefined;
if (args.urls !== undefined) {
  let text: string;
  try {
    text = readFileSync(args.urls, 'utf8');
  } catch (error) {
    fail(`--urls: cannot read ${args.urls} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  const lines = text.split('\n').map((line, index) => ({ line: line.replace(/#.*$/, '').trim(), number: index + 1 })).filter(({ line }) => line);
  const bad = lines.filter(({ line }) => !/^https?:\/\/[^\s]+$/.test(line) || !URL.canParse(line));
  if (bad.length) fail(`--urls: ${args.urls} has lines that are not web addresses:\n${bad.slice(0, 10).map(({ line, number }) => `  ${args.urls}:${number} "${line}"`).join('\n')}`);
  if (!lines.length) fail(`--urls: ${args.urls} lists no addresses.`);
  urls = lines.map(({ line }) => line);
}

let incidentsDir: string | undefined;
if (args['incidents-dir'] !== undefined) {
  if (targets.length === 0) fail('--incidents-dir is for a portal given with --url, --urls or --sitemap; the local build gets a folder of its own.');
  incidentsDir = resolve(args['incidents-dir']);
  if (!existsSync(incidentsDir) || !statSync(incidentsDir).isDirectory()) fail(`--incidents-dir: ${args['incidents-dir']} is not a folder. Give the folder the portal reads incidents from (its TASKFRONT_INCIDENTS_DIR).`);
}

const root = process.cwd();
let report;
try {
  report = await runAudit({
    url: args.url === undefined ? undefined : webAddress('url', args.url),
    urls,
    sitemap: args.sitemap === undefined ? undefined : webAddress('sitemap', args.sitemap),
    portal: args.taskfront ? true : undefined,
    root,
    build: !args['no-build'],
    maxPages,
    sample,
    seed,
    full: args.full,
    concurrency,
    incidentsDir,
    outDir: args.out!,
    statement: args['update-statement'],
    progress: (line) => console.error(line),
  });
} catch (error) {
  if (error instanceof AuditCannotRun) fail(`\nThe audit could not run. ${error.message}`);
  fail(`\nThe audit could not run: ${(error as Error).stack ?? error}`);
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
    for (const check of page.checks.filter((item) => item.outcome === 'error' || item.outcome === 'could-not-test')) {
      console.log(`${check.outcome === 'error' ? 'ERROR' : 'UNTESTED'} ${page.page}${page.state ? ` [${page.state}]` : ''} ${check.check}: ${check.note ?? ''}`);
    }
  }
  const { summary } = report;
  const outPath = resolve(root, args.out!);
  const out = outPath.startsWith(`${root}/`) ? relative(root, outPath) : outPath === root ? '.' : outPath;
  const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  console.log(
    `\n${plural(summary.pages, 'page')} audited${summary.notAudited ? ` (${summary.notAudited} found but not audited)` : ''}, ${plural(summary.checksRun, 'check')} in ${report.seconds.toFixed(0)} s: ${summary.newProblems} new problem${summary.newProblems === 1 ? '' : 's'}, ${summary.knownProblems} known, ${plural(report.baseline.expired.length, 'expired baseline entry', 'expired baseline entries')}, ${plural(summary.checkErrors, 'check error')}, ${plural(summary.checksNotTested, 'check')} that could not settle, ${plural(summary.needsReview, 'item')} for a person to check.`,
  );
  // Never a bare "passed" when something found was left out: the verdict speaks for what was audited.
  const verdict = summary.exitCode !== 0 ? 'The audit failed' : 'The audit passed';
  console.log(summary.notAudited ? `${verdict} on the ${plural(summary.pages, 'page')} audited; ${summary.notAudited} not audited.` : `${verdict}.`);
  if (report.sampling) {
    const { sampling } = report;
    console.log(
      `Sample: ${plural(sampling.pagesFound, 'page')} found in ${plural(sampling.templates.length, 'template')}; ${summary.pages} audited (${plural(sampling.templates.length - sampling.templatesLeftOut.length, 'template example')}, ${sampling.audited.filter((item) => item.reason === 'required').length} required, ${sampling.audited.filter((item) => item.reason === 'random').length} at random with seed ${sampling.seed}${sampling.audited.some((item) => item.checks === 'content') ? `, ${sampling.audited.filter((item) => item.checks === 'content').length} of them with the content checks only` : ''}), ${sampling.leftOut.length} left out.${sampling.leftOut.length ? ` Repeat it with --seed ${sampling.seed}; --sample all audits every page.` : ''}`,
    );
  }
  const minutes = report.seconds / 60;
  const templates = report.sampling ? ` in ${plural(report.sampling.templates.length, 'template')}` : '';
  console.log(`Time: ${minutes.toFixed(1)} minutes (${report.seconds.toFixed(0)} s) for ${plural(summary.pages, 'page')} audited${templates}, ${(summary.pages / minutes).toFixed(1)} pages a minute.`);
  if (report.timing) {
    const { timing } = report;
    const checks = Object.entries(timing.checks).filter(([, seconds]) => seconds > 0).sort((a, b) => b[1] - a[1]);
    const busy = checks.reduce((sum, [, seconds]) => sum + seconds, 0);
    console.log(
      `  Phases: setup ${timing.setup.toFixed(0)} s, finding pages ${timing.discovery.toFixed(0)} s, browser start ${timing.browser.toFixed(1)} s, auditing ${timing.pages.toFixed(0)} s in ${plural(timing.concurrency, 'tab')}.`,
    );
    console.log(`  Check time summed over pages: ${checks.map(([check, seconds]) => `${check} ${seconds.toFixed(0)} s (${Math.round((100 * seconds) / busy)}%)`).join(', ')}.`);
  }
  console.log(`Report: ${out}/index.html (also report.json, junit.xml and earl.jsonld)${args['update-statement'] ? '; statement data: content/accessibility/latest.json' : ''}`);
}
process.exit(report.summary.exitCode);
