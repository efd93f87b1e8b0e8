import { describe, expect, it } from 'vitest';
import { digitalTakeUp, taskPerformanceSchema } from './performance.ts';

const channels = { from: '2025-04-01', to: '2026-03-31', online: 8200, phone: 1400, post: 300, inPerson: 100 };

describe('taskPerformanceSchema', () => {
  it('accepts a cost per transaction and channel counts, each with its period', () => {
    const parsed = taskPerformanceSchema.parse({ costPerTransaction: { pounds: 4.2, from: new Date('2025-04-01'), to: '2026-03-31' }, channels });
    expect(parsed.costPerTransaction).toEqual({ pounds: 4.2, from: '2025-04-01', to: '2026-03-31' });
    expect(parsed.channels).toEqual(channels);
  });

  it('accepts either part alone', () => {
    expect(taskPerformanceSchema.safeParse({ channels }).success).toBe(true);
    expect(taskPerformanceSchema.safeParse({ costPerTransaction: { pounds: 12, from: '2025-04-01', to: '2026-03-31' } }).success).toBe(true);
  });

  it('refuses figures that cannot be right, with messages an editor can act on', () => {
    const messages = (value: unknown) => taskPerformanceSchema.safeParse(value).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];
    expect(messages({})).toEqual([': needs costPerTransaction or channels: leave performance out when there are neither']);
    expect(messages({ costPerTransaction: { pounds: -1, from: '2025-04-01', to: '2026-03-31' } })).toEqual(['costPerTransaction.pounds: must be more than 0']);
    expect(messages({ costPerTransaction: { pounds: 4, from: '2026-04-01', to: '2025-03-31' } })).toEqual(['costPerTransaction.to: "from" must be on or before "to"']);
    expect(messages({ channels: { ...channels, phone: 2.5 } })).toEqual(['channels.phone: must be a whole number']);
    expect(messages({ channels: { ...channels, online: 0, phone: 0, post: 0, inPerson: 0 } })).toEqual(['channels: must count at least one transaction: leave channels out when there are none']);
    expect(messages({ channels: { ...channels, fax: 3 } })[0]).toMatch(/fax/);
    expect(messages({ costPerTransaction: 4.2 })[0]).toMatch(/^costPerTransaction: /);
  });
});

describe('digitalTakeUp', () => {
  it('is the share of transactions made online', () => {
    expect(digitalTakeUp(channels)).toEqual({ value: 0.82, total: 10000 });
    expect(digitalTakeUp({ ...channels, online: 0 }).value).toBe(0);
  });
});
