/** Turns loaded content into what the search engine needs, and nothing more. */
import type { BestBet, SynonymGroup } from '../../schemas/search.ts';
import type { SearchData, SearchDoc } from './engine.ts';

interface TaskLike {
  slug: string;
  title: string;
  summary: string;
  keywords: string[];
  steps: { title: string }[];
}

export function toSearchDocs(tasks: readonly TaskLike[]): SearchDoc[] {
  return tasks.map((task) => ({
    slug: task.slug,
    title: task.title,
    summary: task.summary,
    keywords: task.keywords,
    steps: task.steps.map((step) => step.title),
  }));
}

export function toSearchData(content: { tasks: readonly TaskLike[]; synonyms: SynonymGroup[]; bestBets: BestBet[] }): SearchData {
  return { docs: toSearchDocs(content.tasks), synonyms: content.synonyms, bestBets: content.bestBets };
}

/**
 * What the browser downloads: titles, summaries and keywords, no step titles or
 * bodies, to keep the first search small on a slow phone. Enter always goes to
 * the server's full search.
 */
export function browserSearchData(data: SearchData): SearchData {
  return { ...data, docs: data.docs.map((doc) => ({ ...doc, steps: [] })) };
}
