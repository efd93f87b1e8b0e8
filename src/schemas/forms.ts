/**
 * The plain HTML forms people post without JavaScript: the satisfaction question
 * on /done/<task> and "Did this page help you?" on every task page.
 */
import { z } from 'zod';
import { MAX_COMMENT_LENGTH } from './events.ts';

const comment = z
  .string()
  .trim()
  .max(MAX_COMMENT_LENGTH, `Your comment must be ${MAX_COMMENT_LENGTH} characters or fewer`)
  .optional()
  .transform((value) => value || undefined);

export const SATISFACTION_LABELS = ['Very dissatisfied', 'Dissatisfied', 'Neither satisfied nor dissatisfied', 'Satisfied', 'Very satisfied'] as const;

export const satisfactionFormSchema = z.object({
  rating: z.enum(['1', '2', '3', '4', '5'], 'Select how you felt about the service').transform(Number),
  comment,
});

export const feedbackFormSchema = z.object({
  useful: z.enum(['yes', 'no'], 'Select yes or no').optional(),
  comment,
  /** The answer a comment belongs to, from the first step. */
  id: z.uuid().optional().catch(undefined),
});

/** A posted form: what the person typed (to show again), and either the checked data or field → message errors. */
export type PostedForm<T> = { values: Record<string, string> } & ({ ok: true; data: T } | { ok: false; errors: Record<string, string> });

/** Reads a posted form and checks it with its schema; a body that cannot be read counts as an empty form. */
export async function readForm<S extends z.ZodType>(request: Request, schema: S): Promise<PostedForm<z.output<S>>> {
  const values = formFields(await request.formData().catch(() => new FormData()));
  const result = schema.safeParse(values);
  return result.success ? { values, ok: true, data: result.data } : { values, ok: false, errors: fieldErrors(result.error.issues) };
}

/** Form fields as plain strings (repeated fields: the first wins). */
function formFields(form: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === 'string' && !(key in fields)) fields[key] = value;
  return fields;
}

/** Zod issues as field → message, for error summaries. */
function fieldErrors(issues: readonly { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? 'form');
    errors[key] ??= issue.message;
  }
  return errors;
}
