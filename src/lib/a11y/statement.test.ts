import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditReport, LatestAudit, Problem, StatementFile } from '../../schemas/a11y.ts';
import { complianceStatus, latestFromReport, loadStatementData, nonAccessibleContent, StatementError } from './statement.ts';

const dir = mkdtempSync(join(tmpdir(), 'a11y-statement-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const statement = (fields: Partial<StatementFile> = {}): StatementFile => ({
  organisation: 'Riverton City Council',
  website: 'the services website',
  contact: { phone: '01632 960 444', responseTime: '5 working days' },
  manualTest: { date: null, by: null },
  knownProblems: [],
  enforcement: 'The EHRC enforces the regulations.',
  preparedOn: '2026-11-23',
  reviewedOn: '2026-11-23',
  ...fields,
});

const problem = (fields: Partial<Problem>): Problem => ({
  id: 'x',
  check: 'axe',
  rule: 'color-contrast',
  page: '/a',
  state: null,
  criteria: ['1.4.3'],
  impact: 'serious',
  summary: 'Text has too little contrast',
  detail: '',
  fix: '',
  helpUrl: null,
  selector: 'p',
  html: null,
  conditions: [],
  screenshot: null,
  known: null,
  ...fields,
});

const report = (problems: Problem[]) =>
  ({
    tool: { name: 'taskfront audit:a11y', version: '0.1.0' },
    startedAt: '2026-11-23T10:00:00.000Z',
    target: { kind: 'local-build', url: 'local build (dist/)' },
    standard: 'WCAG 2.2 level AA',
    versions: { 'axe-core': '4.14.1' },
    viewports: [320, 768, 1280],
    checks: [{ id: 'axe', name: 'axe rules', criteria: [] }],
    pages: [{ page: '/a', state: null }, { page: '/b', state: null }, { page: '/a', state: 'open' }],
    problems,
    summary: { pages: 2 },
  }) as unknown as AuditReport;

describe('latest.json from an audit', () => {
  it('groups problems by criterion, counting pages; a fix date only when every problem there is known', () => {
    const latest = latestFromReport(
      report([
        problem({}),
        problem({ page: '/b', known: { owner: 'T', reason: 'R', expires: '2027-01-31' } }),
        problem({ rule: 'reflow-overflow', criteria: ['1.4.10'], summary: 'Content is wider than the screen', known: { owner: 'T', reason: 'R', expires: '2027-02-28' } }),
        problem({ check: 'no-js', rule: 'no-js-form', criteria: [] }),
      ]),
    );
    expect(latest.date).toBe('2026-11-23');
    expect(latest.pages).toEqual({ count: 2, list: ['/a', '/b'] });
    expect(latest.tools).toEqual({ 'taskfront audit:a11y': '0.1.0', 'axe-core': '4.14.1' });
    expect(latest.problems).toEqual({
      total: 4,
      outsideWcag: 1,
      byCriterion: [
        { criterion: '1.4.3', name: 'Contrast (Minimum)', level: 'AA', problems: 2, pages: 2, descriptions: ['Text has too little contrast'], plannedFix: null },
        { criterion: '1.4.10', name: 'Reflow', level: 'AA', problems: 1, pages: 1, descriptions: ['Content is wider than the screen'], plannedFix: '2027-02-28' },
      ],
    });
  });
});

describe('compliance status', () => {
  const latest = (total: number) => ({ ...latestFromReport(report(Array.from({ length: total }, (_, i) => problem({ id: String(i) })))) }) as LatestAudit;

  it('never says fully compliant from automated checks alone', () => {
    expect(complianceStatus({ statement: statement(), latest: latest(0) })).toBe('not-assessed');
    expect(complianceStatus({ statement: null, latest: latest(0) })).toBe('not-assessed');
    expect(complianceStatus({ statement: null, latest: null })).toBe('not-assessed');
  });

  it('is partially compliant when a tool or a person found a problem', () => {
    expect(complianceStatus({ statement: statement(), latest: latest(2) })).toBe('partial');
    const found = statement({ manualTest: { date: '2026-10-01', by: 'An auditor' }, knownProblems: [{ description: 'PDFs are not tagged.', criteria: ['1.3.1'], fixBy: null }] });
    expect(complianceStatus({ statement: found, latest: latest(0) })).toBe('partial');
    expect(nonAccessibleContent({ statement: found, latest: latest(0) })).toEqual([
      { criterion: '1.3.1', name: 'Info and Relationships', level: 'A', descriptions: ['PDFs are not tagged.'], pages: 0, fixBy: null, foundBy: ['person'] },
    ]);
  });

  it('is fully compliant only after a person tested it and nothing is known', () => {
    expect(complianceStatus({ statement: statement({ manualTest: { date: '2026-10-01', by: 'An auditor' } }), latest: latest(0) })).toBe('full');
  });
});

describe('reading the statement files', () => {
  const root = (name: string, files: Record<string, string>) => {
    const base = join(dir, name);
    mkdirSync(join(base, 'content/accessibility'), { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(join(base, 'content/accessibility', file), text);
    return base;
  };

  it('builds without either file', () => {
    expect(loadStatementData(root('none', {}))).toEqual({ statement: null, latest: null });
  });

  it('stops the build with every problem in either file, with its line', () => {
    const base = root('bad', {
      'statement.yml': 'organisation: Riverton\nwebsite: the site\ncontact:\n  responseTime: 5 days\nmanualTest:\n  date: 2026-10-01\n  by: null\nenforcement: EHRC\npreparedOn: 2026-11-23\nreviewedOn: yesterday\n',
      'latest.json': '{"date": "2026-11-23"}',
    });
    let error: unknown;
    try {
      loadStatementData(base);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StatementError);
    const message = (error as Error).message;
    expect(message).toContain('content/accessibility/statement.yml:3 contact: needs a phone number or an email address (or both), so people can report a problem');
    expect(message).toContain('content/accessibility/statement.yml:5 manualTest: date and by go together');
    expect(message).toContain('content/accessibility/statement.yml:10 reviewedOn: "yesterday" is not a date (use YYYY-MM-DD)');
    expect(message).toContain('content/accessibility/latest.json target:');
    expect(message).toContain('Run "npm run audit:a11y" to write it again.');
  });

  it('the project statement is valid', () => {
    const data = loadStatementData(join(import.meta.dirname, '../../..'));
    expect(data.statement?.organisation).toBe('Riverton City Council');
  });
});
