import { describe, expect, it } from 'vitest';
import type { NeedsReview, Problem } from '../../src/schemas/a11y.ts';
import { earlImplementationReport, judge, meetsTargets, rescore, ruleCriteria, tally, verdict, without, type ExampleResult } from './score.ts';

const problem = (criteria: string[], engines?: string[], rule = 'image-alt'): Problem & { engines?: string[] } => ({
  id: 'x',
  check: 'axe',
  rule,
  page: '/p',
  state: null,
  criteria,
  impact: 'serious',
  summary: 's',
  detail: 'd',
  fix: 'f',
  helpUrl: null,
  selector: 'img',
  html: '<img>',
  conditions: ['320 px'],
  screenshot: null,
  known: null,
  ...(engines ? { engines } : {}),
});
const question = (criteria: string[], kind: NeedsReview['kind'] = 'needs-review', engines?: string[]): NeedsReview => ({
  page: '/p',
  state: null,
  kind,
  check: 'axe',
  rule: 'th-has-data-cells',
  summary: 's',
  question: 'q',
  criteria,
  helpUrl: null,
  elements: [{ selector: 'th', html: '<th>', detail: 'd' }],
  conditions: ['320 px'],
  ...(engines ? { engines } : {}),
});
const example = (expected: ExampleResult['expected'], found: Partial<ExampleResult> = {}, ruleId = 'r1'): ExampleResult => ({
  ruleId,
  ruleName: 'Rule',
  testcaseId: Math.random().toString(36),
  title: 'Example',
  url: 'https://www.w3.org/x.html',
  expected,
  criteria: ['1.1.1'],
  notRun: null,
  failures: [],
  questions: [],
  ms: 1,
  own: expected === 'failed' ? [] : (found.failures ?? []).map((item) => item.rule),
  ...found,
});

describe('the criteria an ACT rule decides', () => {
  it('takes the WCAG A and AA criteria required for conformance, leaving out AAA and techniques', () => {
    const requirements = { 'wcag20:1.4.3': { forConformance: true }, 'wcag20:1.4.6': { forConformance: true }, 'wcag-technique:G18': { forConformance: true } };
    expect(ruleCriteria({ ruleAccessibilityRequirements: requirements }, {})).toEqual(['1.4.3']);
  });

  it('falls back to secondary criteria, then to the claim’s own list', () => {
    expect(ruleCriteria({ ruleAccessibilityRequirements: { 'aria12:x': { forConformance: true }, 'wcag20:4.1.2': { secondary: 'less strict' }, 'wcag20:1.3.1': { secondary: 'x' } } }, {})).toEqual(['1.3.1', '4.1.2']);
    expect(ruleCriteria({ ruleAccessibilityRequirements: null }, { criteria: ['2.4.6', '1.3.1'] })).toEqual(['1.3.1', '2.4.6']);
  });
});

describe('judging one example', () => {
  it('counts failures and questions only on the rule’s criteria; best-practice advice is neither', () => {
    const said = judge([problem(['1.1.1']), problem(['3.1.1'], undefined, 'html-has-lang')], [question(['1.1.1']), question(['1.1.1'], 'best-practice'), question(['1.3.1'])], ['1.1.1']);
    expect(said.failures).toEqual([{ rule: 'axe/image-alt', engines: ['axe-core'], selector: 'img' }]);
    expect(said.questions).toHaveLength(1);
  });

  it('tells the rule’s own failures from other failures of the same criterion', () => {
    const said = judge([problem(['4.1.2'], undefined, 'label'), problem(['4.1.2'], undefined, 'aria-required-attr'), problem(['1.4.12'], undefined, 'text-spacing-overlap')], [], ['4.1.2', '1.4.12'], ['axe/label', 'axe/aria-input-field-name'], false);
    expect(said.failures).toHaveLength(3);
    expect(said.own).toEqual(['axe/label']);
    expect(judge([problem(['1.4.12'], undefined, 'x')].map((item) => ({ ...item, check: 'text-spacing' as const })), [], ['1.4.12'], ['text-spacing/']).own).toEqual(['text-spacing/x']);
    // A passed example failed only by another rule's check is not flagged; by the rule's own, it is.
    expect(verdict({ expected: 'passed', notRun: null, failures: said.failures, questions: [], own: [] })).toBe('clean');
    expect(verdict({ expected: 'passed', notRun: null, failures: said.failures, questions: [], own: said.own })).toBe('flagged');
  });

  it('scores a saved result again against changed procedures', () => {
    const saved = example('passed', { failures: [{ rule: 'axe/label', engines: ['axe-core'], selector: 'input' }, { rule: 'axe/aria-roles', engines: ['axe-core'], selector: 'div' }] });
    expect(rescore(saved, ['axe/aria-roles']).own).toEqual(['axe/aria-roles']);
    expect(rescore(saved, ['axe/aria-roles'], true).failures.map((item) => item.rule)).toEqual(['axe/aria-roles']);
    expect(rescore(saved, ['axe/button-name']).own).toEqual([]);
  });

  it('with procedures only, counts only those findings whatever their criteria', () => {
    const said = judge([problem(['4.1.2'], undefined, 'label'), problem(['4.1.2'], undefined, 'aria-roles')], [question(['1.3.1'])], ['4.1.2'], ['axe/aria-roles'], true);
    expect(said.failures.map((item) => item.rule)).toEqual(['axe/aria-roles']);
    expect(said.questions).toEqual([]);
  });

  it('catches a failed example by a failure or a question, and flags a passing one only by a failure', () => {
    expect(verdict(example('failed', { failures: [{ rule: 'a', engines: [], selector: null }] }))).toBe('caught');
    expect(verdict(example('failed', { questions: [{ rule: 'a', engines: [], selectors: [] }] }))).toBe('caught');
    expect(verdict(example('failed'))).toBe('missed');
    expect(verdict(example('passed', { questions: [{ rule: 'a', engines: [], selectors: [] }] }))).toBe('clean');
    expect(verdict(example('inapplicable', { failures: [{ rule: 'a', engines: [], selector: null }] }))).toBe('flagged');
    expect(verdict(example('failed', { notRun: 'needs video.mp4' }))).toBe('not-run');
  });
});

describe('totals and targets', () => {
  const results = [
    ...Array.from({ length: 97 }, () => example('failed', { failures: [{ rule: 'a', engines: ['axe-core'], selector: null }] })),
    example('failed', { questions: [{ rule: 'q', engines: ['ibm-equal-access'], selectors: [] }] }),
    example('failed'),
    example('failed', { errors: ['the audit did not finish in 120 s'] }),
    ...Array.from({ length: 98 }, () => example('passed')),
    example('inapplicable', { failures: [{ rule: 'b', engines: ['ibm-equal-access'], selector: null }] }),
    example('passed', { failures: [{ rule: 'b', engines: ['axe-core', 'ibm-equal-access'], selector: null }] }, 'r2'),
    example('passed', { notRun: 'offline' }),
  ];

  it('counts per rule and in total, an example that could not be audited as a miss', () => {
    const { rules, total } = tally(results);
    expect(total).toEqual({ failed: 100, caught: 98, caughtByQuestion: 1, passedOrInapplicable: 100, flagged: 2, otherFailures: 0, questions: 1, notRun: 1 });
    expect(rules.map((rule) => [rule.ruleId, rule.flagged])).toEqual([['r1', 1], ['r2', 1]]);
    expect(meetsTargets(total)).toBe(true);
    expect(meetsTargets({ ...total, caught: 96 })).toBe(false);
    expect(meetsTargets({ ...total, flagged: 3 })).toBe(false);
  });

  it('takes away what one engine found alone, keeping what another engine also found', () => {
    const { total } = tally(without(results, 'ibm-equal-access'));
    expect([total.caught, total.flagged, total.questions]).toEqual([97, 1, 0]);
  });

  it('writes one EARL assertion per example run, failed, cantTell or passed, against the rule’s criteria', () => {
    const report = earlImplementationReport(results.slice(96, 100), { tool: 'Taskfront', version: '1', date: '2026-01-01', engines: ['axe-core'] });
    const assertions = report['@graph'].slice(1) as { result: { outcome: string }; test: { isPartOf: string[] } }[];
    expect(assertions.map((item) => item.result.outcome)).toEqual(['earl:failed', 'earl:cantTell', 'earl:passed', 'earl:passed']);
    expect(assertions[0]!.test.isPartOf).toEqual(['WCAG2:non-text-content']);
  });
});
