/**
 * The one reader for a YAML file checked against a zod schema: synonyms, best bets,
 * the search expectations, words to avoid, and the auditor's baseline and statement.
 * Syntax and schema problems come back with their file and line, worded by issueProblems.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { z } from 'zod';
import { issueProblems, type ContentProblem } from './problem.ts';
import { parseYaml, type YamlSource } from './yaml-source.ts';

export interface YamlFile<T> {
  value: T;
  /** Lines of every field, for problems found later (e.g. a task that does not exist). */
  source: YamlSource;
  /** The file name as shown in messages. */
  file: string;
  /** False when the file is absent and `whenMissing` stood in for it. */
  exists: boolean;
}

export interface ReadYamlOptions {
  /** How a path is shown in messages, e.g. relative to the project. */
  display?: (path: string) => string;
  /** Added to "unknown field" messages, e.g. "docs/editing.md lists the fields". */
  fieldsHelp?: string;
  /** The value of an absent file. Without it an absent file gives undefined and no problem: the caller decides. */
  whenMissing?: unknown;
  /** The value of a file with no YAML in it (only comments, or nothing); defaults to `whenMissing`. */
  whenEmpty?: unknown;
}

/**
 * Reads and checks one YAML file. Problems are appended to `problems`; the value is
 * undefined when the file is absent (and has no stand-in) or has any problem.
 */
export function readYamlFile<T extends z.ZodType>(
  path: string,
  schema: T,
  problems: ContentProblem[],
  options: ReadYamlOptions = {},
): YamlFile<z.output<T>> | undefined {
  const file = options.display ? options.display(path) : path;
  if (!existsSync(path)) {
    if (options.whenMissing === undefined) return undefined;
    const value = schema.safeParse(options.whenMissing);
    if (!value.success) throw new Error(`the stand-in for a missing ${file} does not pass its own schema`);
    return { value: value.data, source: parseYaml(''), file, exists: false };
  }
  const source = parseYaml(readFileSync(path, 'utf8'));
  for (const syntax of source.syntaxErrors) problems.push({ file, line: syntax.line, ...(syntax.field ? { field: syntax.field } : {}), message: syntax.message, severity: 'error' });
  if (source.syntaxErrors.length) return undefined;
  const result = schema.safeParse(source.data ?? options.whenEmpty ?? options.whenMissing ?? null);
  if (!result.success) {
    problems.push(...issueProblems(result.error.issues, source.lineOf, file, { fieldsHelp: options.fieldsHelp }));
    return undefined;
  }
  return { value: result.data, source, file, exists: true };
}
