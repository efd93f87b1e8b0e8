/**
 * Turns what the auditor found on each ACT example page into ACT outcomes, and totals
 * them per rule. An example counts as caught when a failure, or a question for a person,
 * names one of the rule's success criteria; a passed or inapplicable example counts as
 * flagged only when a failure names one (a question for a person is not a verdict).
 */
import type { NeedsReview, Problem } from '../../src/schemas/a11y.ts';
import { CRITERIA, compareCriteria, criterionSlug } from '../../src/lib/a11y/wcag.ts';
import type { ClaimedRule } from './claimed-rules.ts';
import type { ActCase } from './fixture-index.ts';

/**
 * The WCAG 2 A and AA criteria a rule decides: those its requirements name "for
 * conformance", else the ones they name as secondary, else the claim's own list.
 */
export function ruleCriteria(testcase: Pick<ActCase, 'ruleAccessibilityRequirements'>, claim: Pick<ClaimedRule, 'criteria'>): string[] {
  if (claim.criteria) return [...claim.criteria].sort(compareCriteria);
  const requirements = Object.entries(testcase.ruleAccessibilityRequirements ?? {});
  const numbers = (entries: typeof requirements) =>
    entries
      .map(([key]) => /^wcag2\d?:(\d\.\d{1,2}\.\d{1,2})$/.exec(key)?.[1])
      .filter((number): number is string => !!number && CRITERIA.get(number)?.level !== 'AAA' && CRITERIA.has(number));
  const conformance = numbers(requirements.filter(([, value]) => value?.forConformance === true));
  const chosen = conformance.length ? conformance : numbers(requirements.filter(([, value]) => value && 'secondary' in value));
  return [...new Set(chosen)].sort(compareCriteria);
}

export interface ExampleResult {
  ruleId: string;
  ruleName: string;
  testcaseId: string;
  title: string;
  url: string;
  expected: ActCase['expected'];
  criteria: string[];
  /** Why it was not run (offline, or the page could not be audited); null when it ran. */
  notRun: string | null;
  /** Failures on the rule's criteria: "check/rule" with the element. */
  failures: { rule: string; engines: string[]; selector: string | null }[];
  /** The failures that came from the rule's own procedures: on a passed or inapplicable example, a wrong answer. */
  own: string[];
  /** Questions for a person on the rule's criteria. */
  questions: { rule: string; engines: string[]; selectors: (string | null)[] }[];
  ms: number;
  /** Checks that crashed, or the whole audit when it did not finish: a failed example with no finding then counts as missed. */
  errors?: string[];
  /** The errors of a first try that did not finish cleanly; the example was audited again on fresh pages. */
  retriedAfter?: string[];
}

const touches = (criteria: readonly string[], wanted: readonly string[]) => criteria.some((number) => wanted.includes(number));

/** "axe/label" matches "axe/label"; "text-spacing/" matches every rule of that check. */
export const isProcedure = (rule: string, procedures: readonly string[]) => procedures.some((procedure) => (procedure.endsWith('/') ? rule.startsWith(procedure) : rule === procedure));

/**
 * What the audit of one example said about the rule's criteria (failures and questions),
 * and which of those failures came from the rule's own procedures (`own`). With
 * `onlyProcedures`, failures and questions from other findings do not count at all.
 */
export function judge(
  problems: readonly (Problem & { engines?: string[] })[],
  needsReview: readonly (NeedsReview & { engines?: string[] })[],
  criteria: readonly string[],
  procedures: readonly string[] = [],
  onlyProcedures = false,
): Pick<ExampleResult, 'failures' | 'questions' | 'own'> {
  const counts = (item: { check: string; rule: string; criteria: string[] }) => (onlyProcedures ? isProcedure(`${item.check}/${item.rule}`, procedures) : touches(item.criteria, criteria));
  const failures = problems.filter(counts).map((problem) => ({ rule: `${problem.check}/${problem.rule}`, engines: problem.engines ?? [engineOf(problem.check)], selector: problem.selector }));
  return {
    failures,
    questions: needsReview
      .filter((item) => item.kind === 'needs-review' && counts(item))
      .map((item) => ({ rule: `${item.check}/${item.rule}`, engines: item.engines ?? [engineOf(item.check)], selectors: item.elements.map((element) => element.selector) })),
    own: [...new Set(failures.map((item) => item.rule).filter((rule) => isProcedure(rule, procedures)))],
  };
}

const engineOf = (check: string) => (check === 'axe' || check === 'forced-colors' ? 'axe-core' : 'taskfront');

/** The results as if one engine had not run: what it found alone is taken away (what it shares with another stays). */
export function without(results: readonly ExampleResult[], engine: string): ExampleResult[] {
  const others = (engines: string[]) => engines.some((name) => name !== engine);
  return results.map((result) => {
    const failures = result.failures.filter((item) => others(item.engines));
    return { ...result, failures, questions: result.questions.filter((item) => others(item.engines)), own: result.own.filter((rule) => failures.some((item) => item.rule === rule)) };
  });
}

export type Verdict = 'caught' | 'missed' | 'flagged' | 'clean' | 'not-run';

export function verdict(result: Pick<ExampleResult, 'expected' | 'notRun' | 'failures' | 'questions' | 'own'>): Verdict {
  if (result.notRun) return 'not-run';
  if (result.expected === 'failed') return result.failures.length || result.questions.length ? 'caught' : 'missed';
  return result.own.length ? 'flagged' : 'clean';
}

export interface Tally {
  failed: number;
  caught: number;
  /** Failed examples caught only by a question for a person. */
  caughtByQuestion: number;
  passedOrInapplicable: number;
  flagged: number;
  /** Passed or inapplicable examples with a failure on the criteria from another rule's findings (often a real, different failure). */
  otherFailures: number;
  /** Examples of any kind with a question for a person on the rule's criteria. */
  questions: number;
  notRun: number;
}

export interface RuleTally extends Tally {
  ruleId: string;
  ruleName: string;
  criteria: string[];
}

const empty = (): Tally => ({ failed: 0, caught: 0, caughtByQuestion: 0, passedOrInapplicable: 0, flagged: 0, otherFailures: 0, questions: 0, notRun: 0 });

function add(tally: Tally, result: ExampleResult) {
  const said = verdict(result);
  if (said === 'not-run') {
    tally.notRun++;
    return;
  }
  if (result.questions.length) tally.questions++;
  if (result.expected === 'failed') {
    tally.failed++;
    if (said === 'caught') tally.caught++;
    if (said === 'caught' && !result.failures.length) tally.caughtByQuestion++;
  } else {
    tally.passedOrInapplicable++;
    if (said === 'flagged') tally.flagged++;
    else if (result.failures.length) tally.otherFailures++;
  }
}

export function tally(results: readonly ExampleResult[]): { rules: RuleTally[]; total: Tally } {
  const rules = new Map<string, RuleTally>();
  const total = empty();
  for (const result of results) {
    let rule = rules.get(result.ruleId);
    if (!rule) rules.set(result.ruleId, (rule = { ruleId: result.ruleId, ruleName: result.ruleName, criteria: result.criteria, ...empty() }));
    add(rule, result);
    add(total, result);
  }
  return { rules: [...rules.values()].sort((a, b) => compareCriteria(a.criteria[0] ?? '9', b.criteria[0] ?? '9') || a.ruleId.localeCompare(b.ruleId)), total };
}

export const TARGETS = { caught: 0.97, flagged: 0.02 } as const;

export const share = (part: number, whole: number) => (whole ? part / whole : 0);
export const percent = (part: number, whole: number) => `${(100 * share(part, whole)).toFixed(1)}%`;

export function meetsTargets(total: Tally): boolean {
  return share(total.caught, total.failed) >= TARGETS.caught && share(total.flagged, total.passedOrInapplicable) <= TARGETS.flagged;
}

/** A rule's line in the README and the summary: what the auditor says on its examples. */
export function ruleResult(rule: Tally): string {
  if (!rule.failed && !rule.passedOrInapplicable) return 'not run offline';
  const caught = rule.failed ? `${rule.caught}/${rule.failed} failed caught` : 'no failed examples';
  const flagged = `${rule.flagged}/${rule.passedOrInapplicable} others flagged`;
  return `${caught}; ${flagged}`;
}

/** The W3C ACT implementation report shape (as W3C publishes for axe-core, Alfa, QualWeb): one assertion per example. */
export function earlImplementationReport(results: readonly ExampleResult[], meta: { tool: string; version: string; date: string; engines: string[] }) {
  const assertedBy = `https://github.com/taskfront/taskfront#audit-a11y@${meta.version}`;
  return {
    '@context': {
      '@vocab': 'http://www.w3.org/ns/earl#',
      earl: 'http://www.w3.org/ns/earl#',
      WCAG2: 'http://www.w3.org/TR/WCAG22/#',
      dct: 'http://purl.org/dc/terms/',
      sch: 'https://schema.org/',
      ptr: 'http://www.w3.org/2009/pointers#',
      doap: 'http://usefulinc.com/ns/doap#',
      source: 'dct:source',
      title: 'dct:title',
      description: 'dct:description',
      assertedBy: { '@type': '@id' },
      outcome: { '@type': '@id' },
      mode: { '@type': '@id' },
      pointer: { '@type': 'ptr:CSSSelectorPointer' },
      isPartOf: { '@id': 'dct:isPartOf', '@type': '@id' },
    },
    '@graph': [
      { '@id': assertedBy, '@type': ['earl:Assertor', 'earl:Software', 'doap:Project'], 'doap:name': meta.tool, 'doap:release': { 'doap:revision': meta.version }, description: `Engines: ${meta.engines.join(', ')}. Run ${meta.date}.` },
      ...results
        .filter((result) => !result.notRun)
        .map((result) => {
          const failed = result.failures.length > 0;
          const outcome = failed ? 'earl:failed' : result.questions.length ? 'earl:cantTell' : 'earl:passed';
          const found = failed ? result.failures.map((item) => item.rule) : result.questions.map((item) => item.rule);
          const pointers = failed ? result.failures.map((item) => item.selector).filter((selector): selector is string => !!selector) : result.questions.flatMap((item) => item.selectors).filter((selector): selector is string => !!selector);
          return {
            '@type': 'Assertion',
            mode: 'earl:automatic',
            assertedBy,
            subject: { '@type': ['earl:TestSubject', 'sch:WebPage'], source: result.url },
            test: {
              '@type': 'TestCase',
              '@id': `urn:taskfront:act:${result.ruleId}`,
              title: `taskfront-act-${result.ruleId}`,
              isPartOf: result.criteria.map((number) => `WCAG2:${criterionSlug(number) ?? number}`),
            },
            result: {
              '@type': 'TestResult',
              outcome,
              ...(found.length ? { description: [...new Set(found)].join(', ') } : {}),
              ...(pointers.length ? { pointer: [...new Set(pointers)].slice(0, 10) } : {}),
            },
          };
        }),
    ],
  };
}

/**
 * Scores a saved result again against the current claims (tools/act/claimed-rules.ts), so a
 * change to a rule's procedures can be checked on results.json without auditing again.
 */
export function rescore(result: Omit<ExampleResult, 'own'> & { own?: string[] }, procedures: readonly string[], onlyProcedures = false): ExampleResult {
  const failures = onlyProcedures ? result.failures.filter((item) => isProcedure(item.rule, procedures)) : result.failures;
  const questions = onlyProcedures ? result.questions.filter((item) => isProcedure(item.rule, procedures)) : result.questions;
  return { ...result, failures, questions, own: [...new Set(failures.map((item) => item.rule).filter((rule) => isProcedure(rule, procedures)))] };
}
