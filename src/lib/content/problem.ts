/**
 * A problem found in a file people edit (a task, a topic, a search or audit YAML
 * file), and the one way zod's findings become such problems. Every reader that
 * validates a file with a schema goes through `issueProblems`, so the build, the
 * content check, the search check and the audit tools word the same mistake the same way:
 *   content/tasks/pay-a-bill.md:16 start.url: must be an https URL (https://…) or a path on this site starting with "/"
 */
import type { z } from 'zod';

export interface ContentProblem {
  /** Path relative to the working directory, e.g. content/tasks/pay-your-council-tax.md */
  file: string;
  line: number;
  /** Dotted field path, e.g. start.url; absent for file-level problems. */
  field?: string;
  message: string;
  severity: 'error' | 'warning';
  /** Which check found it: the file's own fields (schema) or links between files. */
  check?: string;
}

/** Finds the line of a field path in the file (see yaml-source.ts). */
export type LineOf = (path: readonly (string | number)[]) => number;

export interface IssueOptions {
  /**
   * Where the allowed fields are listed, added to "unknown field" messages so an editor
   * can look the right spelling up, e.g. "docs/editing.md lists the fields".
   */
  fieldsHelp?: string;
  /** Name list entries as people count them ("steps 1.title" for the first step), for files editors write by hand. */
  countFromOne?: boolean;
}

/**
 * zod's issues as problems with a line and a field. Our schemas write their own messages
 * (see src/schemas/common.ts), so most issues keep theirs; this adds where, and rewords the
 * ones zod words for programmers (unknown keys).
 */
export function issueProblems(issues: readonly z.core.$ZodIssue[], lineOf: LineOf, file: string, options: IssueOptions = {}): ContentProblem[] {
  const fieldName = options.countFromOne ? editorFieldName : programFieldName;
  return issues.map((issue) => {
    const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      // The field named is the object holding the stray key ("known[1]"); at the top level the message alone says it.
      const keys = issue.keys.map((key) => `"${key}"`).join(', ');
      const help = options.fieldsHelp ? ` (${options.fieldsHelp})` : '';
      return { file, line: lineOf([...path, issue.keys[0] ?? '']), field: fieldName(path) || undefined, message: `unknown field ${keys}: check the spelling or remove it${help}`, severity: 'error' };
    }
    return { file, line: lineOf(path), field: fieldName(path) || undefined, message: issue.message, severity: 'error' };
  });
}

/** start.url, steps[2].title (counted from 0, as the audit files' readers expect). */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${String(part)}` : String(part)), '');
}
const programFieldName = fieldName;

/**
 * A field as an editor counts it: the third step's title is "steps 3.title", the first
 * related task "related 1". Editors number a list from 1; "steps[2]" for the third step
 * sent them to the wrong one.
 */
export function editorFieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, part) => {
    if (typeof part === 'number') return name ? `${name} ${part + 1}` : `item ${part + 1}`;
    return name ? `${name}.${String(part)}` : String(part);
  }, '');
}

/** The problems that stop a build (and fail check:content). */
export function errorsOf(content: { problems: readonly ContentProblem[] }): ContentProblem[] {
  return content.problems.filter((problem) => problem.severity === 'error');
}

/** One line per problem: "content/tasks/x.md:7 reviewBy: ..." */
export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}:${problem.line} ${problem.field ? `${problem.field}: ` : ''}${problem.message}`;
}

/** Problems in the order an editor reads them: by file, then line. */
export function sortProblems(problems: ContentProblem[]): ContentProblem[] {
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
