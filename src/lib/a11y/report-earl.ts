/**
 * The audit as W3C EARL 1.0 in JSON-LD (earl.jsonld): one assertion per problem (failed),
 * per question for a person (cantTell), and per page and check that ran (passed,
 * inapplicable, cantTell when it could not settle, untested when it crashed or was skipped).
 * Tools that collect accessibility results (and the ACT Rules implementation reports) read it.
 */
import type { AuditReport, CheckOutcome } from '../../schemas/a11y.ts';
import { criterionUri } from './wcag.ts';

export const EARL_CONTEXT = {
  earl: 'http://www.w3.org/ns/earl#',
  dct: 'http://purl.org/dc/terms/',
  sch: 'https://schema.org/',
  ptr: 'http://www.w3.org/2009/pointers#',
  WCAG22: 'https://www.w3.org/TR/WCAG22/#',
  assertedBy: { '@id': 'earl:assertedBy', '@type': '@id' },
  outcome: { '@id': 'earl:outcome', '@type': '@id' },
  mode: { '@id': 'earl:mode', '@type': '@id' },
  subject: { '@id': 'earl:subject' },
  test: { '@id': 'earl:test' },
  result: { '@id': 'earl:result' },
  pointer: { '@id': 'earl:pointer' },
  isPartOf: { '@id': 'dct:isPartOf', '@type': '@id', '@container': '@set' },
  title: 'dct:title',
  description: 'dct:description',
  date: 'dct:date',
  source: { '@id': 'dct:source', '@type': '@id' },
};

export type EarlOutcome = 'earl:passed' | 'earl:failed' | 'earl:cantTell' | 'earl:inapplicable' | 'earl:untested';

export interface EarlAssertion {
  '@type': 'earl:Assertion';
  assertedBy: string;
  mode: 'earl:automatic';
  subject: { '@id': string; '@type': string[]; source: string; title?: string };
  test: { '@id': string; '@type': 'earl:TestCase'; title: string; isPartOf: string[] };
  result: { '@type': 'earl:TestResult'; outcome: EarlOutcome; description: string; date: string; pointer?: { '@type': 'ptr:CSSSelectorPointer'; 'ptr:expression': string } };
}

const OUTCOME: Record<CheckOutcome['outcome'], EarlOutcome> = {
  passed: 'earl:passed',
  failed: 'earl:failed',
  error: 'earl:untested',
  skipped: 'earl:untested',
  'not-applicable': 'earl:inapplicable',
  'could-not-test': 'earl:cantTell',
};

const TOOL = 'urn:taskfront:audit-a11y';

export function earlReport(report: AuditReport, base: string): { '@context': typeof EARL_CONTEXT; '@graph': unknown[] } {
  const date = report.startedAt;
  const subject = (page: string, state: string | null, title?: string) => {
    const address = new URL(page, base).href;
    return { '@id': state ? `${address}#state=${encodeURIComponent(state)}` : address, '@type': ['earl:TestSubject', 'sch:WebPage'], source: address, ...(title ? { title } : {}) };
  };
  const test = (id: string, title: string, criteria: readonly string[]) => ({ '@id': `${TOOL}:${id}`, '@type': 'earl:TestCase' as const, title, isPartOf: criteria.map(criterionUri) });
  const assertion = (fields: Omit<EarlAssertion, '@type' | 'assertedBy' | 'mode'>): EarlAssertion => ({ '@type': 'earl:Assertion', assertedBy: TOOL, mode: 'earl:automatic', ...fields });
  const graph: EarlAssertion[] = [];
  for (const page of report.pages) {
    for (const check of page.checks) {
      if (check.outcome === 'failed') continue; // Each problem is its own assertion below.
      const spec = report.checks.find((item) => item.id === check.check);
      graph.push(
        assertion({
          subject: subject(page.page, page.state, page.title || undefined),
          test: test(`check/${check.check}`, spec?.name ?? check.check, spec?.criteria ?? []),
          result: { '@type': 'earl:TestResult', outcome: OUTCOME[check.outcome], description: check.note ?? (check.problems ? `${check.problems} known problems (in the baseline)` : 'No problem found.'), date },
        }),
      );
    }
  }
  for (const problem of report.problems) {
    graph.push(
      assertion({
        subject: subject(problem.page, problem.state),
        test: test(`${problem.check}/${problem.rule}`, problem.summary, problem.criteria),
        result: {
          '@type': 'earl:TestResult',
          outcome: 'earl:failed',
          description: `${problem.detail}${problem.known ? ` (known: ${problem.known.reason})` : ''}`,
          date,
          ...(problem.selector ? { pointer: { '@type': 'ptr:CSSSelectorPointer' as const, 'ptr:expression': problem.selector } } : {}),
        },
      }),
    );
  }
  for (const item of report.needsReview.filter((entry) => entry.kind === 'needs-review')) {
    for (const element of item.elements.length ? item.elements : [{ selector: null, html: null, detail: item.question }]) {
      graph.push(
        assertion({
          subject: subject(item.page, item.state),
          test: test(`${item.check}/${item.rule}`, item.summary, item.criteria),
          result: {
            '@type': 'earl:TestResult',
            outcome: 'earl:cantTell',
            description: `${item.question} ${element.detail}`,
            date,
            ...(element.selector ? { pointer: { '@type': 'ptr:CSSSelectorPointer' as const, 'ptr:expression': element.selector } } : {}),
          },
        }),
      );
    }
  }
  return { '@context': EARL_CONTEXT, '@graph': graph };
}
