/**
 * Figures a service team publishes about a task, beside the ones Taskfront counts:
 * what a completed transaction costs, and how people used each channel. The task
 * content model includes it as `performance: taskPerformanceSchema.optional()`,
 * so a task's front matter can say, for example:
 *
 *   performance:
 *     costPerTransaction: { pounds: 4.2, from: 2025-04-01, to: 2026-03-31 }
 *     channels: { from: 2025-04-01, to: 2026-03-31, online: 8200, phone: 1400, post: 300, inPerson: 100 }
 *
 * The dashboard shows cost per completed transaction and digital take-up, each
 * with its period, as GOV.UK's performance platform did. No astro:content here.
 */
import { z } from 'zod';
import { expected, isoDate } from './common.ts';

const period = {
  /** First day the figure covers, YYYY-MM-DD. */
  from: isoDate,
  /** Last day the figure covers, YYYY-MM-DD. */
  to: isoDate,
};

const checkPeriod = (value: { from: string; to: string }) => value.from <= value.to;
const periodMessage = { message: '"from" must be on or before "to"', path: ['to'] };

const transactions = z.number({ error: expected('a whole number of transactions, 0 or more') }).int('must be a whole number').min(0, 'must be 0 or more');

const costPerTransactionSchema = z
  .strictObject({
    /** Cost of one completed transaction, in pounds sterling (GBP), e.g. 4.2 for £4.20. */
    pounds: z.number({ error: expected('an amount in pounds, e.g. 4.2') }).positive('must be more than 0').max(100_000, 'must be at most 100,000'),
    ...period,
  })
  .refine(checkPeriod, periodMessage);

const channelsSchema = z
  .strictObject({
    ...period,
    /** Completed transactions through each channel in that period. */
    online: transactions,
    phone: transactions,
    post: transactions,
    inPerson: transactions,
  })
  .refine(checkPeriod, periodMessage)
  .refine((value) => value.online + value.phone + value.post + value.inPerson > 0, 'must count at least one transaction: leave channels out when there are none');

/** `performance:` in a task's front matter. Both parts are optional; give at least one. */
export const taskPerformanceSchema = z
  .strictObject({
    /** What one completed transaction costs, and the period that figure covers. */
    costPerTransaction: costPerTransactionSchema.optional(),
    /** Completed transactions by channel, for digital take-up. */
    channels: channelsSchema.optional(),
  })
  .refine((value) => value.costPerTransaction || value.channels, 'needs costPerTransaction or channels: leave performance out when there are neither');

export type TaskPerformance = z.output<typeof taskPerformanceSchema>;
export type Channels = z.output<typeof channelsSchema>;

/** Online transactions ÷ all transactions in the channel period (0..1). */
export function digitalTakeUp(channels: Channels): { value: number; total: number } {
  const total = channels.online + channels.phone + channels.post + channels.inPerson;
  return { value: channels.online / total, total };
}
