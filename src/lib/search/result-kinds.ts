/**
 * Search results that are pages of their own rather than tasks. No imports, so the
 * browser's live search can ask without loading zod.
 */
export const PAGE_RESULT_KINDS = ['journey', 'contact'] as const;

/** Whether a result is a task (views and result clicks are counted per task), not a journey or the contact page. */
export function isTaskResult(kind: string): boolean {
  return !(PAGE_RESULT_KINDS as readonly string[]).includes(kind);
}
