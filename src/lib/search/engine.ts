/**
 * The search engine: query understanding (stop words, synonyms, typo
 * correction, prefixes while typing, best bets) around a lunr index, and our own
 * ranking on top of lunr's. The same module answers in the browser and on the
 * server, so both give the same results for the same words.
 */
import lunr from 'lunr';
import type { BestBet, Coverage, ResultKind, SearchResponse, SearchResult, SynonymGroup } from '../../schemas/search.ts';
import { allowedEdits, editDistance } from './edit-distance.ts';
import { cleanQuery, isFillerWord, isGenericWord, isStopWord, meaningfulWords, stem, words } from './text.ts';

/** What the index knows about a task (or a journey, or the contact page): never bodies, only what people scan in results. */
export interface SearchDoc {
  /** The page's address without its leading "/": "report-a-pothole", "journey/moving-home", "contact". */
  slug: string;
  title: string;
  summary: string;
  /** transaction, report, information or signpost (a need another body serves); journey; contact. */
  kind: ResultKind;
  keywords: string[];
  /** Step titles. */
  steps: string[];
}

export interface SearchData {
  docs: SearchDoc[];
  synonyms: SynonymGroup[];
  bestBets: BestBet[];
  /**
   * English words that are close to a word of ours but are words in their own right
   * ("needles" near "needs", "gritting" near "writing"). Search never "corrects" them:
   * a person who typed a real word meant it. Made at build time from a full English
   * word list (see dictionary.ts), so the browser gets only the few it needs.
   */
  dictionary?: string[];
  /** A serialized lunr index of `docs`; built on load when absent. */
  index?: object;
  /**
   * What the engine derives from `docs`, made at build time (prepareSearch) so that the server
   * loads it instead of making it: at 10,000 tasks, making it took seconds at start-up.
   */
  prepared?: PreparedSearch;
}

/** The engine's own index, ready to load: posting lists and the weighted vocabulary. */
export interface PreparedSearch {
  /** Index terms (stemmed), sorted. */
  terms: string[];
  /** Per term: the positions in `docs` that hold it, and its weight in each (fields summed); arrays, or views on the build's file (search-file.ts). */
  lists: [ArrayLike<number>, ArrayLike<number>][];
  /** Known words and how much each counts (title or keyword 3, summary or step 1, summed). */
  vocabulary: [string, number][];
  /** Each title and keyword as its meaningful words, and the positions of the tasks that have it. */
  phrases: [string, number[]][];
}

export interface SearchOptions {
  limit?: number;
  /** Treat the last word as unfinished (search as you type): "poth" finds "pothole". */
  prefix?: boolean;
}

/** Field weights: a word in the title says most about a task, a word in a step least. */
export const FIELD_BOOSTS = { title: 10, keywords: 8, summary: 3, steps: 1 } as const;

/** Clause weights: what the person typed counts more than what we guessed they meant. */
const BOOST = { exact: 10, synonym: 7, corrected: 4, prefix: 2 } as const;

/** Share of the score a query loses when all its words had to be corrected. */
const CORRECTION_PENALTY = 0.4;

/** How much a word must count in the vocabulary (title or keyword 3, summary or step 1) to be a correction. */
const MIN_CORRECTION_WEIGHT = 3;

/** Results scoring under this share of the best result are noise, not answers. */
const RELATIVE_FLOOR = 0.18;

/** What a concept counts for when a task matched it only inside a longer keyword whose other words the query lacks. */
const FRAGMENT_FIT = 0.6;

/** How many of the best results are looked at again for keyword fragments. */
const RERANK_DEPTH = 50;

/** How much a generic word ("permit", "street") counts beside a specific one. */
const GENERIC_WEIGHT = 0.35;

/**
 * A step-by-step journey is a guide to several tasks, so it counts for less than a task:
 * when one task answers the query as well ("just had a baby, what do I register"), the
 * task comes first and the journey next to it; the journey leads only when it matches
 * clearly better ("bereavement", "moving home checklist"). See decision 0031.
 */
const KIND_WEIGHT: Partial<Record<ResultKind, number>> = { journey: 0.6 };

/** Concepts past this many are ignored (one bit each in a 32-bit mask). */
const MAX_CONCEPTS = 30;

interface Ranked {
  /** Position in data.docs. */
  doc: number;
  score: number;
  /** One bit per concept the task matched. */
  covered: number;
}

/** The labels of the concepts in a bit mask, in query order. */
function labelsOf(mask: number, concepts: readonly Concept[]): string[] {
  return concepts.filter((_, index) => mask & (1 << index)).map((concept) => concept.label);
}

interface Clause {
  term: string;
  boost: number;
  wildcard: boolean;
  /**
   * One word of a phrase a synonym knows ("care" in "child care"): it adds to the score, but
   * the task matches the phrase only with all its words, or with what the synonym means.
   */
  piece?: boolean;
}

/** One thing the person asked about: a word, or a phrase a synonym knows ("bin men"). */
interface Concept {
  /** The words as searched (a corrected word as corrected), shown as what a result matched. */
  label: string;
  clauses: Clause[];
  /** The word was not known and we search for a correction instead. */
  corrected: boolean;
  /** A word that carries no topic ("come", "going"): it may match, but missing it does not make an answer partial. */
  filler: boolean;
  /** A word many tasks share ("permit", "street"): it counts for less beside a specific word. */
  generic: boolean;
}

export interface SearchEngine {
  search(raw: unknown, options?: SearchOptions): SearchResponse;
  /** Known words, for tools (the search gap report, the expectations check). */
  readonly vocabulary: ReadonlyMap<string, number>;
  readonly docs: readonly SearchDoc[];
  /** The word a typo would be corrected to, ignoring the dictionary; for making the dictionary (dictionary.ts). */
  correctionOf(word: string): string | undefined;
  /** Every word a typo may be corrected to. */
  readonly correctionTargets: readonly string[];
  /** Whether the word is one of ours (in the vocabulary or, stemmed, in the index): never corrected. */
  isKnown(word: string): boolean;
}

/**
 * How many typing slips turn `known` into `typed`, when that is a believable typo;
 * undefined when it is not. The one rule for "Did you mean", used by the engine, the
 * dictionary (dictionary.ts) and the search gap report (gaps.ts).
 * - As many slips as the word's length allows (allowedEdits): none under 4 letters.
 * - One slip at the start still leaves one of the first two letters in line.
 * - Two slips only after the same first two letters: "grafitti" is graffiti, but
 *   "gritting" is not "writing".
 */
export function typoDistance(typed: string, known: string): number | undefined {
  const max = allowedEdits(typed.length);
  if (max === 0) return undefined;
  if (known[0] !== typed[0] && known[1] !== typed[1] && known[0] !== typed[1] && known[1] !== typed[0]) return undefined;
  const distance = editDistance(typed, known, max);
  if (distance > max || (distance === 2 && typed.slice(0, 2) !== known.slice(0, 2))) return undefined;
  return distance;
}

export function buildIndex(docs: readonly SearchDoc[]): lunr.Index {
  return lunr(function () {
    this.ref('slug');
    this.field('title', { boost: FIELD_BOOSTS.title, extractor: (doc) => words((doc as SearchDoc).title) });
    this.field('keywords', { boost: FIELD_BOOSTS.keywords, extractor: (doc) => (doc as SearchDoc).keywords.flatMap(words) });
    this.field('summary', { boost: FIELD_BOOSTS.summary, extractor: (doc) => words((doc as SearchDoc).summary) });
    this.field('steps', { boost: FIELD_BOOSTS.steps, extractor: (doc) => (doc as SearchDoc).steps.flatMap(words) });
    for (const doc of docs) this.add(doc);
  });
}

interface PostingList {
  docs: ArrayLike<number>;
  weights: ArrayLike<number>;
}

interface Postings {
  /** Index term (stemmed) → position in `lists`. */
  termIds: Map<string, number>;
  lists: PostingList[];
  /** Ids of every term starting with a prefix. */
  withPrefix(prefix: string): number[];
}

/**
 * lunr's own query scorer compares whole field vectors per match and allocates match
 * data for each, which at 10,000 tasks costs tens of milliseconds a query. Its index
 * already holds the weight of every term in every field, so we read those once into
 * one posting list per term (fields summed) and score by walking only the lists a
 * query needs. See docs/decisions/0004-search.md.
 */
function postingsOf(index: lunr.Index, docs: readonly SearchDoc[]): Postings {
  return loadPostings(postingListsOf(index, docs));
}

function postingListsOf(index: lunr.Index, docs: readonly SearchDoc[]): Pick<PreparedSearch, 'terms' | 'lists'> {
  const raw = index as unknown as {
    invertedIndex: Record<string, { _index: number }>;
    fieldVectors: Record<string, { elements: number[] }>;
  };
  const docNumber = new Map(docs.map((doc, position) => [doc.slug, position]));
  const terms = Object.keys(raw.invertedIndex).sort();
  const byLunrIndex = new Map(terms.map((term, id) => [raw.invertedIndex[term]!._index, id]));
  const sums = terms.map(() => new Map<number, number>());
  for (const [key, vector] of Object.entries(raw.fieldVectors)) {
    const doc = docNumber.get(key.slice(key.indexOf('/') + 1));
    if (doc === undefined) continue;
    const elements = vector.elements;
    for (let k = 0; k < elements.length; k += 2) {
      const id = byLunrIndex.get(elements[k]!);
      if (id === undefined) continue;
      const sum = sums[id]!;
      sum.set(doc, (sum.get(doc) ?? 0) + elements[k + 1]!);
    }
  }
  return { terms, lists: sums.map((sum) => [[...sum.keys()], [...sum.values()]]) };
}

function loadPostings({ terms, lists: raw }: Pick<PreparedSearch, 'terms' | 'lists'>): Postings {
  const termIds = new Map(terms.map((term, id) => [term, id]));
  const lists = raw.map(([docs, weights]) => ({ docs, weights }));
  return {
    termIds,
    lists,
    withPrefix(prefix) {
      let low = 0;
      let high = terms.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (terms[middle]! < prefix) low = middle + 1;
        else high = middle;
      }
      const ids: number[] = [];
      for (let id = low; id < terms.length && terms[id]!.startsWith(prefix); id++) ids.push(id);
      return ids;
    },
  };
}

/**
 * The letters a word has, as bits (a character's code modulo 32). Two characters may share a bit, which can only hide
 * a difference, so the count of bits two words differ in never exceeds the count of characters they differ in.
 */
function lettersOf(word: string): number {
  let bits = 0;
  for (let i = 0; i < word.length; i++) bits |= 1 << (word.charCodeAt(i) & 31);
  return bits;
}

/** Each document's place in the order of the slugs. */
function rankBySlug(docs: readonly SearchDoc[]): Int32Array {
  const collator = new Intl.Collator();
  const order = docs.map((_, position) => position).sort((a, b) => collator.compare(docs[a]!.slug, docs[b]!.slug));
  const rank = new Int32Array(docs.length);
  order.forEach((position, index) => (rank[position] = index));
  return rank;
}

function bitCount(value: number): number {
  let count = 0;
  for (let v = value; v; v &= v - 1) count++;
  return count;
}

/** Known words, weighted by where they appear, so a correction prefers common, important words. */
function vocabularyOf(data: Pick<SearchData, 'docs' | 'synonyms'>): Map<string, number> {
  const vocabulary = new Map<string, number>();
  const learn = (text: string, weight: number) => {
    for (const word of meaningfulWords(text)) vocabulary.set(word, (vocabulary.get(word) ?? 0) + weight);
  };
  for (const doc of data.docs) {
    learn(doc.title, 3);
    doc.keywords.forEach((keyword) => learn(keyword, 3));
    learn(doc.summary, 1);
    doc.steps.forEach((step) => learn(step, 1));
  }
  for (const group of data.synonyms) {
    learn(group.use, 1);
    group.for.forEach((phrase) => learn(phrase, 1));
  }
  return vocabulary;
}

/**
 * The words a typo may be corrected to: those that count enough in the vocabulary (MIN_CORRECTION_WEIGHT), that is,
 * say what a task is about (in a title or keywords, or in several summaries), so a typo is never "corrected" into a
 * passing word like "getting".
 */
const targetsIn = (vocabulary: ReadonlyMap<string, number>) => [...vocabulary].filter(([, weight]) => weight >= MIN_CORRECTION_WEIGHT).map(([word]) => word);

/** The engine's correctionTargets for this data, without making its index: what the dictionary needs (dictionary.ts). */
export const correctionTargetsOf = (data: Pick<SearchData, 'docs' | 'synonyms'>): string[] => targetsIn(vocabularyOf(data));

/** Titles and keywords as phrases, with the tasks that have each. */
function phrasesOf(docs: readonly SearchDoc[]): Map<string, number[]> {
  const phraseDocs = new Map<string, number[]>();
  docs.forEach((doc, position) => {
    for (const text of [doc.title, ...doc.keywords]) {
      const phrase = meaningfulWords(text).join(' ');
      if (!phrase) continue;
      const list = phraseDocs.get(phrase) ?? [];
      if (list[list.length - 1] !== position) list.push(position);
      phraseDocs.set(phrase, list);
    }
  });
  return phraseDocs;
}

/** The engine's index made ahead (at build time), to go with the data as `prepared`. */
export function prepareSearch(data: Pick<SearchData, 'docs' | 'synonyms' | 'index'>): PreparedSearch {
  const index = data.index ? lunr.Index.load(data.index) : buildIndex(data.docs);
  return { ...postingListsOf(index, data.docs), vocabulary: [...vocabularyOf(data)], phrases: [...phrasesOf(data.docs)] };
}

export function createSearchEngine(data: SearchData): SearchEngine {
  const postings = data.prepared ? loadPostings(data.prepared) : postingsOf(data.index ? lunr.Index.load(data.index) : buildIndex(data.docs), data.docs);
  const indexTerms = postings.termIds;
  const vocabulary = data.prepared ? new Map(data.prepared.vocabulary) : vocabularyOf(data);
  const synonyms = new Map<string, string[]>();
  let longestSynonym = 1;
  for (const group of data.synonyms) {
    const target = meaningfulWords(group.use);
    for (const phrase of group.for) {
      const key = meaningfulWords(phrase);
      if (!key.length || !target.length) continue;
      const joined = key.join(' ');
      synonyms.set(joined, [...new Set([...(synonyms.get(joined) ?? []), ...target])]);
      longestSynonym = Math.max(longestSynonym, key.length);
    }
  }
  const position = new Map(data.docs.map((doc, index) => [doc.slug, index]));
  const bestBets = new Map(data.bestBets.filter((bet) => position.has(bet.task)).map((bet) => [meaningfulWords(bet.query).join(' '), position.get(bet.task)!]));
  const phraseDocs = data.prepared ? new Map(data.prepared.phrases) : phrasesOf(data.docs);
  const kindWeight = data.docs.map((doc) => KIND_WEIGHT[doc.kind] ?? 1);
  const scratch = { score: new Float64Array(data.docs.length), covered: new Int32Array(data.docs.length), exact: new Int32Array(data.docs.length) };

  // Where each task uses a word. A word in the title, the summary or a one-word keyword is the
  // task's own; a word found only inside a longer keyword ("family" in "family doctor") is
  // that keyword's, and says little about the task unless the query has the rest of it.
  // Made for a task when a query first ranks it, not for every task at start-up.
  const standingCache: ({ own: Set<string>; phrases: string[][] } | undefined)[] = new Array(data.docs.length);
  const standingOf = (position: number) => (standingCache[position] ??= standingFor(data.docs[position]!));
  const standingFor = (doc: SearchDoc) => {
    const own = new Set([doc.title, doc.summary].flatMap((text) => meaningfulWords(text).map(stem)));
    const phrases: string[][] = [];
    for (const keyword of doc.keywords) {
      const parts = meaningfulWords(keyword).map(stem);
      if (parts.length === 1) own.add(parts[0]!);
      else if (parts.length > 1) phrases.push(parts);
    }
    return { own, phrases };
  };

  /** 1 when the task matched this concept in its own words, or with a keyword the query fills out; less when only a fragment of a keyword matched. */
  function fit(doc: number, concept: Concept, queryStems: ReadonlySet<string>): number {
    const terms = concept.clauses.filter((clause) => !clause.wildcard).map((clause) => stem(clause.term));
    if (!terms.length) return 1;
    const { own, phrases } = standingOf(doc);
    if (terms.some((term) => own.has(term))) return 1;
    let fragment = false;
    for (const parts of phrases) {
      if (!terms.some((term) => parts.includes(term))) continue;
      if (parts.some((part) => !terms.includes(part) && queryStems.has(part))) return 1;
      fragment = true;
    }
    return fragment ? FRAGMENT_FIT : 1;
  }

  // Equal scores go in the order of their slugs (as localeCompare orders them), each task's place in that order found
  // once, when a query first needs it: comparing the slugs themselves took most of a common query's time at 10,000
  // tasks, where thousands of tasks tie.
  let slugRank: Int32Array | undefined;
  const byScoreThenSlug = (a: { doc: number; score: number }, b: { doc: number; score: number }) => {
    slugRank ??= rankBySlug(data.docs);
    return b.score - a.score || slugRank[a.doc]! - slugRank[b.doc]!;
  };

  const isKnown = (word: string) => vocabulary.has(word) || indexTerms.has(stem(word));
  const dictionary = new Set(data.dictionary ?? []);
  const correctionTargets = targetsIn(vocabulary);
  // The same words by length, with the letters each has: at 10,000 tasks there are tens of thousands, and a typed word
  // is checked against those of about its length.
  const targetsByLength = new Map<number, { word: string; weight: number; letters: number }[]>();
  for (const word of correctionTargets) {
    const list = targetsByLength.get(word.length) ?? [];
    list.push({ word, weight: vocabulary.get(word)!, letters: lettersOf(word) });
    targetsByLength.set(word.length, list);
  }

  function correctionOf(word: string): string | undefined {
    const max = allowedEdits(word.length);
    if (max === 0 || /^\d+$/.test(word)) return undefined;
    let best: { word: string; cost: number; weight: number } | undefined;
    const letters = lettersOf(word);
    for (let length = word.length - max; length <= word.length + max; length++) {
      for (const { word: candidate, weight, letters: candidateLetters } of targetsByLength.get(length) ?? []) {
        // Each slip adds or removes at most two letters from the set a word has: a word further off is not near.
        if (bitCount(letters ^ candidateLetters) > 2 * max) continue;
        const distance = typoDistance(word, candidate);
        if (distance === undefined) continue;
        // A slip in the first letter is rarer than one later in the word.
        const cost = distance + (candidate[0] === word[0] ? 0 : 0.5);
        if (!best || cost < best.cost || (cost === best.cost && weight > best.weight)) best = { word: candidate, cost, weight };
      }
    }
    return best?.word;
  }


  function search(raw: unknown, options: SearchOptions = {}): SearchResponse {
    const query = cleanQuery(raw);
    const limit = options.limit ?? 10;
    const empty: SearchResponse = { query, total: 0, suggestion: null, coverage: 'none', missing: [], results: [] };
    const all = words(query);
    const terms = all.filter((word) => !isStopWord(word));
    if (!terms.length) return empty;

    const typingLast = Boolean(options.prefix) && !/\s$/.test(typeof raw === 'string' ? raw : '');
    const concepts: Concept[] = [];
    const corrections = new Map<string, string>();

    for (let i = 0; i < terms.length; ) {
      let matched = 0;
      for (let n = Math.min(longestSynonym, terms.length - i); n >= 1; n--) {
        const phrase = terms.slice(i, i + n);
        const expansion = synonyms.get(phrase.join(' '));
        if (!expansion) continue;
        const known = phrase.filter(isKnown);
        // One known word is the phrase itself ("bin men" where only "bin" is ours); several must all match.
        const clauses: Clause[] = known.map((term) => ({ term, boost: BOOST.exact, wildcard: false, piece: known.length > 1 }));
        for (const term of expansion) clauses.push({ term, boost: BOOST.synonym, wildcard: false });
        concepts.push({ label: phrase.join(' '), clauses, corrected: false, filler: false, generic: false });
        matched = n;
        break;
      }
      if (matched) {
        i += matched;
        continue;
      }
      const word = terms[i]!;
      const clauses: Clause[] = [];
      let corrected = false;
      let label = word;
      if (isKnown(word)) {
        clauses.push({ term: word, boost: BOOST.exact, wildcard: false });
      } else {
        // Only a word we do not know and English does not know either is a typo: "needles" is
        // a word, not a slip for "needs", and nothing about needles is better than a guess.
        const correction = dictionary.has(word) ? undefined : correctionOf(word);
        if (correction) {
          corrected = true;
          label = correction;
          corrections.set(word, correction);
          clauses.push({ term: correction, boost: BOOST.corrected, wildcard: false });
          for (const term of synonyms.get(correction) ?? []) clauses.push({ term, boost: BOOST.corrected, wildcard: false });
        }
      }
      if (typingLast && i === terms.length - 1 && word.length >= 2) {
        clauses.push({ term: word, boost: BOOST.prefix, wildcard: true });
      }
      // A word that matches nothing is kept too: the answer must say it found nothing about it.
      concepts.push({ label, clauses, corrected, filler: isFillerWord(word), generic: isGenericWord(label) });
      i += 1;
    }

    const suggestion = corrections.size ? all.map((word) => corrections.get(word) ?? word).join(' ') : null;
    const correctedTerms = terms.map((word) => corrections.get(word) ?? word);
    const correctedKey = correctedTerms.join(' ');
    const pinned = bestBets.get(terms.join(' ')) ?? bestBets.get(correctedKey);

    // Sum each clause's weight (lunr's BM25 weight for the term in the field, times the
    // field boost) times the clause boost, and note which concepts each task matched.
    // Scratch arrays are reused across queries; search is synchronous, so no two overlap.
    const counted = concepts.slice(0, MAX_CONCEPTS);
    // "skip permit": beside a word that says what the person wants, a generic word only helps rank.
    const specific = counted.some((concept) => !concept.generic && !concept.filler && concept.clauses.length > 0);
    const touched: number[] = [];
    counted.forEach((concept, conceptIndex) => {
      const bit = 1 << conceptIndex;
      const weight = specific && concept.generic ? GENERIC_WEIGHT : 1;
      const pieces = concept.clauses.filter((clause) => clause.piece).length;
      const piecesFound = pieces ? new Map<number, number>() : undefined;
      for (const clause of concept.clauses) {
        const ids = clause.wildcard ? postings.withPrefix(clause.term) : [postings.termIds.get(stem(clause.term))];
        for (const id of ids) {
          if (id === undefined) continue;
          const list = postings.lists[id]!;
          for (let k = 0; k < list.docs.length; k++) {
            const doc = list.docs[k]!;
            if (scratch.score[doc] === 0 && scratch.covered[doc] === 0) touched.push(doc);
            scratch.score[doc]! += weight * clause.boost * list.weights[k]!;
            if (clause.piece) {
              piecesFound!.set(doc, (piecesFound!.get(doc) ?? 0) + 1);
              continue;
            }
            scratch.covered[doc]! |= bit;
            if (!concept.corrected) scratch.exact[doc]! |= bit;
          }
        }
      }
      for (const [doc, found] of piecesFound ?? []) {
        if (found < pieces) continue;
        scratch.covered[doc]! |= bit;
        if (!concept.corrected) scratch.exact[doc]! |= bit;
      }
    });

    // Tasks whose title or a keyword is the whole query, or holds a phrase of it, get a lift.
    const bonus = new Map<number, number>();
    for (let n = Math.min(6, correctedTerms.length); n >= 2; n--) {
      for (let start = 0; start + n <= correctedTerms.length; start++) {
        for (const doc of phraseDocs.get(correctedTerms.slice(start, start + n).join(' ')) ?? []) if (!bonus.has(doc)) bonus.set(doc, 1.25);
      }
    }
    for (const doc of phraseDocs.get(correctedKey) ?? []) bonus.set(doc, 1.6);

    // The words an answer must cover to be a whole answer: all but filler ("come", "going").
    // When every word is filler, any of them will do.
    let mainMask = 0;
    counted.forEach((concept, index) => {
      if (!concept.filler) mainMask |= 1 << index;
    });
    if (mainMask === 0) mainMask = (2 ** counted.length - 1) | 0;

    // Each corrected word costs a share of the score, so a fuzzy match never outranks an exact one.
    const conceptCount = counted.length;
    const certainty = 1 - CORRECTION_PENALTY * (counted.filter((concept) => concept.corrected).length / conceptCount);
    const ranked: Ranked[] = [];
    for (const doc of touched) {
      const covered = scratch.covered[doc]!;
      const coverage = bitCount(covered) / conceptCount;
      // Matching what the person typed beats matching only what we guessed they meant.
      const exactShare = bitCount(scratch.exact[doc]!) / conceptCount;
      const score = scratch.score[doc]! * (0.25 + 0.75 * coverage * coverage) * (bonus.get(doc) ?? 1) * certainty * (0.7 + 0.3 * exactShare) * kindWeight[doc]!;
      scratch.score[doc] = 0;
      scratch.covered[doc] = 0;
      scratch.exact[doc] = 0;
      // A task that matches only filler words is not an answer to anything the person asked.
      if ((covered & mainMask) === 0) continue;
      ranked.push({ doc, score, covered });
    }
    ranked.sort(byScoreThenSlug);

    // Look again at the leaders: a task matched only through fragments of its keywords drops back.
    if (ranked.length > 1) {
      const queryStems = new Set(counted.flatMap((concept) => concept.clauses.filter((clause) => !clause.wildcard).map((clause) => stem(clause.term))));
      const leaders = ranked.slice(0, RERANK_DEPTH);
      for (const result of leaders) {
        const matched = counted.filter((_, index) => result.covered & (1 << index));
        if (matched.length) result.score *= matched.reduce((sum, concept) => sum + fit(result.doc, concept, queryStems), 0) / matched.length;
      }
      leaders.sort(byScoreThenSlug);
      ranked.splice(0, leaders.length, ...leaders);
    }

    const top = ranked[0]?.score ?? 0;
    let kept = ranked.filter((result) => result.score >= top * RELATIVE_FLOOR);
    if (pinned !== undefined) {
      // An editor's best bet answers the whole query: shown first, as a full match.
      const rest = kept.filter((result) => result.doc !== pinned);
      kept = [{ doc: pinned, score: Math.max(top, 1), covered: mainMask }, ...rest];
    }
    if (!kept.length) return { ...empty, suggestion, missing: labelsOf(mainMask, counted) };

    const labelsCovered = kept.reduce((mask, result) => mask | result.covered, 0);
    const firstPartial = (kept[0]!.covered & mainMask) !== mainMask;
    return {
      query,
      total: kept.length,
      suggestion,
      coverage: firstPartial ? 'partial' : 'full',
      missing: labelsOf(mainMask & ~labelsCovered, counted),
      results: kept.slice(0, limit).map((result) => toResult(result, mainMask, counted)),
    };
  }

  function toResult(result: Ranked, mainMask: number, counted: readonly Concept[]): SearchResult {
    const doc = data.docs[result.doc]!;
    return {
      slug: doc.slug,
      title: doc.title,
      summary: doc.summary,
      url: `/${doc.slug}`,
      score: Math.round(result.score * 1000) / 1000,
      kind: doc.kind,
      matched: labelsOf(result.covered, counted),
      partial: (result.covered & mainMask) !== mainMask,
    };
  }

  return { search, vocabulary, docs: data.docs, correctionOf, correctionTargets, isKnown };
}
