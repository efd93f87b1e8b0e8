/**
 * The task content model: one Markdown file per task in content/tasks/<slug>.md,
 * with this front matter. Imported by the Astro content config, the server,
 * the command-line tools and the tests; it must not import astro:content.
 */
import { z } from 'zod';
import { expected, isoDate, isRealDate, linkTarget, slug, text } from './common.ts';

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

const step = z.strictObject({
  /** What the person does, verb first: "Check your collection day". */
  title: text(80),
  /** One to three short sentences. */
  text: text(600),
});

const start = z.strictObject({
  /** Button text, verb first: "Report a missed bin". */
  label: text(60),
  /** Where the service lives: a path on this site or an https URL. */
  url: linkTarget,
});

export const taskSchema = z
  .strictObject({
    /** Verb first, e.g. "Report a pothole or damaged road". */
    title: text(90).refine((t) => /^[A-Z]/.test(t), 'must start with a capital letter, verb first, e.g. "Report a pothole"'),
    /** One plain sentence saying what this task is for. Shown in results and as the page description. */
    summary: text(200),
    /** Slug of a topic file in content/topics/. */
    topic: slug,
    /** transaction (pay, apply, book), report (tell us about a problem) or information (find out). */
    kind: z.enum(TASK_KINDS, { error: expected('one of: transaction, report, information') }),
    /** Words people use for this task, in their own words: "rubbish", "bin men didn't come". */
    keywords: z.array(text(60), { error: expected('a list') }).min(3, 'needs at least 3 entries: add the words people search with').max(40),
    /** Who can use this service, in one or two sentences. */
    eligibility: text(500),
    /** What to have ready before starting. */
    youWillNeed: z.array(text(160), { error: expected('a list') }).min(1, 'needs at least 1 item').max(12),
    /** What it costs, e.g. "Free" or "£25". */
    cost: text(160),
    /** How long it takes, e.g. "About 5 minutes". */
    timeToComplete: text(80),
    /** Ordered steps; shown as a numbered list. */
    steps: z.array(step, { error: expected('a list of steps, each with title and text') }).min(1, 'needs at least 1 step').max(12, 'can have at most 12 steps; split the task'),
    /** The service itself. Required for transactions and reports. */
    start: start.optional(),
    /** Slugs of up to 5 other tasks people often need next. */
    related: z.array(slug, { error: expected('a list of task slugs') }).max(5, 'can list at most 5 tasks').default([]),
    /** The team that answers for this page and service. */
    owner: text(80),
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
