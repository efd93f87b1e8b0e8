/**
 * npm run test:act [-- --rules id,id --sample N --workers 2 --out reports/act --json]
 * Measures the accessibility auditor against the W3C ACT Rules test cases of every rule it
 * claims (tests/act/cases/, offline): per rule and in total, failed examples caught,
 * passed or inapplicable examples flagged, and questions left for a person. Writes the
 * ACT implementation report (EARL, JSON-LD), a Markdown summary and every example's result. Exit 1 when a target
 * is missed: at least 97% of failed examples caught, at most 2% of the others flagged.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_ENGINES, type Engine } from '../src/lib/a11y/audit-page.ts';
import { AXE_ENGINE, IBM_ENGINE, ibmVersion } from '../src/lib/a11y/checks/ibm.ts';
import { EXIT, fail, intOption, parseCli } from '../src/lib/cli/cli.ts';
import { CLAIMED } from './act/claimed-rules.ts';
import { loadCases, runHarness, type Case } from './act/harness.ts';
import { earlImplementationReport, meetsTargets, percent, rescore, ruleResult, tally, TARGETS, verdict, without, type ExampleResult, type RuleTally, type Tally } from './act/score.ts';
import { actSummary } from './act/summary.ts';

// A declaration for the one CLI wrapper (src/lib/cli/cli.ts): every tool's option table has this shape; the options are this tool's own.
const { values } = parseCli({
  usage: 'npm run test:act [-- options]',
  summary: 'Runs the accessibility auditor over the W3C ACT Rules test cases for the rules it claims and reports how many it gets right.',
  options: {
    rules: { type: 'string', valueName: 'id,id', description: 'only these ACT rule ids (default: every claimed rule)' },
    sample: { type: 'string', valueName: 'n', description: 'at most n examples per rule and expected outcome (default: all)' },
    engines: { type: 'string', default: DEFAULT_ENGINES.join(','), valueName: 'axe[,ibm]', description: `rule engines to run beside our own checks (default ${DEFAULT_ENGINES.join(',')})` },
    workers: { type: 'string', default: '2', valueName: 'n', description: 'pages audited at once (default 2)' },
    out: { type: 'string', default: 'reports/act', valueName: 'dir', description: 'where to write earl.jsonld and summary.md (default reports/act)' },
    quiet: { type: 'boolean', description: 'no progress lines' },
    'min-caught': { type: 'string', valueName: 'percent', description: `exit 0 when at least this share of failed examples is caught, though under the ${TARGETS.caught * 100}% target: CI's floor against regressions while the target is not yet met (default: the target)` },
    from: { type: 'string', valueName: 'file,file', description: 'score saved results.json files again instead of auditing; a later file replaces the examples it has (a rule re-run after a fix)' },
  },
  json: 'print the per-rule and total figures as JSON',
  problems: 'a target was missed',
  cannotRun: 'could not run (no fixtures, no browser, a wrong option)',
});

const root = process.cwd();
const engines = values.engines.split(',').map((name) => name.trim()).filter(Boolean);
const wrongEngine = engines.filter((name) => name !== 'axe' && name !== 'ibm');
if (wrongEngine.length || !engines.includes('axe')) fail(`--engines takes axe or axe,ibm (axe always runs); got "${values.engines}".`);
const workers = intOption('workers', values.workers, { min: 1, max: 8, fallback: 2 });
const sample = values.sample === undefined ? null : intOption('sample', values.sample, { min: 1, max: 1000, fallback: 1 });
let index;
try {
  index = loadCases(root);
} catch (error) {
  fail((error as Error).message);
}
let cases: Case[] = index.cases;
if (values.rules) {
  const wanted = values.rules.split(',').map((id) => id.trim()).filter(Boolean);
  const unknown = wanted.filter((id) => !CLAIMED[id]);
  if (unknown.length) fail(`--rules: ${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not a claimed ACT rule. Claimed: ${Object.keys(CLAIMED).join(', ')}.`);
  cases = cases.filter((item) => wanted.includes(item.ruleId));
}
if (sample) {
  const taken = new Map<string, number>();
  cases = cases.filter((item) => {
    const key = `${item.ruleId}|${item.expected}`;
    const count = taken.get(key) ?? 0;
    if (item.notRun || count >= sample) return false;
    taken.set(key, count + 1);
    return true;
  });
}

const started = Date.now();
const log = (line: string) => {
  if (!values.json && !values.quiet) console.error(line);
};
if (!values.from) log(`Auditing ${cases.filter((item) => !item.notRun).length} ACT examples of ${new Set(cases.map((item) => item.ruleId)).size} rules with ${workers} workers (fixtures from w3c/wcag-act-rules ${index.commit.slice(0, 12)})…`);
let results: ExampleResult[];
if (values.from) {
  const byExample = new Map<string, ExampleResult>();
  for (const file of values.from.split(',')) {
    try {
      for (const item of JSON.parse(readFileSync(resolve(root, file), 'utf8')) as ExampleResult[]) byExample.set(`${item.ruleId}|${item.testcaseId}`, item);
    } catch (error) {
      fail(`--from ${file}: cannot read it as a results.json from an earlier run (${(error as Error).message.split('\n')[0]}).`);
    }
  }
  const saved = [...byExample.values()];
  const unknown = saved.filter((item) => !CLAIMED[item.ruleId]).map((item) => item.ruleId);
  if (unknown.length) fail(`--from ${values.from}: rules ${[...new Set(unknown)].join(', ')} are no longer claimed; run the harness again.`);
  results = saved.map((item) => rescore(item, CLAIMED[item.ruleId]!.procedures, CLAIMED[item.ruleId]!.onlyProcedures));
} else {
  try {
    results = await runHarness({
      root,
      cases,
      workers,
      engines: engines as Engine[],
      progress: (done, total, result) => {
        const said = verdict(result);
        if (said === 'missed' || said === 'flagged' || result.errors || done % 10 === 0 || done === total) log(`  ${done}/${total}${said === 'missed' || said === 'flagged' ? ` ${said.toUpperCase()} ${result.ruleId} ${result.title}${said === 'flagged' ? `: ${result.own.join(', ')}` : ''}` : ''}${result.errors ? ` (errors: ${result.errors.join('; ')})` : ''}`);
      },
    });
  } catch (error) {
    fail(`The ACT harness could not run: ${(error as Error).message.split('\n')[0]}`);
  }
}
const seconds = values.from ? null : Math.round((Date.now() - started) / 1000);
const { rules, total } = tally(results);
const withIbm = engines.includes('ibm');
const axeOnly = withIbm ? tally(without(results, IBM_ENGINE)).total : null;
const engineNames = [`${AXE_ENGINE} ${axeVersion()}`, ...(withIbm ? [`${IBM_ENGINE} ${ibmVersion()}`] : []), 'Taskfront checks'];
const ok = meetsTargets(total);
const floor = values['min-caught'] === undefined ? TARGETS.caught : intOption('min-caught', values['min-caught'], { min: 0, max: 100, fallback: 97 }) / 100;
// Under the target but at or above the floor: the figures still say TARGETS MISSED; only the exit code is held.
const aboveFloor = total.failed > 0 && total.caught / total.failed >= floor && meetsTargets({ ...total, caught: total.failed });
const version = '0.1.0';

const out = resolve(root, values.out);
mkdirSync(out, { recursive: true });
const date = new Date().toISOString();
writeFileSync(join(out, 'earl.jsonld'), `${JSON.stringify(earlImplementationReport(results, { tool: 'Taskfront accessibility audit', version, date, engines: engineNames }), null, 1)}\n`);
writeFileSync(join(out, 'results.json'), `${JSON.stringify(results, null, 1)}\n`);
writeFileSync(join(out, 'summary.md'), actSummary({ rules, total, results, commit: index.commit, date, seconds, workers, sampled: sample !== null || !!values.rules, engines: engineNames, axeOnly }));

if (values.json) {
  console.log(JSON.stringify({ ok, seconds, engines: engineNames, total, withoutIbm: axeOnly, rules, targets: TARGETS }, null, 1));
} else {
  const line = (label: string, row: Tally) =>
    `${label.padEnd(8)} ${`${row.caught}/${row.failed}`.padStart(9)} ${percent(row.caught, row.failed).padStart(7)}   ${`${row.flagged}/${row.passedOrInapplicable}`.padStart(9)} ${percent(row.flagged, row.passedOrInapplicable).padStart(6)}   ${String(row.questions).padStart(5)}   ${String(row.notRun).padStart(3)}`;
  console.log(`${'rule'.padEnd(8)} ${'caught'.padStart(9)} ${''.padStart(7)}   ${'flagged'.padStart(9)} ${''.padStart(6)}   ${'ask'.padStart(5)}   ${'n/r'.padStart(3)}  name`);
  for (const rule of rules) console.log(`${line(rule.ruleId, rule)}  ${rule.ruleName} (${rule.criteria.join(', ')})`);
  console.log(line('total', total));
  console.log(
    `\nFailed examples caught: ${total.caught} of ${total.failed} (${percent(total.caught, total.failed)}; target ≥ ${TARGETS.caught * 100}%), ${total.caughtByQuestion} of them only as a question for a person.` +
      `\nPassed or inapplicable examples flagged as failures by the rule's own checks: ${total.flagged} of ${total.passedOrInapplicable} (${percent(total.flagged, total.passedOrInapplicable)}; target ≤ ${TARGETS.flagged * 100}%); ${total.otherFailures} more have a failure of the same criterion from another check (listed in the summary).` +
      `\nExamples with a question for a person: ${total.questions}. Not run (offline): ${total.notRun}. ${seconds === null ? `Scored again from ${values.from}.` : `Took ${seconds} s.`}` +
      (axeOnly ? `\nWithout IBM Equal Access (axe and our checks only): ${axeOnly.caught}/${axeOnly.failed} caught (${percent(axeOnly.caught, axeOnly.failed)}), ${axeOnly.flagged}/${axeOnly.passedOrInapplicable} flagged (${percent(axeOnly.flagged, axeOnly.passedOrInapplicable)}), ${axeOnly.questions} with a question.` : '') +
      `\n${ok ? 'Targets met.' : 'TARGETS MISSED.'} Wrote ${values.out}/earl.jsonld, summary.md and results.json (every example, with what was found).`,
  );
  const misses = rules.filter((rule: RuleTally) => rule.caught < rule.failed || rule.flagged).map((rule) => `${rule.ruleId} (${ruleResult(rule)})`);
  if (misses.length) console.log(`Rules not perfect: ${misses.join('; ')}.`);
  if (!ok && aboveFloor) console.log(`Exit 0 all the same: ${percent(total.caught, total.failed)} caught is at or above the floor of ${floor * 100}% given with --min-caught, and the flagged share is within its target.`);
}
process.exit(ok || aboveFloor ? EXIT.ok : EXIT.problems);

function axeVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'node_modules/axe-core/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
