/**
 * The accessibility audit over every page of the built demo portal (the build from the
 * global setup): any problem not in a11y-baseline.yml, any expired entry, or any check that
 * could not run fails the test, with each problem printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAudit } from '../src/lib/a11y/audit.ts';
import { INCIDENT_STATE } from '../src/lib/a11y/states.ts';
import { describeCriterion } from '../src/lib/a11y/wcag.ts';
import type { AuditReport } from '../src/schemas/a11y.ts';
import { ROOT } from './helpers/site.ts';

const out = mkdtempSync(join(tmpdir(), 'taskfront-a11y-portal-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function explain(report: AuditReport): string {
  const lines = report.problems
    .filter((problem) => !problem.known)
    .map((problem) => `${problem.page}${problem.state ? ` [${problem.state}]` : ''} ${problem.check}/${problem.rule} (${problem.criteria.map(describeCriterion).join('; ') || 'portal rule'}): ${problem.summary}\n    at ${problem.selector ?? 'the page'}\n    ${problem.detail.replace(/\n\s*/g, ' ')}`);
  for (const entry of report.baseline.expired) lines.push(`baseline entry ${entry.rule} ${entry.url} ${entry.selector} expired on ${entry.expires}`);
  for (const page of report.pages) {
    for (const check of page.checks.filter((item) => item.outcome === 'error')) lines.push(`${page.page}${page.state ? ` [${page.state}]` : ''} ${check.check} could not run: ${check.note}`);
  }
  return lines.join('\n');
}

describe('accessibility of the demo portal', () => {
  it('has no problem outside the baseline on any page, in any checked state', async () => {
    // Every page found (--sample all): each template's example with every check, the others with the content checks.
    const report = await runAudit({ root: ROOT, build: false, statement: false, outDir: out, sample: Infinity });
    const { sampling } = report;
    console.log(`Portal audit: ${sampling?.pagesFound} pages found in ${sampling?.templates.length} templates, ${report.summary.pages} audited (${sampling?.audited.filter((item) => item.checks === 'all').length} with every check) in ${report.seconds.toFixed(0)} s (${(report.seconds / 60).toFixed(1)} minutes).`);
    expect(explain(report)).toBe('');
    expect(report.summary.exitCode).toBe(0);
    expect(report.summary.notAudited).toBe(0);
    for (const template of sampling!.templates) {
      expect(sampling!.audited.some((item) => item.template === template.id && item.checks === 'all'), `${template.id} ${template.pattern}`).toBe(true);
    }
    // Every page in the sitemap was audited, with the dynamic pages and the four interactive states.
    expect(report.summary.pages).toBeGreaterThanOrEqual(95);
    for (const path of ['/', '/browse/housing', '/report-a-pothole', '/search?q=pothole', '/search?q=xqzvbn', '/performance', '/accessibility']) {
      expect(report.pages.some((page) => page.page === path), path).toBe(true);
    }
    expect(report.pages.filter((page) => page.state).map((page) => page.state)).toHaveLength(4);
    // The "service down" banner, published in the audit portal's own incidents folder, got every check.
    const incident = report.pages.find((page) => page.state === INCIDENT_STATE);
    expect(incident?.checks.map((check) => `${check.check} ${check.outcome}`).sort()).toEqual(
      ['axe', 'forced-colors', 'keyboard', 'load', 'no-js', 'reflow', 'structure', 'text-spacing'].map((check) => `${check} passed`),
    );
    // Every page of the portal (about 200), on two cores that CI may share: half an hour is the ceiling, not the norm.
  }, 1_800_000);
});
