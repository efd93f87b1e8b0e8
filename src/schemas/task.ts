/**
 * The task content model: one Markdown file per task in content/tasks/<slug>.md,
 * with this front matter. Imported by the Astro content config, the server,
 * the command-line tools and the tests; it must not import astro:content.
 */
import { z } from 'zod';
import { expected, isoDate, isRealDate, linkTarget, slug, text } from './common.ts';
import { PHRASE_MAX } from './limits.ts';

export const TASK_KINDS = ['transaction', 'report', 'information'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

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
  'cookies', 'help', 'index', 'rss',
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
} as const;

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

export const taskSchema = z
  .strictObject({
    /** Verb first, e.g. "Report a pothole or damaged road". */
    title: text(TASK_LIMITS.title).refine((t) => /^[A-Z]/.test(t), 'must start with a capital letter, verb first, e.g. "Report a pothole"'),
    /** One plain sentence saying what this task is for. Shown in results and as the page description. */
    summary: text(TASK_LIMITS.summary),
    /** Slug of a topic file in content/topics/. */
    topic: slug,
    /** transaction (pay, apply, book), report (tell us about a problem) or information (find out). */
    kind: z.enum(TASK_KINDS, { error: expected('one of: transaction, report, information') }),
    /** Words people use for this task, in their own words: "rubbish", "bin men didn't come". */
    keywords: z
      .array(text(TASK_LIMITS.keyword), { error: expected('a list') })
      .min(TASK_LIMITS.keywordsMin, `needs at least ${TASK_LIMITS.keywordsMin} entries: add the words people search with`)
      .max(TASK_LIMITS.keywordsMax, `can have at most ${TASK_LIMITS.keywordsMax} entries: remove the ones people do not use`),
    /** Who can use this service, in one or two sentences. */
    eligibility: text(TASK_LIMITS.eligibility),
    /** What to have ready before starting. */
    youWillNeed: z
      .array(text(TASK_LIMITS.youWillNeedItem), { error: expected('a list') })
      .min(1, 'needs at least 1 item')
      .max(TASK_LIMITS.youWillNeedMax, `can have at most ${TASK_LIMITS.youWillNeedMax} items`),
    /** What it costs, e.g. "Free" or "£25". */
    cost: text(TASK_LIMITS.cost),
    /** How long it takes, e.g. "About 5 minutes". */
    timeToComplete: text(TASK_LIMITS.timeToComplete),
    /** Ordered steps; shown as a numbered list. */
    steps: z.array(step, { error: expected('a list of steps, each with title and text') }).min(1, 'needs at least 1 step').max(TASK_LIMITS.stepsMax, `can have at most ${TASK_LIMITS.stepsMax} steps; split the task`),
    /** The service itself. Required for transactions and reports. */
    start: start.optional(),
    /** Slugs of up to 5 other tasks people often need next. */
    related: z.array(slug, { error: expected('a list of task slugs') }).max(TASK_LIMITS.relatedMax, `can list at most ${TASK_LIMITS.relatedMax} tasks`).default([]),
    /** The team that answers for this page and service. */
    owner: text(TASK_LIMITS.owner),
    /** Shown on the home page under "Most requested". */
    popular: z.boolean({ error: expected('true or false') }).default(false),
    /** When someone last checked the page is right. */
    lastReviewed: isoDate,
    /** When it must be checked again. */
    reviewBy: isoDate,
  })
  .superRefine((task, ctx) => {
    if (KINDS_NEEDING_START.includes(task.kind) && !task.start) {
      ctx.addIssue({
        code: 'custom',
        path: ['start'],
        message: `is required for a ${task.kind}: add start.label and start.url`,
      });
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
