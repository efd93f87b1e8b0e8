/**
 * Where a task sits in the step-by-step journeys that name it: "Part of: Moving home,
 * step 2 of 6", with the steps either side. Kept apart from Astro so the rule is tested
 * on plain data and shared by the task page and the tests.
 */
import type { JourneyData } from '../../schemas/journey.ts';

type JourneyLike = Pick<JourneyData, 'title' | 'steps'> & { slug: string };

/** A neighbouring step, named by its title and linked at its place on the journey page. */
export interface StepLink {
  /** 1-based. */
  number: number;
  title: string;
  /** The step's anchor on the journey page: /journey/moving-home#step-3 */
  href: string;
}

export interface JourneyPlace {
  journey: { slug: string; title: string; href: string };
  /** 1-based position of the step that holds the task. */
  step: number;
  steps: number;
  stepTitle: string;
  previous: StepLink | undefined;
  next: StepLink | undefined;
}

export function journeyHref(slug: string): string {
  return `/journey/${slug}`;
}

export function stepAnchor(number: number): string {
  return `step-${number}`;
}

/** Every journey the task is part of, in the order given (by title, as loaded). */
export function journeyPlaces(taskSlug: string, journeys: readonly JourneyLike[]): JourneyPlace[] {
  const places: JourneyPlace[] = [];
  for (const journey of journeys) {
    const index = journey.steps.findIndex((step) => step.tasks.some((entry) => entry.task === taskSlug));
    if (index === -1) continue;
    const href = journeyHref(journey.slug);
    const link = (at: number): StepLink | undefined => {
      const step = journey.steps[at];
      return step ? { number: at + 1, title: step.title, href: `${href}#${stepAnchor(at + 1)}` } : undefined;
    };
    places.push({
      journey: { slug: journey.slug, title: journey.title, href },
      step: index + 1,
      steps: journey.steps.length,
      stepTitle: journey.steps[index]!.title,
      previous: index > 0 ? link(index - 1) : undefined,
      next: link(index + 1),
    });
  }
  return places;
}

