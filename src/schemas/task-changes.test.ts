import { describe, expect, it } from 'vitest';
import { taskSchema, type ServiceInput } from './task.ts';

const valid: ServiceInput = {
  title: 'Report a pothole', summary: 'Tell us about a hole in a road or pavement.', topic: 'streets', kind: 'report',
  keywords: ['pothole', 'hole in road', 'road damage'], eligibility: 'Anyone can report a pothole.', youWillNeed: ['where the pothole is'],
  cost: 'Free', timeToComplete: 'About 5 minutes', steps: [{ title: 'Find the place', text: 'Drop a pin on the map.' }],
  start: { label: 'Report a pothole', url: '/demo-service/report-a-pothole' }, owner: 'Highways Team', lastReviewed: '2026-10-01', reviewBy: '2027-04-01',
};

function problems(input: unknown): string[] {
  const result = taskSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('changes ("you said, we did")', () => {
  it('defaults to none and accepts dated entries', () => {
    const task = taskSchema.parse(valid);
    expect(task.kind !== 'signpost' && task.changes).toEqual([]);
    expect(problems({ ...valid, changes: [{ date: '2026-10-14', youSaid: 'The map was hard to use on a phone.', weDid: 'You can type a street name instead.' }] })).toEqual([]);
  });

  it('says which part of an entry is wrong', () => {
    const found = problems({ ...valid, changes: [{ date: '2026-13-01', youSaid: '', weDid: 'We fixed it.', quote: 'A named person said…' }] });
    expect(found).toEqual(expect.arrayContaining(['changes.0.date: "2026-13-01" is not a date (use YYYY-MM-DD)', 'changes.0.youSaid: must not be empty']));
    // A stray field (a quote, say) is refused rather than quietly published.
    expect(problems({ ...valid, changes: [{ date: '2026-10-01', youSaid: 'a', weDid: 'b', quote: 'A named person said…' }] })).toHaveLength(1);
    expect(problems({ ...valid, changes: 'none' })).toEqual(['changes: must be a list of changes, each with date, youSaid and weDid']);
  });
});
