import { describe, expect, it } from 'vitest';
import type { AuditReport, Problem } from '../../schemas/a11y.ts';
import { junitXml } from './report-junit.ts';

const problem = (fields: Partial<Problem>): Problem => ({
  id: 'abc',
  check: 'axe',
  rule: 'image-alt',
  page: '/a',
  state: null,
  criteria: ['1.1.1'],
  impact: 'critical',
  summary: 'Images must have alternate text',
  detail: 'Fix any of the following: <img> has no alt',
  fix: 'Add alt text.',
  helpUrl: null,
  selector: 'img',
  html: '<img src="x">',
  conditions: ['320 px'],
  screenshot: null,
  known: null,
  ...fields,
});

const report = (problems: Problem[]): AuditReport =>
  ({
    seconds: 1,
    pages: [
      { page: '/a', state: null, title: 'A', status: 200, ms: 1200, checks: [{ check: 'axe', outcome: 'failed', problems: 2, ms: 500 }, { check: 'reflow', outcome: 'passed', problems: 0, ms: 20 }, { check: 'keyboard', outcome: 'error', problems: 0, ms: 5, note: 'boom' }] },
    ],
    problems,
    baseline: { expired: [{ rule: 'label', url: '/b', selector: '*', owner: 'Team', reason: 'Because of things', expires: '2020-01-01' }], fixed: [], notAudited: [] },
  }) as unknown as AuditReport;

describe('JUnit report', () => {
  it('escapes what XML cannot hold', () => {
    const xml = junitXml(report([problem({ detail: 'a < b & "c" \u0007' })]));
    expect(xml).toContain('Found: a &lt; b &amp; &quot;c&quot; \n');
    expect(xml).not.toContain('\u0007');
  });

  it('has one case per page and check; fails on new problems only, lists known ones, errors on broken checks', () => {
    const xml = junitXml(report([problem({}), problem({ id: 'def', selector: 'img.logo', known: { owner: 'Team', reason: 'Logo redesign', expires: '2030-01-01' } })]));
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    expect(xml).toContain('<testsuites name="Accessibility audit" tests="4" failures="2" errors="1" skipped="0"');
    expect(xml).toContain('<failure message="1 problem not in the baseline" type="accessibility">image-alt — Images must have alternate text');
    expect(xml).toContain('WCAG: 1.1.1 Non-text Content (A)');
    expect(xml).toContain('Known problems (in the baseline)');
    expect(xml).toContain('<error message="boom" type="check-error"/>');
    expect(xml).toContain('<failure message="expired on 2020-01-01" type="baseline">');
    expect(xml).toContain('&lt;img&gt; has no alt');
  });
});
