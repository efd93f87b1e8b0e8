/**
 * npm run new-task — starts a new task page. Takes the title, topic, kind and
 * start URL as options, or asks for them in a terminal, then writes
 * content/tasks/<slug>.md with example text for the editor to replace.
 * It writes that one file and nothing else, and never replaces a file that exists.
 * Exit codes: 0 created; 1 you chose not to create it; 2 wrong or missing options, or the file exists.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative } from 'node:path';
import { createInterface, type Interface } from 'node:readline/promises';
import { fail, parseCli } from '../lib/cli/cli.ts';
import { parseFrontMatter } from '../lib/content/front-matter.ts';
import {
  checkKind,
  checkNewTask,
  checkStartUrl,
  checkTitle,
  checkTopic,
  isTaskKind,
  nextStepLines,
  nextStepText,
  renderTaskFile,
  slugify,
  type NewTaskInput,
} from '../lib/content/new-task.ts';
import { contentDir } from '../lib/content/paths.ts';
import { today } from '../lib/dates.ts';
import { KINDS_NEEDING_START, SERVICE_KINDS } from '../schemas/task.ts';

const KIND_HINTS: Record<string, string> = {
  transaction: 'people pay, apply or book',
  report: 'people tell us about a problem',
  information: 'people find something out',
};

interface TopicChoice {
  slug: string;
  title: string;
  order: number;
}

function cannotCreate(problems: string[]): never {
  fail(['The task was not created:', ...problems.map((problem) => `  - ${problem}`)].join('\n'));
}

const { values: flags } = parseCli({
  usage: 'npm run new-task [-- options]',
  summary: `Starts a new task page: writes content/tasks/<name>.md with example text for you
to replace. In a terminal, it asks for anything you leave out.`,
  options: {
    title: { type: 'string', valueName: 'text', description: 'what people want to do, verb first, e.g. "Apply for a skip permit"' },
    topic: { type: 'string', valueName: 'name', description: 'a topic file in content/topics/ without .md, e.g. parking-and-roads' },
    kind: { type: 'string', valueName: 'kind', description: 'transaction (pay, apply or book), report (tell us about a problem)\nor information (find something out)' },
    'start-url': { type: 'string', valueName: 'url', description: 'where the Start button goes: an https address, or a path on this\nsite starting with "/". Needed for a transaction or a report.' },
    yes: { type: 'boolean', description: 'create the file without asking first' },
  },
  json: 'print {path, slug, nextStep} as JSON',
  positionalsHint: (given) => `give the title with --title, for example --title "${given.join(' ')}"`,
  notes: 'It never replaces a file that exists.',
  done: 'created',
  problems: 'you chose not to create it',
  cannotRun: 'wrong or missing options, or the file exists',
});

const root = contentDir();
const tasksDir = join(root, 'tasks');
if (!existsSync(tasksDir)) {
  fail(`There is no tasks folder at ${display(tasksDir)}: run this from the project folder, or set TASKFRONT_CONTENT_DIR to your content folder`);
}
const topics = readTopics(join(root, 'topics'));
const context = { existingSlugs: readTaskSlugs(), topics: topics.map((topic) => topic.slug) };

// Prompts go where they will not mix with JSON output.
const out = flags.json ? process.stderr : process.stdout;
const interactive = Boolean(process.stdin.isTTY && out.isTTY);

const input: Partial<NewTaskInput> = {};
const problems: string[] = [];
/** Keeps a value given as an option if it is right; otherwise reports it (and, in a terminal, asks again). */
function take<K extends keyof NewTaskInput>(key: K, value: string | undefined, check: (value: string) => string[]) {
  if (value === undefined) return;
  const found = check(value);
  if (!found.length) input[key] = value.trim() as NewTaskInput[K];
  else if (interactive) console.error(found.join('\n'));
  else problems.push(...found);
}
take('title', flags.title, (title) => checkTitle(title, context));
take('topic', flags.topic?.trim().toLowerCase(), (topic) => checkTopic(topic, context.topics));
take('kind', flags.kind?.trim().toLowerCase(), checkKind);
const givenKind = input.kind ?? '';
take('startUrl', flags['start-url'], (url) => checkStartUrl(givenKind, url));

if (!interactive) {
  const missing: string[] = [];
  if (flags.title === undefined) missing.push('--title');
  if (flags.topic === undefined) missing.push('--topic');
  if (flags.kind === undefined) missing.push('--kind');
  const needsStart = input.kind && isTaskKind(input.kind) ? KINDS_NEEDING_START.includes(input.kind) : flags.kind === undefined;
  if (flags['start-url'] === undefined && needsStart) missing.push(input.kind ? '--start-url' : '--start-url (for a transaction or a report)');
  if (missing.length) {
    const example = `npm run new-task -- --title "Apply for a skip permit" --topic ${exampleTopic()} --kind transaction --start-url https://example.org/skip`;
    fail([
      `Missing ${listOf(missing)}. Outside a terminal, give every value as an option, for example:`,
      `  ${example}`,
      ...(problems.length ? ['', 'Also:', ...problems.map((problem) => `  - ${problem}`)] : []),
      '',
      'Run npm run new-task -- --help to see every option.',
    ].join('\n'));
  }
  if (problems.length) cannotCreate(problems);
}

let rl: Interface | undefined;
const typedAhead: string[] = [];
let waiting: ((line: string | undefined) => void) | undefined;
let closed = false;
if (interactive) {
  rl = createInterface({ input: process.stdin, output: out });
  rl.on('SIGINT', () => stop());
  // Lines typed (or pasted) before a question is asked are kept for it, not lost.
  rl.on('line', (line) => {
    const resolve = waiting;
    waiting = undefined;
    if (resolve) resolve(line);
    else typedAhead.push(line);
  });
  rl.on('close', () => {
    closed = true;
    waiting?.(undefined);
  });
  await askForMissing(rl);
}

const task: NewTaskInput = { title: input.title ?? '', topic: input.topic ?? '', kind: input.kind ?? '', startUrl: input.startUrl };
const finalProblems = checkNewTask(task, context);
if (finalProblems.length) cannotCreate(finalProblems);

const slug = slugify(task.title);
const path = join(tasksDir, `${slug}.md`);
const shown = display(path);

if (rl && !flags.yes) {
  const topicTitle = topics.find((topic) => topic.slug === task.topic)?.title ?? task.topic;
  out.write(
    [
      '',
      `Ready to create ${shown}`,
      `  Title:     ${task.title}`,
      `  Topic:     ${topicTitle}`,
      `  Kind:      ${task.kind}`,
      `  Start URL: ${task.startUrl || 'none'}`,
      '',
    ].join('\n'),
  );
  if (!(await confirm(rl, 'Create it? (y/n) '))) {
    rl.close();
    console.error('Nothing was created.');
    process.exit(1);
  }
}
rl?.close();

// Checked again just before writing: another editor may have made the file meanwhile.
const existsMessage = `${shown} already exists: choose another title, or edit that file`;
if (existsSync(path)) cannotCreate([existsMessage]);
try {
  writeFileSync(path, renderTaskFile(task, today()), { encoding: 'utf8', flag: 'wx' });
} catch (error) {
  if ((error as NodeJS.ErrnoException).code === 'EEXIST') cannotCreate([existsMessage]);
  fail(`Could not write ${shown}: ${(error as Error).message}`);
}

if (flags.json) {
  console.log(JSON.stringify({ path: shown, slug, nextStep: nextStepText(slug, shown) }, null, 2));
} else {
  console.log([`Created ${shown}`, ...nextStepLines(slug, shown)].join('\n'));
}
process.exit(0);

async function askForMissing(rl: Interface) {
  if (input.title === undefined) {
    out.write('What do people want to do? Start with a verb, for example "Apply for a skip permit".\n');
    input.title = await ask(rl, 'Title: ', (answer) => {
      const found = checkTitle(answer, context);
      return found.length ? { problems: found } : { value: answer };
    });
  }
  if (input.topic === undefined) {
    if (!topics.length) cannotCreate([checkTopic('', []).join('')]);
    out.write('\nWhich topic is it part of?\n');
    const width = String(topics.length).length;
    topics.forEach((topic, index) => out.write(`  ${String(index + 1).padStart(width)}. ${topic.title} (${topic.slug})\n`));
    input.topic = await ask(rl, 'Topic number or name: ', (answer) => {
      const topic = pick(answer, topics, (choice) => [choice.slug, choice.title]);
      return topic ? { value: topic.slug } : { problems: [`Type a number from 1 to ${topics.length}, or a topic name such as ${topics[0]!.slug}`] };
    });
  }
  if (input.kind === undefined) {
    out.write('\nWhat kind of task is it?\n');
    SERVICE_KINDS.forEach((kind, index) => out.write(`  ${index + 1}. ${kind}: ${KIND_HINTS[kind]}\n`));
    input.kind = await ask(rl, 'Kind number or name: ', (answer) => {
      const kind = pick(answer, SERVICE_KINDS, (choice) => [choice]);
      return kind ? { value: kind } : { problems: ['Type 1, 2 or 3, or transaction, report or information'] };
    });
  }
  const kind = input.kind;
  // Only transactions and reports have a Start button; an information page gives its answer instead.
  if (input.startUrl === undefined && isTaskKind(kind) && KINDS_NEEDING_START.includes(kind)) {
    out.write(`\nWhere does the Start button go?\nGive the https address of the service, or a path on this site starting with "/".\n`);
    input.startUrl = await ask(rl, 'Start URL: ', (url) => {
      const found = checkStartUrl(kind, url);
      return found.length ? { problems: found } : { value: url };
    });
  }
}

/** Asks until the answer passes `check`; Ctrl+C or Ctrl+D stops without creating anything. */
async function ask(rl: Interface, question: string, check: (answer: string) => { value: string } | { problems: string[] }): Promise<string> {
  for (;;) {
    const line = await nextLine(rl, question);
    if (line === undefined) stop();
    const result = check(line.trim());
    if ('value' in result) return result.value;
    out.write(`${result.problems.join('\n')}\n`);
  }
}

/** Shows the prompt and waits for the next line; undefined when input has ended (Ctrl+D). */
async function nextLine(rl: Interface, prompt: string): Promise<string | undefined> {
  rl.setPrompt(prompt);
  rl.prompt();
  if (typedAhead.length) return typedAhead.shift();
  if (closed) return undefined;
  return new Promise((resolve) => (waiting = resolve));
}

async function confirm(rl: Interface, question: string): Promise<boolean> {
  for (;;) {
    const answer = await ask(rl, question, (text) => ({ value: text.toLowerCase() }));
    if (answer === 'y' || answer === 'yes') return true;
    if (answer === 'n' || answer === 'no') return false;
    out.write('Type y to create the file, or n to stop.\n');
  }
}

function stop(): never {
  out.write('\n');
  console.error('Stopped. Nothing was created.');
  process.exit(1);
}

/** A choice by its number in the list, by one of its names (any case), or by the start of only one name. */
function pick<T>(answer: string, choices: readonly T[], names: (choice: T) => string[]): T | undefined {
  if (/^\d+$/.test(answer)) return choices[Number(answer) - 1];
  const wanted = answer.toLowerCase();
  if (!wanted) return undefined;
  const exact = choices.find((choice) => names(choice).some((name) => name.toLowerCase() === wanted));
  if (exact) return exact;
  const starting = choices.filter((choice) => names(choice).some((name) => name.toLowerCase().startsWith(wanted)));
  return starting.length === 1 ? starting[0] : undefined;
}

function readTopics(dir: string): TopicChoice[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md') && !name.startsWith('.') && !name.startsWith('_'))
    .map((name) => {
      const slug = basename(name, '.md');
      const data = parseFrontMatter(readFileSync(join(dir, name), 'utf8')).data as { title?: unknown; order?: unknown } | null;
      return {
        slug,
        title: typeof data?.title === 'string' && data.title.trim() ? data.title.trim() : slug,
        order: typeof data?.order === 'number' ? data.order : 100,
      };
    })
    .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
}

function readTaskSlugs(): Set<string> {
  return new Set(readdirSync(tasksDir).filter((name) => name.endsWith('.md')).map((name) => basename(name, '.md')));
}

/** A path relative to where the command runs, when it is inside it. */
function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function listOf(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');
}

function exampleTopic(): string {
  return context.topics.includes('parking-and-roads') ? 'parking-and-roads' : (context.topics[0] ?? 'parking-and-roads');
}
