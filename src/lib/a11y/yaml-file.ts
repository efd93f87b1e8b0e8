/**
 * Reads a small YAML file the auditor maintains and checks it against a zod schema.
 * Every problem names the file, the line and the field, and says how to fix it:
 *   a11y-baseline.yml:12 known[2].expires: "31/03/2027" is not a date (use YYYY-MM-DD)
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { z } from 'zod';
import { fieldName } from '../content/load-content.ts';
import { parseYaml } from '../content/yaml-source.ts';

export { fieldName };

export type YamlResult<T> = { ok: true; value: T; exists: boolean } | { ok: false; errors: string[] };

export function readYaml<T extends z.ZodType>(path: string, schema: T, options: { missing?: unknown; cwd?: string } = {}): YamlResult<z.output<T>> {
  const name = relative(options.cwd ?? process.cwd(), path) || path;
  if (!existsSync(path)) {
    if (options.missing === undefined) return { ok: false, errors: [`${name}: the file is missing`] };
    const parsed = schema.safeParse(options.missing);
    return parsed.success ? { ok: true, value: parsed.data, exists: false } : { ok: false, errors: [`${name}: the file is missing`] };
  }
  // The same YAML reader as content files: dates stay strings, every path has a line.
  const source = parseYaml(readFileSync(path, 'utf8'));
  if (source.syntaxErrors.length) {
    return { ok: false, errors: source.syntaxErrors.map((error) => `${name}:${error.line} ${error.message}`) };
  }
  const data = source.data ?? options.missing ?? {};
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data, exists: true };
  const lineOf = (at: readonly PropertyKey[]) => source.lineOf(at.filter((part): part is string | number => typeof part !== 'symbol'));
  const located = parsed.error.issues.map((issue): [number, string] => {
    const path = issue.path;
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((key) => `"${key}"`).join(', ');
      const line = lineOf([...path, issue.keys[0] ?? '']);
      return [line, `${name}:${line} ${fieldName(path) || '(top level)'}: unknown field ${keys}: check the spelling or remove it`];
    }
    const line = lineOf(path);
    return [line, `${name}:${line} ${fieldName(path) || '(top level)'}: ${issue.message}`];
  });
  return { ok: false, errors: located.sort((a, b) => a[0] - b[0]).map(([, message]) => message) };
}
