/**
 * Reads every topic, task and journey file and the contact details, validates each
 * against its schema and checks the links between them. Used by the build (which stops on any error),
 * the server, the command-line tools and the tests, so all agree on what is valid.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import type { z } from 'zod';
import { SLUG_PATTERN } from '../../schemas/common.ts';
import { RESERVED_SLUGS, taskSchema, type TaskData } from '../../schemas/task.ts';
import { topicSchema, type TopicData } from '../../schemas/topic.ts';
import { CONTACT_SLUG, contactSchema, type ContactData } from '../../schemas/contact.ts';
import { journeySchema, type JourneyData } from '../../schemas/journey.ts';
import { didYouMean } from './did-you-mean.ts';
import { bestBetsFileSchema, otherBodiesFileSchema, synonymsFileSchema, type BestBet, type OtherBody, type SynonymGroup } from '../../schemas/search.ts';
import { parseFrontMatter, type ParsedFile } from './front-matter.ts';
import { contentFileKind } from './paths.ts';
import { formatProblem, issueProblems, sortProblems, type ContentProblem, type LineOf } from './problem.ts';
import { readYamlFile } from './yaml-file.ts';

export { formatProblem, type ContentProblem };

/** Added to "unknown field" messages in content files. */
const CONTENT_FIELDS_HELP = 'docs/editing.md lists the fields';

/** Where an entry came from, beside its fields. */
interface EntryFile {
  slug: string;
  /** Path as shown in messages, e.g. content/tasks/report-a-pothole.md */
  file: string;
  /** The Markdown after the front matter. */
  body: string;
  /** Line (1-based) where the body starts, for problems found in it. */
  bodyLine: number;
}

export type Task = TaskData & EntryFile;

type Topic = TopicData & EntryFile;

/** A step-by-step journey (content/journeys/<slug>.md): its page is /journey/<slug>. */
export type Journey = JourneyData & EntryFile;

/** content/contact.yml, with its file name for messages. */
export type Contact = ContactData & { file: string };

/** Where content/contact.yml lives under the content folder. */
export const CONTACT_FILE = 'contact.yml';

export interface Content {
  tasks: Task[];
  topics: Topic[];
  /** content/journeys/*.md, by title (none when the folder is absent: journeys are optional). */
  journeys: Journey[];
  /** content/contact.yml; undefined only when it has problems (a missing file is one). */
  contact: Contact | undefined;
  /** content/search/synonyms.yml (empty when the file is absent). */
  synonyms: SynonymGroup[];
  /** content/search/best-bets.yml (empty when the file is absent). */
  bestBets: BestBet[];
  /** content/search/other-bodies.yml: what other organisations do (empty when the file is absent). */
  otherBodies: OtherBody[];
  problems: ContentProblem[];
  /** The line of a field in a task or topic file (by its `file`), so later checks need not read it again. */
  lineOf(file: string, path: readonly (string | number)[]): number;
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

  const parsedTopics = readCollection(join(root, 'topics'), topicSchema, problems, display);
  const topics = parsedTopics
    .filter((entry) => entry.valid)
    .map(({ slug, file, body, parsed, data }) => ({ ...(data as TopicData), slug, file, body, bodyLine: parsed.bodyLine }))
    .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  const parsedTasks = readCollection(join(root, 'tasks'), taskSchema, problems, display);
  const tasks: Task[] = parsedTasks
    .filter((entry) => entry.valid)
    .map(({ slug, file, body, parsed, data }) => ({ ...(data as TaskData), slug, file, body, bodyLine: parsed.bodyLine }));
  tasks.sort((a, b) => a.title.localeCompare(b.title));

  checkLinks(tasks, topics, parsedTasks, problems, display(join(root, 'tasks')));

  const journeysDir = join(root, 'journeys');
  const parsedJourneys = existsSync(journeysDir) ? readCollection(journeysDir, journeySchema, problems, display) : [];
  const journeys: Journey[] = parsedJourneys
    .filter((entry) => entry.valid)
    .map(({ slug, file, body, parsed, data }) => ({ ...(data as JourneyData), slug, file, body, bodyLine: parsed.bodyLine }))
    .sort((a, b) => a.title.localeCompare(b.title));
  const taskSlugs = new Set(parsedTasks.map((entry) => entry.slug));
  checkJourneys(journeys, parsedJourneys, taskSlugs, problems);

  const contactFile = readYamlFile(join(root, CONTACT_FILE), contactSchema, problems, { display, fieldsHelp: 'src/schemas/contact.ts lists the fields', whenEmpty: null });
  if (!contactFile && !existsSync(join(root, CONTACT_FILE))) {
    problems.push({ file: display(join(root, CONTACT_FILE)), line: 1, message: 'is missing: every council needs a contact page (/contact). Copy content/contact.yml from the demo and change the numbers, address and hours', severity: 'error' });
  }
  if (contactFile && !taskSlugs.has(contactFile.value.complaints.task)) {
    const typed = contactFile.value.complaints.task;
    problems.push({ file: contactFile.file, line: contactFile.source.lineOf(['complaints', 'task']), field: 'complaints.task', message: `"${typed}" is not a task${didYouMean(typed, taskSlugs)}: use the file name of a task in content/tasks/ without .md`, severity: 'error', check: 'links' });
  }
  const contact = contactFile ? { ...contactFile.value, file: contactFile.file } : undefined;

  const yamlOptions = { display, fieldsHelp: CONTENT_FIELDS_HELP, whenEmpty: [] };
  const synonyms = readYamlFile(join(root, 'search/synonyms.yml'), synonymsFileSchema, problems, yamlOptions)?.value ?? [];
  const bestBetsFile = readYamlFile(join(root, 'search/best-bets.yml'), bestBetsFileSchema, problems, yamlOptions);
  const otherBodies = readYamlFile(join(root, 'search/other-bodies.yml'), otherBodiesFileSchema, problems, yamlOptions)?.value ?? [];
  // A best bet may also pin the contact page ("phone number" → /contact).
  const slugs = new Set([...taskSlugs, ...(contact ? [CONTACT_SLUG] : [])]);
  bestBetsFile?.value.forEach((bet, index) => {
    if (!slugs.has(bet.task)) {
      problems.push({ file: bestBetsFile.file, line: bestBetsFile.source.lineOf([index, 'task']), field: `[${index}].task`, message: `"${bet.task}" is not a task${didYouMean(bet.task, slugs)}: use the file name of a task in content/tasks/ without .md`, severity: 'error', check: 'links' });
    }
  });

  for (const problem of problems) problem.check ??= 'schema';
  const lines = new Map<string, LineOf>([...parsedTopics, ...parsedTasks, ...parsedJourneys].map((entry) => [entry.file, entry.parsed.lineOf]));
  if (contactFile) lines.set(contactFile.file, contactFile.source.lineOf);
  return {
    tasks,
    topics,
    journeys,
    contact,
    synonyms,
    bestBets: bestBetsFile?.value ?? [],
    otherBodies,
    problems: sortProblems(problems),
    lineOf: (file, path) => lines.get(file)?.(path) ?? 1,
  };
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
    const kind = contentFileKind(name);
    if (kind === 'ignored') continue;
    const path = join(dir, name);
    const file = display(path);
    if (kind === 'stray') {
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
      problems.push(...issueProblems(result.error.issues, parsed.lineOf, file, { fieldsHelp: CONTENT_FIELDS_HELP }));
      entries.push({ slug, file, body: parsed.body, data: parsed.data, parsed, valid: false });
    } else {
      entries.push({ slug, file, body: parsed.body, data: result.data, parsed, valid: true });
    }
  }
  return entries;
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

/** Every task a journey names exists; a misspelt slug gets the nearest real one. */
function checkJourneys(journeys: Journey[], parsedJourneys: ParsedEntry[], taskSlugs: ReadonlySet<string>, problems: ContentProblem[]) {
  const lineOf = new Map(parsedJourneys.map((entry) => [entry.slug, entry.parsed] as const));
  for (const journey of journeys) {
    const parsed = lineOf.get(journey.slug)!;
    journey.steps.forEach((step, stepIndex) => {
      step.tasks.forEach(({ task }, taskIndex) => {
        if (taskSlugs.has(task)) return;
        problems.push({
          file: journey.file,
          line: parsed.lineOf(['steps', stepIndex, 'tasks', taskIndex]),
          field: `steps[${stepIndex}].tasks[${taskIndex}]`,
          message: `step ${stepIndex + 1}: "${task}" is not a task${didYouMean(task, taskSlugs)}: use the file name of a task in content/tasks/ without .md`,
          severity: 'error',
          check: 'links',
        });
      });
    });
  }
}

export function errorsOf(content: Content): ContentProblem[] {
  return content.problems.filter((problem) => problem.severity === 'error');
}

/**
 * The content of one folder, read once and shared by everything in this process that
 * needs it: the build's content guard, the collections' loader and the server's catalogue.
 * Each of these is loaded by Astro into its own module graph, so the cache lives on
 * globalThis rather than in this module. It is kept while no file in the folder has
 * changed (names, sizes and modification times, which cost a stat, not a read), so
 * `astro dev` still sees an editor's change.
 */
export function sharedContent({ root = 'content', cwd = process.cwd() }: LoadOptions = {}): Content {
  const registry = ((globalThis as Record<symbol, unknown>)[SHARED] ??= new Map<string, { stamp: string; content: Content; reads: number }>()) as Map<
    string,
    { stamp: string; content: Content; reads: number }
  >;
  const key = `${resolve(root)}\0${resolve(cwd)}`;
  const stamp = folderStamp(root);
  const cached = registry.get(key);
  if (cached && cached.stamp === stamp) return cached.content;
  const content = loadContent({ root, cwd });
  registry.set(key, { stamp, content, reads: (cached?.reads ?? 0) + 1 });
  return content;
}

/** How many times sharedContent has read this folder in this process (for tests and the build log). */
export function sharedContentReads({ root = 'content', cwd = process.cwd() }: LoadOptions = {}): number {
  const registry = (globalThis as Record<symbol, unknown>)[SHARED] as Map<string, { reads: number }> | undefined;
  return registry?.get(`${resolve(root)}\0${resolve(cwd)}`)?.reads ?? 0;
}

const SHARED = Symbol.for('taskfront.shared-content');
const STAMPED_FOLDERS = ['tasks', 'topics', 'search', 'journeys'];

function folderStamp(root: string): string {
  const parts: string[] = [];
  for (const folder of STAMPED_FOLDERS) {
    const dir = join(root, folder);
    if (!existsSync(dir)) {
      parts.push(`${folder}:-`);
      continue;
    }
    for (const name of readdirSync(dir).sort()) {
      if (contentFileKind(name) === 'ignored') continue;
      const stat = statSync(join(dir, name));
      parts.push(`${folder}/${name}:${stat.size}:${stat.mtimeMs}`);
    }
  }
  const contact = join(root, CONTACT_FILE);
  if (existsSync(contact)) {
    const stat = statSync(contact);
    parts.push(`${CONTACT_FILE}:${stat.size}:${stat.mtimeMs}`);
  }
  return parts.join('\n');
}
