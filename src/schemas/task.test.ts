import { describe, expect, it } from 'vitest';
import { taskSchema, type TaskInput } from './task.ts';
import { problems, validReport } from './task-test-fixtures.ts';

const valid = validReport;


describe('taskSchema', () => {
  it('accepts a complete task and fills defaults', () => {
    const task = taskSchema.parse({ ...valid, related: undefined });
    expect(task.related).toEqual([]);
    expect(task.kind !== 'signpost' && task.popular).toBe(false);
  });

  it('accepts dates that YAML parsers turned into Date objects', () => {
    const task = taskSchema.parse({ ...valid, lastReviewed: new Date('2026-10-01T00:00:00Z') });
    expect(task.lastReviewed).toBe('2026-10-01');
  });

  it('accepts an https start URL and an information task without start', () => {
    expect(problems({ ...valid, start: { label: 'Go', url: 'https://example.org/x' } })).toEqual([]);
    expect(problems({ ...valid, kind: 'information', start: undefined })).toEqual([]);
  });

  it.each([
    ['http://example.org/x'],
    ['javascript:alert(1)'],
    ['//evil.example/x'],
    ['example.org/x'],
  ])('refuses the start URL %s', (url) => {
    expect(problems({ ...valid, start: { label: 'Go', url } })).toEqual([
      'start.url: must be an https URL (https://…) or a path on this site starting with "/"',
    ]);
  });

  it('requires start for transactions and reports', () => {
    expect(problems({ ...valid, start: undefined })).toEqual(['start: is required for a report: add start.label and start.url']);
    expect(problems({ ...valid, kind: 'transaction', start: undefined })).toEqual(['start: is required for a transaction: add start.label and start.url']);
  });

  it('names a missing field and says to add it', () => {
    const { owner: _owner, ...withoutOwner } = valid;
    expect(problems(withoutOwner)).toEqual(['owner: is missing: add this field']);
  });

  it('refuses impossible dates instead of rolling them over', () => {
    expect(problems({ ...valid, reviewBy: '2026-13-01' })).toEqual(['reviewBy: "2026-13-01" is not a date: there is no month 13 (the month comes second and goes from 01 to 12, as in 2026-03-01)']);
    expect(problems({ ...valid, reviewBy: '2027-02-29' })).toEqual(['reviewBy: "2027-02-29" is not a date: February 2027 has no 29th (2027 is not a leap year); its last day is 2027-02-28']);
    expect(problems({ ...valid, reviewBy: '1 April 2027' })).toEqual(['reviewBy: "1 April 2027" is not a date (use YYYY-MM-DD)']);
  });

  it('refuses a review date before the last review', () => {
    expect(problems({ ...valid, reviewBy: '2026-09-01' })).toEqual(['reviewBy: must be after lastReviewed']);
  });

  it('refuses unknown fields, so a misspelt field is not silently ignored', () => {
    const result = taskSchema.safeParse({ ...valid, summery: 'typo' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('refuses an unknown kind, too few keywords and empty text', () => {
    expect(problems({ ...valid, kind: 'payment' })).toEqual(['kind: must be one of: transaction, report, information, signpost']);
    expect(problems({ ...valid, keywords: ['pothole'] })).toEqual(['keywords: needs at least 3 entries: add the words people search with']);
    expect(problems({ ...valid, summary: '   ' })).toEqual(['summary: must not be empty']);
  });

  it('refuses slugs that are not lowercase-hyphenated', () => {
    expect(problems({ ...valid, related: ['Pay_A_Bill'] })).toEqual(['related.0: must be lowercase words joined by hyphens, e.g. "report-a-pothole"']);
    expect(problems({ ...valid, related: ['pay-a-bill', 'pay-a-bill'] })).toEqual(['related: lists the same task twice; remove the repeat']);
  });

  it('wants a title that starts with a capital letter', () => {
    expect(problems({ ...valid, title: 'report a pothole' })).toEqual(['title: must start with a capital letter, verb first, e.g. "Report a pothole"']);
  });
});

describe('a signpost', () => {
  const signpost: TaskInput = {
    title: 'Apply for a passport',
    summary: 'Passports come from HM Passport Office, not the council.',
    topic: 'other-organisations',
    kind: 'signpost',
    keywords: ['passport', 'renew passport', 'lost passport'],
    provider: {
      name: 'HM Passport Office',
      does: 'They issue and renew British passports.',
      url: 'https://www.gov.uk/apply-renew-passport',
      linkText: 'Apply for a passport on GOV.UK',
    },
    owner: 'Customer Services Team',
    lastReviewed: '2026-11-01',
    reviewBy: '2027-05-01',
  };

  it('needs who does it and how to reach them, and nothing a council service has', () => {
    expect(problems(signpost)).toEqual([]);
    const { provider: _provider, ...withoutProvider } = signpost as Extract<TaskInput, { kind: 'signpost' }>;
    expect(problems(withoutProvider)).toEqual(['provider: is missing: add this field']);
    const withSteps = taskSchema.safeParse({ ...signpost, steps: [{ title: 'Go', text: 'Go there.' }] });
    expect(withSteps.error?.issues.map((issue) => [issue.code, 'keys' in issue ? issue.keys : []])).toEqual([['unrecognized_keys', ['steps']]]);
  });

  it('has no Start button, and sends people only to https pages of other sites', () => {
    expect(problems({ ...signpost, start: { label: 'Go', url: '/demo-service/x' } })).toEqual(['start: a signpost has no Start button: remove start and put the link in provider.url']);
    const provider = (signpost as Extract<TaskInput, { kind: 'signpost' }>).provider;
    for (const url of ['http://www.gov.uk/x', '/report-a-pothole', 'javascript:alert(1)']) {
      expect(problems({ ...signpost, provider: { ...provider, url } })).toEqual(["provider.url: must be an https URL of the other body's page (https://…)"]);
    }
  });
});
