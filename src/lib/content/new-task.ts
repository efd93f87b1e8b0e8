/**
 * The pure part of `npm run new-task`: turning a title into a slug, checking
 * what an editor asked for, and writing the starting Markdown for a new task.
 * The command (src/cli/new-task.ts) does the asking, reading and writing.
 */
import { stringify } from 'yaml';
import { isSafeLinkTarget } from '../../schemas/common.ts';
import { KINDS_NEEDING_START, RESERVED_SLUGS, SERVICE_KINDS, TASK_LIMITS, type ServiceInput, type ServiceKind } from '../../schemas/task.ts';
import { addMonths } from '../dates.ts';

export interface NewTaskInput {
  title: string;
  /** Slug of a topic file in content/topics/. */
  topic: string;
  /** transaction, report or information (checked by checkNewTask). */
  kind: string;
  /** Where the Start button goes: an https URL or a path on this site. */
  startUrl?: string;
}

export interface NewTaskContext {
  /** Slugs of the task files that already exist. */
  existingSlugs: Set<string>;
  /** Slugs of the topic files. */
  topics: string[];
}

const EXAMPLE_TITLE = 'Apply for a skip permit';

/** Letters that do not fall apart into a plain letter and an accent. */
const LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** "Report a dog’s mess" → "report-a-dogs-mess" */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => LETTERS[letter] ?? letter)
    .replace(/['’‘ʼ`´]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Every problem with a new task, each a sentence that says how to fix it. Empty when it can be created. */
export function checkNewTask(input: NewTaskInput, context: NewTaskContext): string[] {
  return [
    ...checkTitle(input.title, context),
    ...checkTopic(input.topic, context.topics),
    ...checkKind(input.kind),
    ...checkStartUrl(input.kind, input.startUrl),
  ];
}

export function checkTitle(title: string, context: Pick<NewTaskContext, 'existingSlugs'>): string[] {
  const trimmed = title.trim();
  if (!trimmed) return [`The title is empty: give the task a title that starts with a verb, for example "${EXAMPLE_TITLE}"`];
  const problems: string[] = [];
  if (!/^[A-Z]/.test(trimmed)) {
    const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
    problems.push(
      /^[A-Z]/.test(capitalised)
        ? `The title must start with a capital letter: write "${capitalised}"`
        : `The title must start with a capital letter and a verb, for example "${EXAMPLE_TITLE}"`,
    );
  }
  if (trimmed.length > TASK_LIMITS.title) {
    problems.push(`The title is ${trimmed.length} characters long: shorten it to ${TASK_LIMITS.title} characters or fewer`);
  }
  const slug = slugify(trimmed);
  if (!slug) {
    problems.push(`The title has no letters or numbers to make a file name from: use words, for example "${EXAMPLE_TITLE}"`);
  } else if (context.existingSlugs.has(slug)) {
    problems.push(`content/tasks/${slug}.md already exists: choose another title, or edit that file`);
  } else if ((RESERVED_SLUGS as readonly string[]).includes(slug)) {
    problems.push(`"${trimmed}" would use the address /${slug}, which the portal uses itself: choose another title`);
  }
  return problems;
}

export function checkTopic(topic: string, topics: readonly string[]): string[] {
  const known = topics.length ? topics.join(', ') : 'none yet: add a topic file to content/topics/ first';
  const trimmed = topic.trim();
  if (!trimmed) return [`The topic is missing: use one of ${known}`];
  if (!topics.includes(trimmed)) return [`"${trimmed}" is not a topic: use one of ${known}`];
  return [];
}

export function checkKind(kind: string): string[] {
  if (isTaskKind(kind.trim())) return [];
  const given = kind.trim() ? `"${kind.trim()}" is not a kind of task` : 'The kind is missing';
  return [`${given}: use transaction (pay, apply or book), report (tell us about a problem) or information (find something out)`];
}

export function checkStartUrl(kind: string, startUrl: string | undefined): string[] {
  const url = startUrl?.trim() ?? '';
  const trimmedKind = kind.trim();
  if (!url) {
    return isTaskKind(trimmedKind) && KINDS_NEEDING_START.includes(trimmedKind)
      ? [`A ${trimmedKind} needs a start URL for its Start button: give the https address of the service, or a path on this site starting with "/"`]
      : [];
  }
  if (trimmedKind === 'information') {
    return ['An information page has no Start button (its answer is on the page): leave out the start URL, or choose transaction or report if people do something online'];
  }
  if (!isSafeLinkTarget(url)) {
    return [`"${url}" cannot be the start URL: use an https address (https://…) or a path on this site starting with "/"`];
  }
  return [];
}

/** A kind new-task can write: a council service. A signpost has other fields (docs/editing.md shows one to copy). */
export function isTaskKind(kind: string): kind is ServiceKind {
  return (SERVICE_KINDS as readonly string[]).includes(kind);
}

/**
 * The new file: front matter that passes taskSchema, so the page shows in `npm run dev`
 * at once. What only the editor knows (who can use it, what it costs, how long it takes,
 * the steps, the team) is a [[placeholder]] saying what to write: check:content fails
 * on each one left, so a guess such as "Cost: Free" can never go live unnoticed.
 * Call checkNewTask first; this assumes the input is valid.
 */
export function renderTaskFile(input: NewTaskInput, today: string): string {
  const title = input.title.trim();
  const kind = input.kind.trim() as ServiceKind;
  const startUrl = input.startUrl?.trim();
  const data: ServiceInput = {
    title,
    summary: placeholder(`One sentence on what people can do here, e.g. "You can ${lowerFirstWord(title)} online."`, TASK_LIMITS.summary),
    topic: input.topic.trim(),
    kind,
    keywords: keywordsFor(title),
    eligibility: placeholder('Who can use this, e.g. "Anyone who lives in Riverton."'),
    youWillNeed: [placeholder('Something to have ready, e.g. "your car’s registration number". One line each; delete lines you do not need')],
    cost: placeholder('What it costs, e.g. "Free" or "£25"'),
    timeToComplete: placeholder('How long it takes, e.g. "About 5 minutes"', TASK_LIMITS.timeToComplete),
    steps: STEP_HINTS[kind].map((hint, index) => ({
      title: placeholder(`Step ${index + 1}, verb first, e.g. "${hint.title}"`, TASK_LIMITS.stepTitle),
      text: placeholder(`What people do in step ${index + 1}, in 1 to 3 short sentences, e.g. "${hint.text}"`),
    })),
    ...(startUrl ? { start: { label: buttonLabel(title), url: startUrl } } : {}),
    related: [],
    owner: placeholder('The team that answers for this page', TASK_LIMITS.owner),
    popular: false,
    lastReviewed: today,
    reviewBy: addMonths(today, 6),
  };

  const comment = [
    '# This is a new task. Replace every [[...]] with the real details: npm run check:content',
    '# names each one still left. Write short sentences and speak to the reader as "you".',
    '# Extra help can go under the last --- line, in short paragraphs.',
  ].join('\n');
  const yaml = stringify(data, { lineWidth: 0 });
  return `---\n${comment}\n${yaml}---\n`;
}

/** The shape of a good step for each kind, shown inside the step placeholders as an example. */
const STEP_HINTS: Record<ServiceKind, { title: string; text: string }[]> = {
  transaction: [
    { title: 'Check you can apply', text: 'Have your address ready.' },
    { title: 'Fill in the form', text: 'Press Start and answer the questions.' },
    { title: 'Get an email from us', text: 'We tell you what happens next.' },
  ],
  report: [
    { title: 'Find where the problem is', text: 'Note the street or a landmark.' },
    { title: 'Tell us about the problem', text: 'Press Start. You can add a photo.' },
    { title: 'Keep your reference number', text: 'Use it if you contact us.' },
  ],
  information: [
    { title: 'Check this is for you', text: 'Read who this page is for.' },
    { title: 'Find your nearest centre', text: 'Use the list of places below.' },
    { title: 'Ask us if you are not sure', text: 'Call our contact centre.' },
  ],
};

/** [[what to write]]: the marker check:content looks for (see placeholders-check.ts). */
export function placeholder(hint: string, max?: number): string {
  const text = `[[${hint}]]`;
  if (max !== undefined && text.length > max) throw new Error(`the placeholder "${text}" is longer than its field allows (${max} characters)`);
  return text;
}

/** "Apply for a Blue Badge" → "apply for a Blue Badge"; an acronym such as "MOT" stays as it is. */
function lowerFirstWord(title: string): string {
  const first = title.split(/\s/, 1)[0] ?? '';
  if (first.length > 1 && first === first.toUpperCase()) return title;
  return title.charAt(0).toLowerCase() + title.slice(1);
}

/** The Start button text: the title, cut at a word if it is longer than the schema allows. */
function buttonLabel(title: string, max: number = TASK_LIMITS.startLabel): string {
  if (title.length <= max) return title;
  const cut = title.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return (space > 0 ? cut.slice(0, space) : title.slice(0, max)).replace(/[\s,;:–-]+$/, '');
}

const SMALL_WORDS = new Set([
  'a', 'an', 'the', 'for', 'to', 'of', 'on', 'in', 'at', 'about', 'your', 'you', 'my', 'our', 'or', 'and', 'with', 'if', 'from', 'by', 'into', 'as', 'is', 'are',
  'out', 'up',
]);

/**
 * At least 3 search words from the title: the title itself, what the task is
 * about ("skip permit"), and the title as people type it in a search box ("apply skip permit").
 */
export function keywordsFor(title: string, max: number = TASK_LIMITS.keyword): string[] {
  const words = title
    .toLowerCase()
    .replace(/[’‘ʼ`]/g, "'")
    .replace(/&/g, ' and ')
    .split(/[^\p{L}\p{N}'-]+/u)
    .filter(Boolean);
  const full = words.join(' ');
  const rest = words.slice(1);
  while (rest.length && SMALL_WORDS.has(rest[0]!)) rest.shift();
  const object = rest.join(' ');
  const core = words.filter((word) => !SMALL_WORDS.has(word));
  const found: string[] = [];
  const add = (keyword: string) => {
    const clean = keyword.trim();
    if (clean && clean.length <= max && !found.includes(clean)) found.push(clean);
  };
  [full, object, core.join(' ')].forEach(add);
  for (const extra of [`${full} online`, `how to ${full}`, `${object} online`, ...core, ...core.map((word) => word.slice(0, max)), 'council service', 'riverton council', 'online service']) {
    if (found.length >= TASK_LIMITS.keywordsMin) break;
    add(extra);
  }
  return found;
}

/** Where the new page shows in `npm run dev`. */
export function devUrl(slug: string): string {
  return `http://localhost:4321/${slug}`;
}

/** The two lines printed after "Created <path>". */
export function nextStepLines(slug: string, path: string): [string, string] {
  return [`Next: run npm run dev, then open ${devUrl(slug)}`, `Replace each [[...]] placeholder, then check it with npm run check:content -- ${path}`];
}

/** The same advice as one string, for --json. */
export function nextStepText(slug: string, path: string): string {
  return `Run npm run dev, then open ${devUrl(slug)}. Replace each [[...]] placeholder, then check it with npm run check:content -- ${path}`;
}
