/** Turns loaded content into what the search engine needs, and nothing more. */
import { CONTACT_SLUG } from '../../schemas/contact.ts';
import type { JourneyData } from '../../schemas/journey.ts';
import type { BestBet, SynonymGroup } from '../../schemas/search.ts';
import type { TaskKind } from '../../schemas/task.ts';
import { withDictionary } from './dictionary.ts';
import type { PreparedSearch, SearchData, SearchDoc } from './engine.ts';

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

type JourneyLike = Pick<JourneyData, 'title' | 'summary' | 'keywords' | 'steps'> & { slug: string };

interface ContactLike {
  title: string;
  summary: string;
  keywords: string[];
  phones: { label: string }[];
  address: { name: string };
}


/**
 * Journeys are found by their title, summary and keywords, and by their step titles
 * (like a task's steps), never by the titles of the tasks in them: those tasks answer
 * for themselves, and a journey must not outrank the one task a person asked for.
 */
export function journeySearchDocs(journeys: readonly JourneyLike[]): SearchDoc[] {
  return journeys.map((journey) => ({
    slug: `journey/${journey.slug}`,
    title: journey.title,
    summary: journey.summary,
    kind: 'journey',
    keywords: journey.keywords,
    steps: journey.steps.map((step) => step.title),
  }));
}

/**
 * The contact page: found by its keywords, and (weighted like a task's steps) by the names of
 * its phone lines ("council tax", "register office") and of its building ("Riverton Town Hall").
 */
export function contactSearchDoc(contact: ContactLike): SearchDoc {
  const steps = [...contact.phones.map((line) => line.label), contact.address.name];
  return { slug: CONTACT_SLUG, title: contact.title, summary: contact.summary, kind: 'contact', keywords: contact.keywords, steps };
}

export interface SearchContent {
  tasks: readonly TaskLike[];
  /** Step-by-step journeys; none when absent. */
  journeys?: readonly JourneyLike[];
  /** The contact page; none when absent. */
  contact?: ContactLike | undefined;
  synonyms: SynonymGroup[];
  bestBets: BestBet[];
}

/** The engine's data without the dictionary; searchDataFor (dictionary.ts) adds it. */
export function toSearchData(content: SearchContent): SearchData {
  const docs = [...toSearchDocs(content.tasks), ...journeySearchDocs(content.journeys ?? []), ...(content.contact ? [contactSearchDoc(content.contact)] : [])];
  return { docs, synonyms: content.synonyms, bestBets: content.bestBets };
}

/** Everything an expectation may name: task slugs, the contact page and journeys ("journey/<slug>"). */
export function searchableSlugs(content: Pick<SearchContent, 'tasks' | 'contact' | 'journeys'>): string[] {
  return [...content.tasks.map((task) => task.slug), ...(content.contact ? [CONTACT_SLUG] : []), ...(content.journeys ?? []).map((journey) => `journey/${journey.slug}`)];
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
 * A caller that has the engine's index made already (`prepared`, from prepareSearch) passes it,
 * so the dictionary's engine does not make it a second time; one that has found the English words
 * near its correction targets (`near`, englishNear) passes them too.
 */
export function searchDataFor(content: SearchContent, { prepared, near }: { prepared?: PreparedSearch; near?: readonly string[] } = {}): SearchData {
  const data = toSearchData(content);
  const key = JSON.stringify([data.docs, data.synonyms]);
  const cache = ((globalThis as Record<symbol, unknown>)[DICTIONARIES] ??= new Map<string, string[]>()) as Map<string, string[]>;
  let dictionary = cache.get(key);
  if (!dictionary) {
    dictionary = withDictionary(prepared ? { ...data, prepared } : data, { near }).dictionary!;
    cache.set(key, dictionary);
  }
  return { ...data, dictionary };
}

const DICTIONARIES = Symbol.for('taskfront.search-dictionaries');
