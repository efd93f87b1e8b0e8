/**
 * Reads every topic, task and journey file and the contact details, validates each
 * against its schema and checks the links between them. Used by the build (which stops on any error),
 * the server, the command-line tools and the tests, so all agree on what is valid.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import type { z } from 'zod';
import { SLUG_PATTERN } from '../../schemas/common.ts';
import { RESERVED_SLUGS, taskSchema, type TaskData } from '../../schemas/task.ts';
import { topicSchema, type TopicData } from '../../schemas/topic.ts';
import { CONTACT_SLUG, contactSchema, type ContactData } from '../../schemas/contact.ts';
import { journeySchema, type JourneyData } from '../../schemas/journey.ts';
import { bestBetsFileSchema, otherBodiesFileSchema, synonymsFileSchema, type BestBet, type OtherBody, type SynonymGroup } from '../../schemas/search.ts';
import { parseFrontMatter, splitFrontMatter, type ParsedFile } from './front-matter.ts';
import { CONTACT_FILE, contentFileKind } from './paths.ts';
import { didYouMean, didYouMeanAside } from './did-you-mean.ts';
import { editorFieldName, errorsOf, formatProblem, issueProblems, sortProblems, type ContentProblem, type LineOf } from './problem.ts';
import { keptContent } from './shared-content.ts';
import { readYamlFile } from './yaml-file.ts';

export { errorsOf, formatProblem, type ContentProblem };

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
  /** The text of every task and topic file read in full, valid or not, by its `file`. */
  sourceOf(file: string): string | undefined;
}

export interface LoadOptions {
  /** The content folder; defaults to ./content. */
  root?: string;
  /** Used to make file names in messages relative; defaults to the current directory. */
  cwd?: string;
  /**
   * Read only these task and topic files in full (absolute paths), for checking one file.
   * The others are only looked at for what links need (names, titles, topics), and the
   * search files are not read; the content returned then holds just the named entries.
   */
  only?: readonly string[];
}

export function loadContent({ root = 'content', cwd = process.cwd(), only }: LoadOptions = {}): Content {
  const problems: ContentProblem[] = [];
  const display = (path: string) => relative(cwd, path) || path;
  const named = only ? new Set(only.map((path) => resolve(path))) : undefined;
  const full = named ? (path: string) => named.has(resolve(path)) : () => true;

  const parsedTopics = readCollection(join(root, 'topics'), topicSchema, problems, display, full);
  const topics = parsedTopics
    .filter((entry) => entry.valid)
    .map(({ slug, file, body, parsed, data }) => ({ ...(data as TopicData), slug, file, body, bodyLine: parsed.bodyLine }))
    .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  const parsedTasks = readCollection(join(root, 'tasks'), taskSchema, problems, display, full);
  const tasks: Task[] = parsedTasks
    .filter((entry) => entry.valid)
    .map(({ slug, file, body, parsed, data }) => ({ ...(data as TaskData), slug, file, body, bodyLine: parsed.bodyLine }));
  tasks.sort((a, b) => a.title.localeCompare(b.title));

  checkLinks(tasks, topics, parsedTopics, parsedTasks, problems, display(join(root, 'tasks')));

  if (named) return finish(problems, [...parsedTopics, ...parsedTasks], { tasks, topics, journeys: [], contact: undefined, synonyms: [], bestBets: [], otherBodies: [] });

  const journeysDir = join(root, 'journeys');
  const parsedJourneys = existsSync(journeysDir) ? readCollection(journeysDir, journeySchema, problems, display, () => true) : [];
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
    problems.push({ file: contactFile.file, line: contactFile.source.lineOf(['complaints', 'task']), field: 'complaints.task', message: `"${typed}" is not a task${didYouMeanAside(typed, taskSlugs)}: use the file name of a task in content/tasks/ without .md`, severity: 'error', check: 'links' });
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
      problems.push({ file: bestBetsFile.file, line: bestBetsFile.source.lineOf([index, 'task']), field: `[${index}].task`, message: `"${bet.task}" is not a task${didYouMeanAside(bet.task, slugs)}: use the file name of a task in content/tasks/ without .md`, severity: 'error', check: 'links' });
    }
  });

  return finish(problems, [...parsedTopics, ...parsedTasks, ...parsedJourneys], { tasks, topics, journeys, contact, synonyms, bestBets: bestBetsFile?.value ?? [], otherBodies }, contactFile?.file, contactFile?.source.lineOf);
}

function finish(problems: ContentProblem[], parsed: ParsedEntry[], content: Omit<Content, 'problems' | 'lineOf' | 'sourceOf'>, contactFile?: string, contactLineOf?: LineOf): Content {
  for (const problem of problems) problem.check ??= 'schema';
  const read = parsed.filter((entry) => !entry.peeked);
  const lines = new Map<string, LineOf>(read.map((entry) => [entry.file, entry.parsed.lineOf]));
  if (contactFile && contactLineOf) lines.set(contactFile, contactLineOf);
  const sources = new Map<string, string>(read.map((entry) => [entry.file, entry.source]));
  return {
    ...content,
    problems: sortProblems(problems),
    lineOf: (file, path) => lines.get(file)?.(path) ?? 1,
    sourceOf: (file) => sources.get(file),
  };
}

interface ParsedEntry {
  slug: string;
  file: string;
  body: string;
  data: unknown;
  parsed: ParsedFile;
  valid: boolean;
  /** The file as written. */
  source: string;
  /** Only glanced at (a one-file check): `data` holds just its title and topic. */
  peeked?: boolean;
}

function readCollection(
  dir: string,
  schema: z.ZodType,
  problems: ContentProblem[],
  display: (path: string) => string,
  full: (path: string) => boolean,
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
    const source = readFileSync(path, 'utf8');
    if (!full(path)) {
      entries.push({ slug, file, body: '', data: peek(source), parsed: parseFrontMatter('---\n---\n'), valid: false, source, peeked: true });
      continue;
    }
    const parsed = parseFrontMatter(source);
    for (const syntax of parsed.syntaxErrors) problems.push({ file, line: syntax.line, ...(syntax.field ? { field: syntax.field } : {}), message: syntax.message, severity: 'error' });
    if (parsed.syntaxErrors.length) {
      // Still known by its slug, so links to it are not reported as broken too.
      entries.push({ slug, file, body: parsed.body, data: parsed.data, parsed, valid: false, source });
      continue;
    }

    const result = schema.safeParse(parsed.data);
    if (!result.success) {
      problems.push(...issueProblems(result.error.issues, parsed.lineOf, file, { fieldsHelp: CONTENT_FIELDS_HELP, countFromOne: true }));
      entries.push({ slug, file, body: parsed.body, data: parsed.data, parsed, valid: false, source });
    } else {
      entries.push({ slug, file, body: parsed.body, data: result.data, parsed, valid: true, source });
    }
  }
  return entries;
}

/**
 * What a one-file check needs from the other files: their title and topic, read off
 * their own lines (titles for the duplicate check, topics for "no task uses this topic").
 * Parsing and validating 60 files to learn two words each is what made one file slow.
 */
function peek(source: string): { title?: string; topic?: string } {
  const parts = splitFrontMatter(source);
  if ('error' in parts) return {};
  const value = (key: string) => {
    const match = new RegExp(`^${key}:[ \\t]*(.*?)[ \\t]*$`, 'm').exec(parts.yaml)?.[1];
    return match?.replace(/^(["'])(.*)\1$/, '$2') || undefined;
  };
  return { title: value('title'), topic: value('topic') };
}

function checkLinks(
  tasks: Task[],
  topics: Topic[],
  parsedTopics: ParsedEntry[],
  parsedTasks: ParsedEntry[],
  problems: ContentProblem[],
  tasksDir: string,
) {
  if (parsedTasks.length === 0) {
    problems.push({ file: tasksDir, line: 1, message: 'has no task files: the portal would be empty. Add at least one task (npm run new-task)', severity: 'error', check: 'links' });
    return;
  }
  const slugs = new Set(parsedTasks.map((entry) => entry.slug));
  // A topic only glanced at counts as known: its own problems are its own file's.
  const topicSlugs = new Set([...topics.map((topic) => topic.slug), ...parsedTopics.filter((entry) => entry.peeked).map((entry) => entry.slug)]);
  const reserved = new Set<string>(RESERVED_SLUGS);
  const byTitle = new Map<string, string>();
  for (const entry of parsedTasks) {
    const title = entry.peeked ? (entry.data as { title?: string }).title : undefined;
    if (title) byTitle.set(title.toLowerCase(), entry.file);
  }
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
      const near = didYouMean(task.topic, topicSlugs);
      const message = near
        ? `"${task.topic}" is not a topic: ${near} (a topic is the name of a file in content/topics/ without .md)`
        : `"${task.topic}" is not a topic in content/topics/ (known: ${known})`;
      problems.push({ file: task.file, line: parsed.lineOf(['topic']), field: 'topic', message, severity: 'error', check: 'links' });
    }
    task.related.forEach((related, index) => {
      if (related === task.slug) {
        problems.push({ file: task.file, line: parsed.lineOf(['related', index]), field: editorFieldName(['related', index]), message: 'a task cannot be related to itself; remove it', severity: 'error', check: 'links' });
      } else if (!slugs.has(related)) {
        const near = didYouMean(related, slugs);
        const message = near
          ? `"${related}" is not a task: ${near} (a related task is the name of a file in content/tasks/ without .md)`
          : `"${related}" is not a task: use the file name of a task in content/tasks/ without .md`;
        problems.push({ file: task.file, line: parsed.lineOf(['related', index]), field: editorFieldName(['related', index]), message, severity: 'error', check: 'links' });
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
          message: `step ${stepIndex + 1}: "${task}" is not a task${didYouMeanAside(task, taskSlugs)}: use the file name of a task in content/tasks/ without .md`,
          severity: 'error',
          check: 'links',
        });
      });
    });
  }
}

/**
 * What the build and the server use of the content: all of it but the ways back to the files (lineOf and sourceOf),
 * which only the content checks use, and which hold the text of every file: kept by a build, they would be held
 * in memory until it ends (issue 17). Plain data, so it can be passed between threads.
 */
export type ContentData = Omit<Content, 'lineOf' | 'sourceOf'>;

export function contentData({ lineOf: _lineOf, sourceOf: _sourceOf, ...data }: Content): ContentData {
  return data;
}

/**
 * The content of one folder, read once and shared by everything in this process that needs it: the build's content
 * guard, the collections' loader and the server's catalogue (shared-content.ts keeps it). It is kept while no file
 * in the folder has changed (names, sizes and modification times, which cost a stat, not a read), so `astro dev`
 * still sees an editor's change.
 */
export function sharedContent({ root = 'content', cwd = process.cwd() }: LoadOptions = {}): ContentData {
  return keptContent({ root, cwd }, () => contentData(loadContent({ root, cwd })));
}
