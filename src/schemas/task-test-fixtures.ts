/** The task the schema tests start from, and how they read a refusal: one of each, shared by every task schema test. */
import { taskSchema, type ServiceInput } from './task.ts';

/** A valid report; a test spreads it and changes one thing. */
export const validReport: ServiceInput = {
  title: 'Report a pothole',
  summary: 'Tell us about a hole in a road or pavement.',
  topic: 'streets',
  kind: 'report',
  keywords: ['pothole', 'hole in road', 'road damage'],
  eligibility: 'Anyone can report a pothole.',
  youWillNeed: ['where the pothole is'],
  cost: 'Free',
  timeToComplete: 'About 5 minutes',
  steps: [{ title: 'Find the place', text: 'Drop a pin on the map.' }],
  start: { label: 'Report a pothole', url: '/demo-service/report-a-pothole' },
  related: ['pay-a-bill'],
  owner: 'Highways Team',
  lastReviewed: '2026-10-01',
  reviewBy: '2027-04-01',
};

/** What the schema says is wrong, as "path: message" lines; [] when the input is valid. */
export function problems(input: unknown): string[] {
  const result = taskSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}
