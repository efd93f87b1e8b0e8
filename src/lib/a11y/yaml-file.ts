/**
 * Reads a small YAML file the auditor maintains and checks it against a zod schema,
 * through the same reader and wording as content files (src/lib/content/yaml-file.ts).
 * Every problem names the file, the line and the field, and says how to fix it:
 *   a11y-baseline.yml:12 known[2].expires: "31/03/2027" is not a date (use YYYY-MM-DD)
 */
import { relative } from 'node:path';
import type { z } from 'zod';
import { fieldName, formatProblem, type ContentProblem } from '../content/problem.ts';
import { readYamlFile } from '../content/yaml-file.ts';

export { fieldName };

export type YamlResult<T> = { ok: true; value: T; exists: boolean } | { ok: false; errors: string[] };

export function readYaml<T extends z.ZodType>(path: string, schema: T, options: { missing?: unknown; cwd?: string } = {}): YamlResult<z.output<T>> {
  const display = (file: string) => relative(options.cwd ?? process.cwd(), file) || file;
  const problems: ContentProblem[] = [];
  const file = readYamlFile(path, schema, problems, { display, whenMissing: options.missing, whenEmpty: options.missing ?? {} });
  if (file) return { ok: true, value: file.value, exists: file.exists };
  if (!problems.length) return { ok: false, errors: [`${display(path)}: the file is missing`] };
  return { ok: false, errors: problems.sort((a, b) => a.line - b.line).map(formatProblem) };
}
