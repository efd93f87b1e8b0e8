import { describe, expect, it } from 'vitest';
import { attentionThresholdsFromEnv, DEFAULT_THRESHOLDS, needsAttention } from './attention.ts';
import { measure, portalFixture, taskStats } from './test-fixtures.ts';

describe('needsAttention', () => {
  it('flags tasks below the completion or satisfaction threshold, with the figures that flagged them', () => {
    expect(needsAttention(portalFixture().tasks, DEFAULT_THRESHOLDS)).toEqual([
      { task: 'pay-your-council-tax', reasons: [{ measure: 'completion', value: 0.45, threshold: 0.6, n: 200 }, { measure: 'satisfaction', value: 3.1, threshold: 3.5, n: 60 }] },
    ]);
  });

  it('never flags on a sample that is too small, or on impossible figures', () => {
    const tasks = [
      taskStats('find-your-councillor', { completionRate: measure(0.1, 3), averageRating: measure(1, 4) }),
      taskStats('apply-for-a-blue-badge', { completionRate: { value: -0.5, n: 40, tooFew: false } }),
    ];
    expect(needsAttention(tasks, DEFAULT_THRESHOLDS)).toEqual([]);
  });

  it('flags exactly below the threshold, not at it, and puts the lowest completion first', () => {
    const tasks = [
      taskStats('a', { completionRate: measure(0.6, 40) }),
      taskStats('b', { completionRate: measure(0.5, 40) }),
      taskStats('c', { averageRating: measure(3.4, 40) }),
      taskStats('d', { completionRate: measure(0.2, 40) }),
    ];
    expect(needsAttention(tasks, DEFAULT_THRESHOLDS).map((item) => item.task)).toEqual(['d', 'b', 'c']);
  });
});

describe('attentionThresholdsFromEnv', () => {
  it('defaults to 60% completion and 3.5 satisfaction', () => {
    expect(attentionThresholdsFromEnv({})).toEqual({ completion: 0.6, satisfaction: 3.5 });
  });

  it('reads a percentage and an average rating', () => {
    expect(attentionThresholdsFromEnv({ TASKFRONT_ATTENTION_COMPLETION: '75', TASKFRONT_ATTENTION_SATISFACTION: '4' })).toEqual({ completion: 0.75, satisfaction: 4 });
  });

  it('refuses values that cannot be thresholds, saying what is expected', () => {
    expect(() => attentionThresholdsFromEnv({ TASKFRONT_ATTENTION_COMPLETION: '0.6' })).toThrow('TASKFRONT_ATTENTION_COMPLETION is a percentage: write 60 for 60% (got "0.6")');
    expect(() => attentionThresholdsFromEnv({ TASKFRONT_ATTENTION_COMPLETION: '160' })).toThrow('TASKFRONT_ATTENTION_COMPLETION must be a number from 0 to 100, e.g. 60 for 60% (got "160")');
    expect(() => attentionThresholdsFromEnv({ TASKFRONT_ATTENTION_SATISFACTION: 'high' })).toThrow('TASKFRONT_ATTENTION_SATISFACTION must be a number from 1 to 5');
    expect(() => attentionThresholdsFromEnv({ TASKFRONT_ATTENTION_SATISFACTION: '0' })).toThrow();
  });
});
