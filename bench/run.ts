/**
 * npm run bench [-- part…] [--quick]: every performance budget, each against a baseline
 * run in the same run, with the machine, medians, ratios and pass or fail. Writes
 * reports/bench/<part>.json and .md, and reports/bench/summary.md with every table.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fail, intListOption, intOption, parseCli } from '../src/lib/cli/cli.ts';
import { buildPart } from './parts/build.ts';
import type { BenchContext } from './parts/context.ts';
import { dashboardPart } from './parts/dashboard.ts';
import { eventsPart } from './parts/events.ts';
import { pagesPart } from './parts/pages.ts';
import { searchPart } from './parts/search.ts';
import { log, markdownTable, printResult, writeResult, type PartResult } from './lib/report.ts';

const PARTS = { build: buildPart, search: searchPart, events: eventsPart, pages: pagesPart, dashboard: dashboardPart } as const;
type PartName = keyof typeof PARTS;

const { values, positionals } = parseCli({
  usage: 'npm run bench [-- build|search|events|pages|dashboard …] [--quick]',
  summary: `Measures every performance budget against a baseline run in the same run (bare Astro,
bare node:http with plain lunr or one SQLite transaction per request), with medians of repeated
runs, the ratio, the budget and pass or fail. Without parts, runs them all.`,
  positionals: '[part…]',
  options: {
    quick: { type: 'boolean', description: 'small catalogues, one run each, short loads: under 3 minutes, for development' },
    runs: { type: 'string', valueName: 'n', description: 'repeated runs per figure (default 3; quick 1)' },
    'runs-10k': { type: 'string', valueName: 'n', description: 'repeated 10,000-task builds (default 2)' },
    seconds: { type: 'string', valueName: 's', description: 'seconds of HTTP load per measurement (default 10; quick 3)' },
    sizes: { type: 'string', valueName: 'n,n', description: 'build and search catalogue sizes (default 1000,10000; quick 300)' },
    keep: { type: 'boolean', description: 'keep the temporary folder (catalogues, builds, databases) and print where it is' },
  },
  json: 'print every part\'s result as JSON',
  notes: 'Results: reports/bench/<part>.json and .md, and reports/bench/summary.md.',
  problems: 'a budget was missed',
  cannotRun: 'could not run (a wrong part name or option, no Chromium for pages)',
});

const unknown = positionals.filter((name) => !(name in PARTS));
if (unknown.length) fail(`Unknown part "${unknown[0]}": choose from ${Object.keys(PARTS).join(', ')}`);
const chosen = (positionals.length ? positionals : Object.keys(PARTS)) as PartName[];
const quick = values.quick;
const root = join(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'taskfront-bench-'));
// Builds go under here, and a built server imports its packages from the nearest node_modules up its path.
symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'));
const ctx: BenchContext = {
  root,
  scratch,
  quick,
  runs: intOption('runs', values.runs, { min: 1, max: 20, fallback: quick ? 1 : 3, example: '--runs 3' }),
  runs10k: intOption('runs-10k', values['runs-10k'], { min: 1, max: 20, fallback: 2, example: '--runs-10k 2' }),
  sizes: values.sizes ? intListOption('sizes', values.sizes, { min: 100, max: 100_000, example: '--sizes 1000,10000' }) : quick ? [300] : [1000, 10000],
  loadSeconds: intOption('seconds', values.seconds, { min: 1, max: 600, fallback: quick ? 3 : 10, example: '--seconds 10' }),
  command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
};

const reportDir = join(root, 'reports/bench');
mkdirSync(reportDir, { recursive: true });
const results: PartResult[] = [];
const started = performance.now();
let broken = false;
try {
  for (const name of chosen) {
    log(`part ${name}${quick ? ' (quick)' : ''}`);
    try {
      const result = await PARTS[name](ctx);
      results.push(result);
      writeResult(result, reportDir);
      if (!values.json) printResult(result);
    } catch (error) {
      broken = true;
      console.error(`\n== ${name}: could not run ==\n${error instanceof Error ? error.message : String(error)}`);
    }
  }
} finally {
  if (values.keep) console.error(`Kept ${scratch}`);
  else {
    // The link first, so nothing can follow it into the shared node_modules.
    unlinkSync(join(scratch, 'node_modules'));
    rmSync(scratch, { recursive: true, force: true });
  }
}
const minutes = (performance.now() - started) / 60000;
writeFileSync(join(reportDir, 'summary.md'), `## Benchmarks\n\nCommand: \`${ctx.command}\`, ${minutes.toFixed(1)} minutes.\n\n${results.map(markdownTable).join('\n')}`);
const missed = results.flatMap((result) => result.figures.filter((figure) => figure.pass === false).map((figure) => `${result.part}: ${figure.name}`));
if (values.json) console.log(JSON.stringify(results, null, 2));
else {
  console.log(`\n${results.length} part(s) in ${minutes.toFixed(1)} minutes; tables in reports/bench/.`);
  console.log(missed.length ? `Budgets missed (${missed.length}):\n${missed.map((line) => `  ${line}`).join('\n')}` : 'Every budget measured was met.');
}
process.exit(broken ? 2 : missed.length ? 1 : 0);
