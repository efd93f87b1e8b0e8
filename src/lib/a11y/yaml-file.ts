/**
 * Reads a small YAML file the auditor maintains and checks it against a zod schema.
 * Every problem names the file, the line and the field, and says how to fix it:
 *   a11y-baseline.yml:12 known[2].expires: "31/03/2027" is not a date (use YYYY-MM-DD)
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';

export type YamlResult<T> = { ok: true; value: T; exists: boolean } | { ok: false; errors: string[] };

export function readYaml<T extends z.ZodType>(path: string, schema: T, options: { missing?: unknown; cwd?: string } = {}): YamlResult<z.output<T>> {
  const name = relative(options.cwd ?? process.cwd(), path) || path;
  if (!existsSync(path)) {
    if (options.missing === undefined) return { ok: false, errors: [`${name}: the file is missing`] };
    const parsed = schema.safeParse(options.missing);
    return parsed.success ? { ok: true, value: parsed.data, exists: false } : { ok: false, errors: [`${name}: the file is missing`] };
  }
  const lines = new LineCounter();
  // The core schema keeps dates as strings, so "2026-13-01" is an error instead of a surprise.
  const doc: Document = parseDocument(readFileSync(path, 'utf8'), { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return { ok: false, errors: doc.errors.map((error) => `${name}:${lines.linePos(error.pos[0]).line} YAML: ${error.message.split('\n')[0]}`) };
  }
  const data = doc.toJS() ?? options.missing ?? {};
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data, exists: true };
  const lineOf = (path: readonly PropertyKey[]): number => {
    for (let depth = path.length; depth > 0; depth--) {
      const node = doc.getIn(path.slice(0, depth) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
      const key = keyNode(doc, path.slice(0, depth));
      const position = key ?? node?.range?.[0];
      if (typeof position === 'number') return lines.linePos(position).line;
    }
    return 1;
  };
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

/** known[2].expires */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${String(part)}` : String(part)), '');
}

function keyNode(doc: Document, path: readonly PropertyKey[]): number | undefined {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1) as (string | number)[], true);
  if (!isMap(parent)) return undefined;
  const key = path[path.length - 1];
  const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
  return (pair?.key as { range?: [number, number, number] } | undefined)?.range?.[0];
}
