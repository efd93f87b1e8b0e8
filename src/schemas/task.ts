/**
 * The task content model: one Markdown file per task in content/tasks/<slug>.md,
 * with this front matter. Imported by the Astro content config, the server,
 * the command-line tools and the tests; it must not import astro:content.
 */
import { z } from 'zod';
import { expected, list, httpsUrl, isoDate, isRealDate, isSafeLinkTarget, linkTarget, slug, text } from './common.ts';
import { PHRASE_MAX } from './limits.ts';
import { isPhoneNumber } from '../lib/content/phone-numbers.ts';

/**
 * transaction (pay, apply, book), report (tell us about a problem), information (find out):
 * services the council runs. signpost: a need another body serves (a passport, a GP), a short
 * page saying who does it and how to reach them, with no Start button.
 */
export const TASK_KINDS = ['transaction', 'report', 'information', 'signpost'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** The kinds of task the council itself runs. */
export const SERVICE_KINDS = ['transaction', 'report', 'information'] as const satisfies readonly TaskKind[];
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** Kinds whose page must offer a Start button. */
export const KINDS_NEEDING_START: readonly TaskKind[] = ['transaction', 'report'];

/**
 * Top-level paths the portal uses itself. A task slug equal to one of these
 * would hide a page or be hidden by it, so the content check refuses it.
 */
export const RESERVED_SLUGS = [
  'search', 'browse', 'performance', 'done', 'api', 'accessibility', 'privacy',
  'demo-service', 'start', 'feedback', '404', '500', 'sitemap', 'sitemap-index',
  'robots', 'favicon', 'assets', 'client', 'topics', 'tasks', 'about', 'contact',
  'cookies', 'help', 'index', 'rss', 'my-tasks', 'healthz', 'readyz', 'performance.csv', 'journey',
  'status', 'status.json', 'status.atom', 'you-said-we-did', 'report-problem',
] as const;

/**
 * How long fields may be (characters) and how many entries lists may hold. The schema
 * below is built from these, and tools that write task files (new-task, search:gaps)
 * read them here, so a limit is stated once.
 */
export const TASK_LIMITS = {
  title: 90,
  summary: 200,
  keyword: PHRASE_MAX,
  keywordsMin: 3,
  keywordsMax: 40,
  eligibility: 500,
  youWillNeedItem: 160,
  youWillNeedMax: 12,
  cost: 160,
  timeToComplete: 80,
  stepTitle: 80,
  stepText: 600,
  stepsMax: 12,
  startLabel: 60,
  relatedMax: 5,
  owner: 80,
  providerName: 80,
  providerDoes: 300,
  providerLinkText: 80,
  providerPhone: 40,
  providerHours: 120,
  changeYouSaid: 300,
  changeWeDid: 400,
  changesMax: 20,
  useThisToItem: 120,
  useThisToMax: 5,
  urgentText: 200,
  urgentHours: 80,
  factsAnswer: 300,
  placeName: 80,
  placeAddress: 200,
  placeHoursMax: 8,
  placeHoursDays: 60,
  placeHoursTimes: 80,
  placeNote: 200,
  placesMax: 10,
  factWhat: 120,
  factValue: 80,
  factsListMax: 12,
} as const;

/** A phone number and nothing else ("01632 960 400", "999"): pages make it a tel: link. */
const phoneNumber = z
  .string({ error: expected('a phone number') })
  .trim()
  .refine(isPhoneNumber, 'must be one phone number and nothing else, e.g. "01632 960 400" or "999": put any other words in the text');

/** A link to a place on a map, over https. */
const mapUrl = z
  .string({ error: expected('an https link to a map') })
  .refine((value) => !value.startsWith('/') && isSafeLinkTarget(value), 'must be an https link to the place on a map (https://…)');

/**
 * A safety notice shown in a warning box above Start, for the moment when using the
 * online service is the wrong thing to do: "If a hole could cause a crash right now, call us".
 */
const urgent = z.strictObject({
  /** When to call instead, in one or two plain sentences. Leave the number out: it is shown below as a link. */
  text: text(TASK_LIMITS.urgentText),
  /** The number to ring. */
  phone: phoneNumber,
  /** When the line answers, e.g. "24 hours a day". */
  hours: text(TASK_LIMITS.urgentHours).optional(),
}, { error: expected('a safety notice with text and phone') });

/** One place on an information page: a recycling centre, a library, an office. */
const place = z.strictObject({
  name: text(TASK_LIMITS.placeName),
  /** The full address, with the postcode. */
  address: text(TASK_LIMITS.placeAddress),
  /** Opening hours, one line per group of days. */
  hours: z
    .array(z.strictObject({ days: text(TASK_LIMITS.placeHoursDays), times: text(TASK_LIMITS.placeHoursTimes) }), { error: expected('a list of days and times') })
    .max(TASK_LIMITS.placeHoursMax, `can have at most ${TASK_LIMITS.placeHoursMax} lines`)
    .optional(),
  phone: phoneNumber.optional(),
  /** Where the place is on a map (the page names the link after the place). */
  mapUrl: mapUrl.optional(),
  /** Anything else a visitor must know first: "Closed on Wednesdays". */
  note: text(TASK_LIMITS.placeNote).optional(),
}, { error: expected('a place with a name and address') });

/** A pair such as a fee ("Bag of rubble" / "£5") or a date ("Polling day" / "6 May 2027"). */
const fee = z.strictObject({ what: text(TASK_LIMITS.factWhat), cost: text(TASK_LIMITS.factValue) }, { error: expected('a fee with what and cost') });
const keyDate = z.strictObject({ what: text(TASK_LIMITS.factWhat), when: text(TASK_LIMITS.factValue) }, { error: expected('a date with what and when') });

/**
 * The answer on an information page, shown first: a sentence or two, then the places,
 * fees and dates a person came for. Only information pages have facts.
 */
const facts = z.strictObject({
  /** The answer itself, in one or two sentences. */
  answer: text(TASK_LIMITS.factsAnswer),
  places: list(place, 'a list of places', { min: [1, 'place, or leave places out'], max: [TASK_LIMITS.placesMax, 'places'] }).optional(),
  /** What things cost: "what" and "cost". */
  fees: z.array(fee, { error: expected('a list of fees, each with what and cost') }).min(1).max(TASK_LIMITS.factsListMax).optional(),
  /** Dates that matter: "what" and "when". */
  dates: z.array(keyDate, { error: expected('a list of dates, each with what and when') }).min(1).max(TASK_LIMITS.factsListMax).optional(),
}, { error: expected('the answer, with optional places, fees and dates') });

const step = z.strictObject({
  /** What the person does, verb first: "Check your collection day". */
  title: text(TASK_LIMITS.stepTitle),
  /** One to three short sentences. */
  text: text(TASK_LIMITS.stepText),
});

const start = z.strictObject({
  /** Button text, verb first: "Report a missed bin". */
  label: text(TASK_LIMITS.startLabel),
  /** Where the service lives: a path on this site or an https URL. */
  url: linkTarget,
});

/**
 * One "you said, we did" entry: what people told us and what we changed. A theme in our
 * own words, never a quote: feedback can hold names, addresses and other personal details.
 */
const change = z.strictObject({
  /** When the change went live. */
  date: isoDate,
  /** What people told us, as a theme: "The page did not say which payment cards we take". */
  youSaid: text(TASK_LIMITS.changeYouSaid),
  /** What we changed: "We listed the cards on the page and the payment form". */
  weDid: text(TASK_LIMITS.changeWeDid),
}, { error: expected('a change with date, youSaid and weDid') });

/** Fields every kind of task has. */
const common = {
  /** Verb first, e.g. "Report a pothole or damaged road". */
  title: text(TASK_LIMITS.title).refine((t) => /^[A-Z]/.test(t), 'must start with a capital letter, verb first, e.g. "Report a pothole"'),
  /** One plain sentence saying what this task is for. Shown in results and as the page description. */
  summary: text(TASK_LIMITS.summary),
  /** Slug of a topic file in content/topics/. */
  topic: slug,
  /** Words people use for this task, in their own words: "rubbish", "bin men didn't come". */
  keywords: list(text(TASK_LIMITS.keyword), 'a list', {
    min: [TASK_LIMITS.keywordsMin, 'entries: add the words people search with'],
    max: [TASK_LIMITS.keywordsMax, 'entries: remove the ones people do not use'],
  }),
  /** Slugs of up to 5 other tasks people often need next. */
  related: list(slug, 'a list of task slugs', { max: [TASK_LIMITS.relatedMax, 'tasks'] }).default([]),
  /** The team that answers for this page (and, for a service, the service). */
  owner: text(TASK_LIMITS.owner),
  /** When someone last checked the page is right. */
  lastReviewed: isoDate,
  /** When it must be checked again. */
  reviewBy: isoDate,
  /** A safety notice above Start (or above the answer): when to phone instead, and the number. */
  urgent: urgent.optional(),
};

/** A service the council runs: who can use it, what it takes, the steps, and (mostly) a Start button. */
const serviceSchema = z.strictObject({
  ...common,
  /** transaction (pay, apply, book), report (tell us about a problem) or information (find out). */
  kind: z.enum(SERVICE_KINDS),
  /** Who can use this service, in one or two sentences. */
  eligibility: text(TASK_LIMITS.eligibility),
  /** What to have ready before starting. */
  youWillNeed: list(text(TASK_LIMITS.youWillNeedItem), 'a list', { min: [1, 'item'], max: [TASK_LIMITS.youWillNeedMax, 'items'] }),
  /** What it costs, e.g. "Free" or "£25". */
  cost: text(TASK_LIMITS.cost),
  /** How long it takes, e.g. "About 5 minutes". */
  timeToComplete: text(TASK_LIMITS.timeToComplete),
  /** Ordered steps; shown as a numbered list. */
  steps: list(step, 'a list of steps, each with title and text', { min: [1, 'step'], max: [TASK_LIMITS.stepsMax, 'steps; split the task'] }),
  /** The service itself. Required for transactions and reports; an information page has none. */
  start: start.optional(),
  /** Transactions and reports: what people can do with the service, 2 or 3 short lines shown above Start ("pay your bill", "check what you owe"). */
  useThisTo: list(text(TASK_LIMITS.useThisToItem), 'a list of short lines', {
    min: [1, 'line, or leave useThisTo out'],
    max: [TASK_LIMITS.useThisToMax, 'lines; keep the most common'],
  }).optional(),
  /** Information pages: the answer, shown first. */
  facts: facts.optional(),
  /** Shown on the home page under "Most requested". */
  popular: z.boolean({ error: expected('true or false') }).default(false),
  /** "You said, we did": changes made because of feedback, shown on the page and at /you-said-we-did. */
  changes: list(change, 'a list of changes, each with date, youSaid and weDid', { max: [TASK_LIMITS.changesMax, 'changes; remove the oldest'] }).default([]),
});

/** Who serves a signposted need, and how to reach them. */
const provider = z.strictObject({
  /** The body that does it, by the name people know: "HM Passport Office". */
  name: text(TASK_LIMITS.providerName),
  /** What they do for the person, in one or two sentences: "They issue and renew British passports." */
  does: text(TASK_LIMITS.providerDoes),
  /** Their own page for this need. Always https, always another site. */
  url: httpsUrl,
  /** The link text, saying where it goes: "Apply for a passport on GOV.UK". */
  linkText: text(TASK_LIMITS.providerLinkText),
  /** A phone number, when calling is a good way to reach them: "101". */
  phone: text(TASK_LIMITS.providerPhone).optional(),
  /** When the phone line is open: "Monday to Friday, 8am to 8pm". */
  hours: text(TASK_LIMITS.providerHours).optional(),
}, { error: expected('who does it: name, does, url and linkText') });

/** A need another body serves: found like a task, marked "Not a council service", no Start button, nothing measured as a journey. */
const signpostSchema = z.strictObject({
  ...common,
  kind: z.literal('signpost'),
  /** Who does it and how to reach them. */
  provider,
  /** Never set: a signpost has no Start button. Declared so code can ask any task for `start`. */
  start: z.undefined({ error: 'a signpost has no Start button: remove start and put the link in provider.url' }).optional(),
});

export const taskSchema = z
  .discriminatedUnion('kind', [serviceSchema, signpostSchema], {
    error: (issue) =>
      (issue.input as { kind?: unknown } | undefined)?.kind === undefined ? 'is missing: add this field' : `must be one of: ${TASK_KINDS.join(', ')}`,
  })
  .superRefine((task, ctx) => {
    if (KINDS_NEEDING_START.includes(task.kind) && !task.start) {
      ctx.addIssue({
        code: 'custom',
        path: ['start'],
        message: `is required for a ${task.kind}: add start.label and start.url`,
      });
    }
    if (task.kind === 'information' && task.start) {
      ctx.addIssue({ code: 'custom', path: ['start'], message: 'an information page has no Start button: remove start, and put the answer in facts' });
    }
    if (task.kind === 'information' && task.useThisTo) {
      ctx.addIssue({ code: 'custom', path: ['useThisTo'], message: 'is for transactions and reports: on an information page, put the answer in facts.answer' });
    }
    if (task.kind !== 'information' && task.kind !== 'signpost' && task.facts) {
      ctx.addIssue({ code: 'custom', path: ['facts'], message: `is for information pages: a ${task.kind} says what people can do in useThisTo` });
    }
    if (isRealDate(task.lastReviewed) && isRealDate(task.reviewBy) && task.lastReviewed > task.reviewBy) {
      ctx.addIssue({ code: 'custom', path: ['reviewBy'], message: 'must be after lastReviewed' });
    }
    if (new Set(task.related).size !== task.related.length) {
      ctx.addIssue({ code: 'custom', path: ['related'], message: 'lists the same task twice; remove the repeat' });
    }
  });

export type TaskData = z.output<typeof taskSchema>;
export type TaskInput = z.input<typeof taskSchema>;
export type ServiceData = Extract<TaskData, { kind: ServiceKind }>;
export type ServiceInput = Extract<TaskInput, { kind: ServiceKind }>;
