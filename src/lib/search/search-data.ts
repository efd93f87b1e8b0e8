/** Turns loaded content into what the search engine needs, and nothing more. */
import type { BestBet, SynonymGroup } from '../../schemas/search.ts';
import type { TaskKind } from '../../schemas/task.ts';
import { withDictionary } from './dictionary.ts';
import type { SearchData, SearchDoc } from './engine.ts';

interface TaskLike {
  slug: string;
  title: string;
  summary: string;
  kind: TaskKind;
  keywords: string[];
  /** A council service's steps; a signpost has none. */
  steps?: { title: string }[];
}

export function toSearchDocs(tasks: readonly TaskLike[]): SearchDoc[] {
  return tasks.map((task) => ({
    slug: task.slug,
    title: task.title,
    summary: task.summary,
    kind: task.kind,
    keywords: task.keywords,
    steps: (task.steps ?? []).map((step) => step.title),
  }));
}

export interface SearchContent {
  tasks: readonly TaskLike[];
  synonyms: SynonymGroup[];
  bestBets: BestBet[];
}

/** The engine's data without the dictionary; searchDataFor (dictionary.ts) adds it. */
export function toSearchData(content: SearchContent): SearchData {
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

/**
 * Everything search needs from the content, with the dictionary of English words never to
 * correct (dictionary.ts): what the build, the server and every tool search with. The
 * dictionary takes a second or two to make, so it is made once per process for the same words.
 */
export function searchDataFor(content: SearchContent): SearchData {
  const data = toSearchData(content);
  const key = JSON.stringify([data.docs, data.synonyms]);
  const cache = ((globalThis as Record<symbol, unknown>)[DICTIONARIES] ??= new Map<string, string[]>()) as Map<string, string[]>;
  let dictionary = cache.get(key);
  if (!dictionary) {
    dictionary = withDictionary(data).dictionary!;
    cache.set(key, dictionary);
  }
  return { ...data, dictionary };
}

const DICTIONARIES = Symbol.for('taskfront.search-dictionaries');
