/**
 * npm run audit:timing — the measurement behind issue 18's target "a portal of 300 pages
 * after demo:traffic, every template, in under 5 minutes on the 2-core machine", as one
 * command anyone can repeat: build, serve with a throwaway database and incidents folder,
 * send demo:traffic, audit, and print what was found, what was audited and how long it took,
 * with the load average, since on a shared machine the time says little without it.
 */
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { AuditCannotRun, runAudit } from '../src/lib/a11y/audit.ts';
import { INCIDENT_STATE } from '../src/lib/a11y/states.ts';
import { fail, intOption, numberOption, parseCli } from '../src/lib/cli/cli.ts';
import { buildPortal, hasBuild, startPortal } from '../src/lib/portal/local-portal.ts';

const { values: args } = parseCli({
  usage: 'npm run audit:timing [-- options]',
  summary: [
    'Times the whole-portal accessibility audit on a portal with data: builds the portal, serves it with a',
    'throwaway database, sends demo:traffic, runs the audit against it and checks the time against a budget.',
  ].join('\n'),
  options: {
    'no-build': { type: 'boolean', default: false, description: 'use the build already in dist/' },
    events: { type: 'string', valueName: 'n', description: 'events demo:traffic sends first (default 5000)' },
    budget: { type: 'string', valueName: 'minutes', description: 'the most the audit may take (default 5)' },
    seed: { type: 'string', valueName: 'n', description: 'seed of the audit sample (default 20261126, so runs compare)' },
  },
  json: true,
  problems: 'the audit took longer than the budget, or left a template out',
});

const events = intOption('events', args.events, { min: 1, max: 1_000_000, fallback: 5000 });
const budget = numberOption('budget', args.budget, { min: 0.1, max: 600, fallback: 5, example: '5' });
const seed = intOption('seed', args.seed, { min: 0, max: 4_294_967_295, fallback: 20261126 });
const root = process.cwd();
const say = (line: string) => console.error(line);

function demoTraffic(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'tools/demo-traffic.ts'), '--url', url, '--events', String(events)], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`demo:traffic stopped with exit code ${code}; its messages are above.`))));
  });
}

if (args['no-build']) {
  if (!hasBuild(root)) fail('There is no build in dist/. Run without --no-build, or run "npm run build" first.');
} else {
  say('Building the portal…');
  try {
    buildPortal(root);
  } catch (error) {
    fail((error as Error).message);
  }
}

const portal = await startPortal(root).catch((error: Error) => fail(`The portal would not start: ${error.message}`));
let outcome;
try {
  say(`Sending ${events} demo:traffic events to ${portal.url}…`);
  await demoTraffic(portal.url);
  const loadBefore = loadavg()[0]!;
  const report = await runAudit({ url: portal.url, incidentsDir: portal.incidentsDir, root, seed, outDir: 'reports/a11y-timing', progress: say });
  const loadAfter = loadavg()[0]!;
  const sampling = report.sampling!;
  const minutes = report.seconds / 60;
  outcome = {
    pagesFound: sampling.pagesFound,
    templates: sampling.templates.length,
    templatesLeftOut: sampling.templatesLeftOut.length,
    pagesAudited: report.summary.pages,
    fullAudits: sampling.audited.filter((item) => item.checks === 'all').length,
    states: report.pages.filter((page) => page.state).length,
    incidentBanner: report.pages.some((page) => page.state === INCIDENT_STATE),
    minutes: Math.round(minutes * 100) / 100,
    pagesPerMinute: Math.round((report.summary.pages / minutes) * 10) / 10,
    budgetMinutes: budget,
    loadAverage: { before: loadBefore, after: loadAfter },
    timing: report.timing,
    auditExitCode: report.summary.exitCode,
  };
} catch (error) {
  if (error instanceof AuditCannotRun) fail(`The audit could not run. ${error.message}`);
  fail((error as Error).stack ?? String(error));
} finally {
  await portal.stop();
}

const late = outcome.minutes > budget;
const missing = outcome.templatesLeftOut > 0;
if (args.json) console.log(JSON.stringify(outcome, null, 2));
else {
  console.log(
    `${outcome.pagesFound} pages found in ${outcome.templates} templates; ${outcome.pagesAudited} audited (${outcome.fullAudits} with every check) and ${outcome.states} states${outcome.incidentBanner ? ', the "service down" banner among them' : ''}.`,
  );
  console.log(`${outcome.minutes.toFixed(1)} minutes, ${outcome.pagesPerMinute} pages a minute; load average ${outcome.loadAverage.before.toFixed(1)} at the start, ${outcome.loadAverage.after.toFixed(1)} at the end, on ${availableParallelism()} cores.`);
  console.log(late ? `Over the budget of ${budget} minutes.` : `Within the budget of ${budget} minutes.`);
  if (missing) console.log(`${outcome.templatesLeftOut} templates were left out: the audit must cover every template.`);
  if (outcome.auditExitCode) console.log('The audit itself found problems or checks that could not settle: see reports/a11y-timing/index.html.');
}
process.exit(late || missing ? 1 : 0);
