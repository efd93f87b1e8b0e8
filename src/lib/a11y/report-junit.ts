/**
 * JUnit XML for CI: one test suite per page (or interactive state), one test case per check.
 * A case fails on problems the baseline does not know; known ones are listed in its output.
 * Expired baseline entries fail a suite of their own.
 */
import type { AuditReport, Problem } from '../../schemas/a11y.ts';
import { escapeMarkup } from './escape.ts';
import { describeCriterion } from './wcag.ts';

function describe(problem: Problem): string {
  const criteria = problem.criteria.length ? problem.criteria.map(describeCriterion).join('; ') : 'no WCAG criterion (the portal’s own rule)';
  return [
    `${problem.rule} — ${problem.summary}`,
    `  WCAG: ${criteria}`,
    problem.selector ? `  Element: ${problem.selector}` : '  Element: the whole page',
    `  Seen: ${problem.conditions.join(', ')}`,
    `  Found: ${problem.detail.replace(/\n\s*/g, ' ')}`,
    `  Fix: ${problem.fix}`,
    problem.known ? `  Known: ${problem.known.reason} (owner ${problem.known.owner}, until ${problem.known.expires})` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function junitXml(report: AuditReport): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  for (const page of report.pages) {
    const name = page.state ? `${page.page} [${page.state}]` : page.page;
    const cases: string[] = [];
    let suiteFailures = 0;
    let suiteErrors = 0;
    let suiteSkipped = 0;
    for (const check of page.checks) {
      const problems = report.problems.filter((problem) => problem.page === page.page && problem.state === page.state && problem.check === check.check);
      const fresh = problems.filter((problem) => !problem.known);
      const known = problems.filter((problem) => problem.known);
      let body = '';
      if (check.outcome === 'error') {
        suiteErrors++;
        body += `<error message="${escapeMarkup(check.note ?? 'the check could not run')}" type="check-error"/>`;
      } else if (check.outcome === 'skipped') {
        suiteSkipped++;
        body += `<skipped message="${escapeMarkup(check.note ?? '')}"/>`;
      } else if (fresh.length) {
        suiteFailures++;
        body += `<failure message="${fresh.length} problem${fresh.length === 1 ? '' : 's'} not in the baseline" type="accessibility">${escapeMarkup(fresh.map(describe).join('\n\n'))}</failure>`;
      }
      if (known.length) body += `<system-out>${escapeMarkup(`Known problems (in the baseline):\n\n${known.map(describe).join('\n\n')}`)}</system-out>`;
      cases.push(`    <testcase classname="${escapeMarkup(`a11y.${name}`)}" name="${check.check}" time="${(check.ms / 1000).toFixed(3)}">${body}</testcase>`);
    }
    tests += page.checks.length;
    failures += suiteFailures;
    errors += suiteErrors;
    skipped += suiteSkipped;
    suites.push(
      `  <testsuite name="${escapeMarkup(name)}" tests="${page.checks.length}" failures="${suiteFailures}" errors="${suiteErrors}" skipped="${suiteSkipped}" time="${(page.ms / 1000).toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  if (report.baseline.expired.length) {
    const cases = report.baseline.expired.map(
      (entry) =>
        `    <testcase classname="a11y.baseline" name="${escapeMarkup(`${entry.rule} ${entry.url} ${entry.selector}`)}"><failure message="expired on ${entry.expires}" type="baseline">${escapeMarkup(`Owner: ${entry.owner}\nReason: ${entry.reason}\nFix it, or agree a new date and change expires.`)}</failure></testcase>`,
    );
    tests += cases.length;
    failures += cases.length;
    suites.push(`  <testsuite name="baseline" tests="${cases.length}" failures="${cases.length}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="Accessibility audit" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${report.seconds.toFixed(1)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
