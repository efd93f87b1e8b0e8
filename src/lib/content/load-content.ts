/**
 * Reads every topic and task file, validates each against its schema and
 * checks the links between them. Used by the build (which stops on any error),
 * the server, the command-line tools and the tests, so all agree on what is valid.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { z } from 'zod';
import { SLUG_PATTERN } from '../../schemas/common.ts';
import { RESERVED_SLUGS, taskSchema, type TaskData } from '../../schemas/task.ts';
import { topicSchema, type TopicData } from '../../schemas/topic.ts';
import { bestBetsFileSchema, synonymsFileSchema, type BestBet, type SynonymGroup } from '../../schemas/search.ts';
import { parseFrontMatter, type ParsedFile } from './front-matter.ts';
import { parseYaml, type YamlSource } from './yaml-source.ts';

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

export interface Task extends TaskData {
  slug: string;
  file: string;
  body: string;
}

export interface Topic extends TopicData {
  slug: string;
  file: string;
  body: string;
}

export interface Content {
  tasks: Task[];
  topics: Topic[];
  /** content/search/synonyms.yml (empty when the file is absent). */
  synonyms: SynonymGroup[];
  /** content/search/best-bets.yml (empty when the file is absent). */
  bestBets: BestBet[];
  problems: ContentProblem[];
}

export interface LoadOptions {
  /** The content folder; defaults to ./content. */
  root?: string;
  /** Used to make file names in messages relative; defaults to the current directory. */
  cwd?: string;
}

export function loadContent({ root = 'content', cwd = process.cwd() }: LoadOptions = {}): Content {
  const problems: ContentProblem[] = [];
  const display = (path: string) => relative(cwd, path) || path;

  const topics = readCollection(join(root, 'topics'), topicSchema, problems, display)
    .filter((entry) => entry.valid)
    .map(({ slug, file, body, data }) => ({ ...(data as TopicData), slug, file, body }))
    .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  const parsedTasks = readCollection(join(root, 'tasks'), taskSchema, problems, display);
  const tasks: Task[] = parsedTasks.filter((entry) => entry.valid).map(({ slug, file, body, data }) => ({ ...(data as TaskData), slug, file, body }));
  tasks.sort((a, b) => a.title.localeCompare(b.title));

  checkLinks(tasks, topics, parsedTasks, problems, display(join(root, 'tasks')));

  const synonyms = readYamlFile(join(root, 'search/synonyms.yml'), synonymsFileSchema, problems, display)?.value ?? [];
  const bestBetsFile = readYamlFile(join(root, 'search/best-bets.yml'), bestBetsFileSchema, problems, display);
  const slugs = new Set(parsedTasks.map((entry) => entry.slug));
  bestBetsFile?.value.forEach((bet, index) => {
    if (!slugs.has(bet.task)) {
      problems.push({ file: bestBetsFile.file, line: bestBetsFile.source.lineOf([index, 'task']), field: `[${index}].task`, message: `"${bet.task}" is not a task: use the file name of a task in content/tasks/ without .md`, severity: 'error', check: 'links' });
    }
  });

  for (const problem of problems) problem.check ??= 'schema';
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { tasks, topics, synonyms, bestBets: bestBetsFile?.value ?? [], problems };
}

/** Reads an optional YAML data file; problems are added with lines, and the value is undefined when invalid. */
export function readYamlFile<T extends z.ZodType>(
  path: string,
  schema: T,
  problems: ContentProblem[],
  display: (path: string) => string = (p) => p,
): { value: z.output<T>; source: YamlSource; file: string } | undefined {
  if (!existsSync(path)) return undefined;
  const file = display(path);
  const source = parseYaml(readFileSync(path, 'utf8'));
  for (const syntax of source.syntaxErrors) problems.push({ file, line: syntax.line, message: syntax.message, severity: 'error' });
  if (source.syntaxErrors.length) return undefined;
  const result = schema.safeParse(source.data ?? []);
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(describeIssue(issue, source, file));
    return undefined;
  }
  return { value: result.data, source, file };
}

interface ParsedEntry {
  slug: string;
  file: string;
  body: string;
  data: unknown;
  parsed: ParsedFile;
  valid: boolean;
}

function readCollection(
  dir: string,
  schema: z.ZodType,
  problems: ContentProblem[],
  display: (path: string) => string,
): ParsedEntry[] {
  if (!existsSync(dir)) {
    problems.push({ file: display(dir), line: 1, message: 'folder is missing: create it and add at least one .md file', severity: 'error' });
    return [];
  }
  const entries: ParsedEntry[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name.startsWith('_')) continue;
    const path = join(dir, name);
    const file = display(path);
    if (!name.endsWith('.md')) {
      problems.push({ file, line: 1, message: 'is not a .md file: rename it to end in .md, or move it out of this folder', severity: 'error' });
      continue;
    }
    const slug = basename(name, '.md');
    if (!SLUG_PATTERN.test(slug)) {
      problems.push({ file, line: 1, message: `file name "${slug}" must be lowercase words joined by hyphens, e.g. report-a-pothole.md`, severity: 'error' });
    }
    const parsed = parseFrontMatter(readFileSync(path, 'utf8'));
    for (const syntax of parsed.syntaxErrors) problems.push({ file, line: syntax.line, message: syntax.message, severity: 'error' });
    if (parsed.syntaxErrors.length) {
      // Still known by its slug, so links to it are not reported as broken too.
      entries.push({ slug, file, body: parsed.body, data: parsed.data, parsed, valid: false });
      continue;
    }

    const result = schema.safeParse(parsed.data);
    if (!result.success) {
      for (const issue of result.error.issues) problems.push(describeIssue(issue, parsed, file));
      entries.push({ slug, file, body: parsed.body, data: parsed.data, parsed, valid: false });
    } else {
      entries.push({ slug, file, body: parsed.body, data: result.data, parsed, valid: true });
    }
  }
  return entries;
}

function describeIssue(issue: z.core.$ZodIssue, parsed: YamlSource, file: string): ContentProblem {
  const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    const line = parsed.lineOf([...path, issue.keys[0] ?? '']);
    return { file, line, field: fieldName([...path, issue.keys[0] ?? '']), message: `unknown field ${keys}: check the spelling or remove it (docs/editing.md lists the fields)`, severity: 'error' };
  }
  return { file, line: parsed.lineOf(path), field: fieldName(path) || undefined, message: issue.message, severity: 'error' };
}

/** start.url, steps[2].title */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${String(part)}` : String(part)), '');
}

function checkLinks(
  tasks: Task[],
  topics: Topic[],
  parsedTasks: ParsedEntry[],
  problems: ContentProblem[],
  tasksDir: string,
) {
  if (parsedTasks.length === 0) {
    problems.push({ file: tasksDir, line: 1, message: 'has no task files: the portal would be empty. Add at least one task (npm run new-task)', severity: 'error', check: 'links' });
    return;
  }
  const slugs = new Set(parsedTasks.map((entry) => entry.slug));
  const topicSlugs = new Set(topics.map((topic) => topic.slug));
  const reserved = new Set<string>(RESERVED_SLUGS);
  const byTitle = new Map<string, string>();
  const lineOf = new Map(parsedTasks.map((entry) => [entry.slug, entry.parsed] as const));

  for (const entry of parsedTasks) {
    if (reserved.has(entry.slug)) {
      problems.push({ file: entry.file, line: 1, message: `file name "${entry.slug}" is used by the portal itself (/${entry.slug}); choose another name`, severity: 'error', check: 'links' });
    }
  }
  for (const task of tasks) {
    const parsed = lineOf.get(task.slug)!;
    if (!topicSlugs.has(task.topic)) {
      const known = [...topicSlugs].join(', ') || 'none yet';
      problems.push({ file: task.file, line: parsed.lineOf(['topic']), field: 'topic', message: `"${task.topic}" is not a topic in content/topics/ (known: ${known})`, severity: 'error', check: 'links' });
    }
    task.related.forEach((related, index) => {
      if (related === task.slug) {
        problems.push({ file: task.file, line: parsed.lineOf(['related', index]), field: `related[${index}]`, message: 'a task cannot be related to itself; remove it', severity: 'error', check: 'links' });
      } else if (!slugs.has(related)) {
        problems.push({ file: task.file, line: parsed.lineOf(['related', index]), field: `related[${index}]`, message: `"${related}" is not a task: use the file name of a task in content/tasks/ without .md`, severity: 'error', check: 'links' });
      }
    });
    const key = task.title.toLowerCase();
    const other = byTitle.get(key);
    if (other) {
      problems.push({ file: task.file, line: parsed.lineOf(['title']), field: 'title', message: `the same title is used by ${other}; titles must be unique so people can tell tasks apart`, severity: 'error', check: 'links' });
    } else {
      byTitle.set(key, task.file);
    }
  }

  // Counted from every file, valid or not, so one broken task does not also empty its topic.
  const used = new Set(parsedTasks.map((entry) => (entry.data as { topic?: unknown } | null)?.topic));
  for (const topic of topics) {
    if (!used.has(topic.slug)) {
      problems.push({ file: topic.file, line: 1, message: 'no task uses this topic: add tasks to it or delete the file', severity: 'error', check: 'links' });
    }
  }
}

/** One line per problem: "content/tasks/x.md:7 reviewBy: ..." */
export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}:${problem.line} ${problem.field ? `${problem.field}: ` : ''}${problem.message}`;
}

export function errorsOf(content: Content): ContentProblem[] {
  return content.problems.filter((problem) => problem.severity === 'error');
}
