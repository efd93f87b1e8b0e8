import { describe, expect, it } from 'vitest';
import { taskSchema } from './task.ts';
import { problems, validReport } from './task-test-fixtures.ts';

const valid = validReport;


describe('changes ("you said, we did")', () => {
  it('defaults to none and accepts dated entries', () => {
    const task = taskSchema.parse(valid);
    expect(task.kind !== 'signpost' && task.changes).toEqual([]);
    expect(problems({ ...valid, changes: [{ date: '2026-10-14', youSaid: 'The map was hard to use on a phone.', weDid: 'You can type a street name instead.' }] })).toEqual([]);
  });

  it('says which part of an entry is wrong', () => {
    const found = problems({ ...valid, changes: [{ date: '2026-13-01', youSaid: '', weDid: 'We fixed it.', quote: 'A named person said…' }] });
    expect(found).toEqual(expect.arrayContaining(['changes.0.date: "2026-13-01" is not a date: there is no month 13 (the month comes second and goes from 01 to 12, as in 2026-03-01)', 'changes.0.youSaid: must not be empty']));
    // A stray field (a quote, say) is refused rather than quietly published.
    expect(problems({ ...valid, changes: [{ date: '2026-10-01', youSaid: 'a', weDid: 'b', quote: 'A named person said…' }] })).toHaveLength(1);
    expect(problems({ ...valid, changes: 'none' })).toEqual(['changes: must be a list of changes, each with date, youSaid and weDid']);
  });
});
