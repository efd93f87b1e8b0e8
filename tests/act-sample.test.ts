/**
 * A short sample of the W3C ACT Rules conformance run (the full run is npm run test:act,
 * its own CI step): one example of each expected outcome for nine claimed rules, covering
 * axe, IBM Equal Access and our own structure and text checks. Every failed
 * example must be caught and no passed or inapplicable one flagged, so switching a check
 * or an engine off, or breaking the mapping to ACT outcomes, fails this test.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ENGINES } from '../src/lib/a11y/audit-page.ts';
import { loadCases, runHarness } from '../tools/act/harness.ts';
import { tally, verdict, type ExampleResult } from '../tools/act/score.ts';
import { ROOT } from './helpers/site.ts';

/**
 * Rules whose examples the auditor gets right in the full run, one per kind of check. Not
 * 80af7b (keyboard trap): its failed examples are caught 0 to 2 times in 5 from one run to
 * the next, so the keyboard walk is not yet repeatable there (issue 18); npm run test:act
 * reports it.
 */
const SAMPLE_RULES = ['2779a5', 'b5c3f8', 'e086e5', '97a4e1', '23a2a8', 'afw4f7', 'ffd0e9', 'b33eff', '6cfa84'];

let results: ExampleResult[];

beforeAll(async () => {
  const seen = new Set<string>();
  const cases = loadCases(ROOT).cases.filter((item) => {
    const key = `${item.ruleId}|${item.expected}`;
    if (!SAMPLE_RULES.includes(item.ruleId) || item.notRun || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  results = await runHarness({ root: ROOT, cases, workers: 2, engines: DEFAULT_ENGINES });
}, 600_000);

describe('the auditor on a sample of the W3C ACT Rules test cases', () => {
  it('runs one example of each expected outcome of each sampled rule', () => {
    expect(new Set(results.map((item) => item.ruleId))).toEqual(new Set(SAMPLE_RULES));
    expect(results.filter((item) => item.expected === 'failed')).toHaveLength(SAMPLE_RULES.length);
    expect(results.every((item) => !item.errors)).toBe(true);
  });

  it('catches every failed example and flags no passed or inapplicable one', () => {
    const wrong = results.filter((item) => verdict(item) === 'missed' || verdict(item) === 'flagged').map((item) => `${item.ruleId} ${item.title}: ${verdict(item)}`);
    expect(wrong).toEqual([]);
    const { total } = tally(results);
    expect(total.caught).toBe(total.failed);
    expect(total.flagged).toBe(0);
  });
});
