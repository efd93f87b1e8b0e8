import { describe, expect, it } from 'vitest';
import { journeySchema, type JourneyInput } from './journey.ts';

const valid: JourneyInput = {
  title: 'Moving home',
  summary: 'What to do, in order, when you move.',
  keywords: ['moving house', 'new address'],
  steps: [
    { title: 'Tell us you are moving', tasks: ['tell-us-you-are-moving-home'] },
    { title: 'Sort out council tax', text: 'Check if you can pay less.', tasks: ['set-up-a-council-tax-direct-debit', { and: 'apply-for-a-council-tax-discount' }, { or: 'get-help-paying-your-council-tax' }] },
  ],
};

function problems(input: unknown): string[] {
  const result = journeySchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('journeySchema', () => {
  it('reads plain slugs and "and" / "or" entries into one shape', () => {
    const journey = journeySchema.parse(valid);
    expect(journey.steps[1]!.tasks).toEqual([
      { task: 'set-up-a-council-tax-direct-debit', join: null },
      { task: 'apply-for-a-council-tax-discount', join: 'and' },
      { task: 'get-help-paying-your-council-tax', join: 'or' },
    ]);
  });

  it('refuses "and" or "or" before the first task of a step, naming the fix', () => {
    const input = { ...valid, steps: [{ title: 'Register', tasks: [{ or: 'register-a-birth' }] }, valid.steps[0]] };
    expect(problems(input)).toEqual(['steps.0.tasks.0: the first task in a step has nothing before it: write "register-a-birth" without "or:"']);
  });

  it('refuses a task in two steps, counting steps from 1', () => {
    const input = { ...valid, steps: [...valid.steps, { title: 'Again', tasks: ['tell-us-you-are-moving-home'] }] };
    expect(problems(input)).toEqual(['steps.2.tasks.0: "tell-us-you-are-moving-home" is already in step 1: a task can be in one step only']);
  });

  it('says what a task entry may be when it is something else', () => {
    expect(problems({ ...valid, steps: [valid.steps[0], { title: 'Pay', tasks: [{ then: 'pay-your-council-tax' }] }] })).toEqual([
      'steps.1.tasks.0: must be a task slug, or "and: <slug>" or "or: <slug>" (e.g. "or: order-a-copy-of-a-certificate")',
    ]);
    // A string that is nearly a slug gets the slug's own message, which says what is wrong with it.
    expect(problems({ ...valid, steps: [valid.steps[0], { title: 'Pay', tasks: ['Pay Your Council Tax'] }] })).toEqual([
      'steps.1.tasks.0: must be lowercase words joined by hyphens, e.g. "report-a-pothole"',
    ]);
  });

  it('needs at least two steps, and a task in each', () => {
    expect(problems({ ...valid, steps: [valid.steps[0]] })).toEqual(['steps: needs at least 2 steps: one task alone is not a journey']);
    expect(problems({ ...valid, steps: [valid.steps[0], { title: 'Empty', tasks: [] }] })).toEqual(['steps.1.tasks: needs at least 1 task']);
  });

  it('names a missing field and refuses unknown ones', () => {
    const { summary: _summary, ...withoutSummary } = valid;
    expect(problems(withoutSummary)).toEqual(['summary: is missing: add this field']);
    expect(journeySchema.safeParse({ ...valid, summery: 'typo' }).error?.issues[0]?.code).toBe('unrecognized_keys');
  });
});
