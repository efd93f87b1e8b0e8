/**
 * A topic groups tasks for browsing: one file per topic in content/topics/<slug>.md.
 */
import { z } from 'zod';
import { expected, text } from './common.ts';

export const topicSchema = z.strictObject({
  /** Short name shown in lists, e.g. "Bins and recycling". */
  title: text(60),
  /** One sentence saying which tasks live here. */
  summary: text(200),
  /** Position on /browse; lower comes first. Defaults to 100. */
  order: z.number({ error: expected('a whole number') }).int('must be a whole number').min(0).default(100),
});

export type TopicData = z.output<typeof topicSchema>;
