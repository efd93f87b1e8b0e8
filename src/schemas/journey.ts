/**
 * A step-by-step journey (GOV.UK's "step by step" pattern): a life event that takes
 * several tasks, in order. One Markdown file per journey in content/journeys/<slug>.md;
 * the page is /journey/<slug>, and each task in it shows where it sits.
 *
 *   steps:
 *     - title: Register the death
 *       tasks:
 *         - register-a-death
 *     - title: Tell the council
 *       tasks:
 *         - apply-for-a-council-tax-discount
 *         - or: tell-us-you-are-moving-home
 *
 * A task is its slug; "and: <slug>" or "or: <slug>" says how it goes with the task before it.
 */
import { z } from 'zod';
import { expected, list, slug, text } from './common.ts';
import { PHRASE_MAX } from './limits.ts';

export const JOURNEY_LIMITS = {
  title: 60,
  summary: 200,
  keywordsMax: 30,
  stepTitle: 80,
  stepText: 400,
  stepsMin: 2,
  stepsMax: 12,
  tasksPerStepMax: 6,
} as const;

export const JOURNEY_JOINS = ['and', 'or'] as const;
export type JourneyJoin = (typeof JOURNEY_JOINS)[number];

const TASK_ENTRY_HELP = 'must be a task slug, or "and: <slug>" or "or: <slug>" (e.g. "or: order-a-copy-of-a-certificate")';

/** One task in a step, with how it goes with the one before: "and" (do both) or "or" (either will do). */
const stepTask = z
  .union([slug, z.strictObject({ and: slug }), z.strictObject({ or: slug })], { error: TASK_ENTRY_HELP })
  .transform((entry): { task: string; join: JourneyJoin | null } => {
    if (typeof entry === 'string') return { task: entry, join: null };
    return 'and' in entry ? { task: entry.and, join: 'and' } : { task: entry.or, join: 'or' };
  });

const step = z.strictObject({
  /** What the person does at this point, verb first: "Register the birth". */
  title: text(JOURNEY_LIMITS.stepTitle),
  /** One or two short sentences of context: when, or why this comes now. */
  text: text(JOURNEY_LIMITS.stepText).optional(),
  /** The tasks that get this step done, in order. */
  tasks: list(stepTask, 'a list of task slugs', { min: [1, 'task'], max: [JOURNEY_LIMITS.tasksPerStepMax, 'tasks; split the step'] }),
});

export const journeySchema = z
  .strictObject({
    /** The life event, as people say it: "Moving home". Shown as "Part of: Moving home" on its tasks. */
    title: text(JOURNEY_LIMITS.title).refine((value) => /^[A-Z]/.test(value), 'must start with a capital letter, e.g. "Moving home"'),
    /** One sentence saying who it is for. Shown under the title and in search results. */
    summary: text(JOURNEY_LIMITS.summary),
    /** Words people use for this life event: "moving house", "new address". */
    keywords: list(text(PHRASE_MAX), 'a list', { min: [2, 'entries: add the words people search with'], max: [JOURNEY_LIMITS.keywordsMax, 'entries'] }),
    /** The steps, in the order people take them; shown numbered from 1. */
    steps: list(step, 'a list of steps, each with a title and tasks', {
      min: [JOURNEY_LIMITS.stepsMin, 'steps: one task alone is not a journey'],
      max: [JOURNEY_LIMITS.stepsMax, 'steps'],
    }),
  })
  .superRefine((journey, ctx) => {
    const firstStep = new Map<string, number>();
    journey.steps.forEach((item, stepIndex) => {
      item.tasks.forEach((entry, taskIndex) => {
        if (taskIndex === 0 && entry.join) {
          ctx.addIssue({ code: 'custom', path: ['steps', stepIndex, 'tasks', 0], message: `the first task in a step has nothing before it: write "${entry.task}" without "${entry.join}:"` });
        }
        const earlier = firstStep.get(entry.task);
        if (earlier !== undefined) {
          // A task shows one position ("step 2 of 5"), so it belongs to one step.
          ctx.addIssue({ code: 'custom', path: ['steps', stepIndex, 'tasks', taskIndex], message: `"${entry.task}" is already in step ${earlier + 1}: a task can be in one step only` });
        } else {
          firstStep.set(entry.task, stepIndex);
        }
      });
    });
  });

export type JourneyData = z.output<typeof journeySchema>;
export type JourneyInput = z.input<typeof journeySchema>;
