/**
 * The search gap report: which searches people repeat without finding what they
 * want, the task that best answers each, and the exact line an editor could add
 * so those searches find it. Used by `npm run search:gaps`.
 *
 * findGaps is pure (outcomes and an engine in, suggestions out). applyKeywordSuggestions
 * is the one part that writes: it adds keywords to task files for --write.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Document, isSeq, parseDocument, stringify } from 'yaml';
import { SLUG_PATTERN } from '../../schemas/common.ts';
import { splitFrontMatter } from '../content/front-matter.ts';
import { slugify } from '../content/new-task.ts';
import { isTaskResult } from './result-kinds.ts';
import type { OtherBody, SynonymGroup } from '../../schemas/search.ts';
import { PHRASE_MAX } from '../../schemas/limits.ts';
import { TASK_LIMITS } from '../../schemas/task.ts';
import type { QueryOutcome } from '../tracking/storage/types.ts';
import type { SearchDoc, SearchEngine } from './engine.ts';
import { meaningfulWords, stem, words } from './text.ts';

export type GapReason = 'zero-results' | 'low-click-through';
export type SuggestionKind = 'keyword' | 'synonym' | 'new-task' | 'signpost';

export interface GapSuggestion {
  kind: SuggestionKind;
  /** The file to edit, e.g. content/tasks/report-a-pothole.md, or the signpost file to create; null for a new task. */
  file: string | null;
  /** The exact YAML to add: a keywords list item, a synonyms entry, the keywords of a new task, or a signpost's fields. */
  yaml: string;
}

export interface Gap {
  /** The query as grouped by the store (lowercase, trimmed). */
  query: string;
  searches: number;
  zeroResults: number;
  clicks: number;
  reason: GapReason;
  /** The closest task's slug, or null when no task relates at all. */
  task: string | null;
  title: string | null;
  suggestion: GapSuggestion;
  /** Why this suggestion, when it needs saying (e.g. what the closest task does not cover). */
  note: string | null;
  /** The whole block, as printed by the command. */
  text: string;
}

export interface GapOptions {
  /** Queries searched fewer times than this are ignored. */
  min: number;
  /** A query is a gap when clicks ÷ searches is under this, e.g. 0.2. */
  lowClickThrough: number;
  /** How the content folder is named in file paths; defaults to "content". */
  contentLabel?: string;
  /** The current synonyms, so a suggestion can point at an existing entry with the same `use`. */
  synonyms?: readonly SynonymGroup[];
  /** What other organisations do (content/search/other-bodies.yml), so a search for one of those gets a signpost. */
  otherBodies?: readonly OtherBody[];
}


/** A share of searches at or above which a query counts as finding nothing. */
const ZERO_RESULT_SHARE = 0.5;


export function findGaps(outcomes: readonly QueryOutcome[], engine: SearchEngine, options: GapOptions): Gap[] {
  const label = (options.contentLabel ?? 'content').replace(/\/+$/, '');
  const context = makeContext(engine, options.synonyms ?? [], label, options.otherBodies ?? []);
  const gaps: Gap[] = [];
  for (const outcome of outcomes) {
    if (outcome.searches < options.min || outcome.searches === 0) continue;
    let reason: GapReason;
    if (outcome.zeroResults / outcome.searches >= ZERO_RESULT_SHARE) reason = 'zero-results';
    else if (outcome.clicks / outcome.searches < options.lowClickThrough) reason = 'low-click-through';
    else continue;
    gaps.push(describeGap(outcome, reason, context));
  }
  return gaps.sort((a, b) => b.searches - a.searches || b.zeroResults - a.zeroResults || a.query.localeCompare(b.query));
}

interface DocInfo {
  doc: SearchDoc;
  /** Stems of the title and keywords: the words a task is named by. */
  nameStems: Set<string>;
  /** Stems of the summary and step titles. */
  textStems: Set<string>;
  /** Title and keywords, as written, with their stems. */
  phrases: { text: string; stems: string[]; isKeyword: boolean }[];
}

interface Context {
  engine: SearchEngine;
  docs: Map<string, DocInfo>;
  /** Stems of every word the portal knows. */
  knownStems: Set<string>;
  synonyms: readonly SynonymGroup[];
  label: string;
  otherBodies: readonly OtherBody[];
}

const stems = (text: string) => meaningfulWords(text).map(stem);

function makeContext(engine: SearchEngine, synonyms: readonly SynonymGroup[], label: string, otherBodies: readonly OtherBody[]): Context {
  const docs = new Map<string, DocInfo>();
  for (const doc of engine.docs) {
    // A gap is closed in a task file; journeys and the contact page have none to propose for.
    if (!isTaskResult(doc.kind)) continue;
    const phrases = [
      { text: doc.title, stems: stems(doc.title), isKeyword: false },
      ...doc.keywords.map((keyword) => ({ text: keyword, stems: stems(keyword), isKeyword: true })),
    ];
    docs.set(doc.slug, {
      doc,
      nameStems: new Set(phrases.flatMap((phrase) => phrase.stems)),
      textStems: new Set([doc.summary, ...doc.steps].flatMap(stems)),
      phrases,
    });
  }
  const knownStems = new Set([...engine.vocabulary.keys()].map(stem));
  return { engine, docs, knownStems, synonyms, label, otherBodies };
}

interface Found {
  /** Best engine score per task, over every search we tried. */
  scores: Map<string, number>;
  /** Unknown word → the known word the engine read it as. */
  corrections: Map<string, string>;
}

/**
 * Asks the engine, as a person would: the whole query first; when that finds
 * nothing, each word on its own, the words written as one ("pot hole" → "pothole"),
 * and each word as an unfinished one ("recyc" → "recycling"). The engine corrects
 * unknown words to known ones on every try; its "Did you mean" tells us how.
 */
function search(query: string, engine: SearchEngine): Found {
  const found: Found = { scores: new Map(), corrections: new Map() };
  const run = (text: string, prefix = false) => {
    const response = engine.search(text, { limit: 3, prefix });
    for (const result of response.results) found.scores.set(result.slug, Math.max(found.scores.get(result.slug) ?? 0, result.score));
    if (response.suggestion) {
      const typed = words(text);
      const read = words(response.suggestion);
      if (typed.length === read.length) typed.forEach((word, index) => word !== read[index] && found.corrections.set(word, read[index]!));
    }
    return response.results.length;
  };
  if (run(query)) return found;
  const terms = meaningfulWords(query);
  for (const term of terms) run(term);
  if (terms.length > 1) run(terms.join(''));
  if (!found.scores.size) for (const term of terms) if (term.length >= 3) run(term, true);
  return found;
}

// The engine corrects only believable typos (typoDistance in engine.ts), so a corrected word is the same word.
type Relation = 'name' | 'text' | 'corrected' | 'synonym' | 'none';

interface WordRelation {
  word: string;
  relation: Relation;
  /** The known word the engine read it as, for 'corrected'. */
  readAs?: string;
}

/** How one word of the query relates to a task. */
function relate(word: string, info: DocInfo, found: Found, context: Context): WordRelation {
  const own = stem(word);
  if (info.nameStems.has(own)) return { word, relation: 'name' };
  if (info.textStems.has(own)) return { word, relation: 'text' };
  const readAs = found.corrections.get(word);
  if (readAs) {
    const corrected = stem(readAs);
    if (info.nameStems.has(corrected) || info.textStems.has(corrected)) {
      return { word, relation: 'corrected', readAs };
    }
  }
  // The engine may still relate the word to the task through a synonym editors already added.
  const alone = context.engine.search(word, { limit: 10 });
  if (!alone.suggestion && alone.results.some((result) => result.slug === info.doc.slug)) return { word, relation: 'synonym' };
  return { word, relation: 'none' };
}

/** The fields of a signpost for a query, to fill in: kind, title, keywords and who does it. */
function signpostYaml(query: string, body: OtherBody): string {
  const data = {
    title: capitalise(phraseOf(query)),
    summary: `${body.body} does this, not the council.`,
    topic: 'other-organisations',
    kind: 'signpost',
    keywords: [phraseOf(query)],
    provider: { name: body.body, does: 'Say in one or two sentences what they do for people.', url: body.url, linkText: `The ${body.body} website` },
  };
  return stringify(data, { lineWidth: 0 }).trimEnd();
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function describeGap(outcome: QueryOutcome, reason: GapReason, context: Context): Gap {
  const query = outcome.query;
  const terms = meaningfulWords(query);
  const base = { query, searches: outcome.searches, zeroResults: outcome.zeroResults, clicks: outcome.clicks, reason };
  const finish = (task: DocInfo | null, suggestion: GapSuggestion, note: string | null): Gap => {
    const gap = { ...base, task: task?.doc.slug ?? null, title: task?.doc.title ?? null, suggestion, note, text: '' };
    gap.text = formatGap(gap, context);
    return gap;
  };
  const newTask = (note: string | null, task: DocInfo | null = null) =>
    finish(task, { kind: 'new-task', file: null, yaml: `keywords:\n${indent(keywordYaml(phraseOf(query)), 2)}` }, note);

  if (!terms.length) {
    return finish(null, { kind: 'new-task', file: null, yaml: '' }, `Search ignores every word of "${query}" (words like "the" or "how"), so no task and no keyword can match it.`);
  }

  // Nothing on the portal answers it, and it is something another organisation does: a signpost sends people there.
  if (reason === 'zero-results' && context.engine.search(query, { limit: 1 }).coverage !== 'full') {
    const queryStems = new Set(terms.map(stem));
    const body = context.otherBodies.find((entry) => entry.for.some((phrase) => meaningfulWords(phrase).every((word) => queryStems.has(stem(word)))));
    if (body) {
      const slug = slugify(capitalise(phraseOf(query)));
      return finish(
        null,
        { kind: 'signpost', file: `${context.label}/tasks/${slug}.md`, yaml: signpostYaml(query, body) },
        `${body.body} does this, not the council (${context.label}/search/other-bodies.yml). A signpost page says so and sends people to them; docs/editing.md shows a whole one.`,
      );
    }
  }

  const found = search(query, context.engine);
  const sharedStems = (info: DocInfo) =>
    terms.filter((term) => {
      const readAs = found.corrections.get(term);
      return info.nameStems.has(stem(term)) || (readAs !== undefined && info.nameStems.has(stem(readAs)));
    }).length;
  const ranked = [...found.scores]
    .map(([slug, score]) => ({ info: context.docs.get(slug), score }))
    .filter((entry): entry is { info: DocInfo; score: number } => entry.info !== undefined)
    .map((entry) => ({ ...entry, shared: sharedStems(entry.info) }))
    .sort((a, b) => b.shared - a.shared || b.score - a.score || a.info.doc.slug.localeCompare(b.info.doc.slug));
  const best = ranked[0]?.info;
  if (!best) return newTask(null);

  const relations = terms.map((term) => relate(term, best, found, context));
  const first = context.engine.search(query, { limit: 1 }).results[0]?.slug;
  const queryStems = terms.map(stem);
  const file = `${context.label}/tasks/${best.doc.slug}.md`;
  const synonymsFile = `${context.label}/search/synonyms.yml`;
  const keyword = (note: string | null, yaml = keywordYaml(phraseOf(query))) => finish(best, { kind: 'keyword', file, yaml }, note);
  const synonym = (use: string, note: string | null) => finish(best, { kind: 'synonym', file: synonymsFile, yaml: synonymYaml(use.toLowerCase(), phraseOf(query)) }, note);

  // The same words written apart or together: "pot hole" for "pothole".
  const compact = terms.join('');
  const joined = best.phrases.find((phrase) => meaningfulWords(phrase.text).join('') === compact && meaningfulWords(phrase.text).join(' ') !== terms.join(' '));
  if (joined) return synonym(joined.text, `"${query}" is "${joined.text.toLowerCase()}" written differently.`);

  // A typo of words the task uses: say so once, in synonyms, rather than put a misspelling in the task.
  const corrected = relations.filter((relation) => relation.relation === 'corrected');
  if (corrected.length && relations.every((relation) => relation.relation === 'name' || relation.relation === 'text' || relation.relation === 'corrected')) {
    const use = words(query).map((word) => found.corrections.get(word) ?? word).join(' ');
    return synonym(use, `Search reads ${corrected.map((relation) => `"${relation.word}" as "${relation.readAs}"`).join(' and ')}; a synonym makes that certain and ranks it as if typed.`);
  }

  // People were shown this very task first and few chose it: no wording we add changes what
  // they see. Either it is not what they want, or its title and summary do not say so.
  if (reason === 'low-click-through' && first === best.doc.slug) {
    return newTask(
      `Search already shows ${best.doc.title} (${best.doc.slug}) first for this query, yet few people chose it, so no keyword or synonym would help. It may not be what they want: this may be a new task to write. Or its title and summary may not make clear that it is.`,
      best,
    );
  }

  // Already a keyword or the title: nothing to add.
  const same = best.phrases.find((phrase) => phrase.stems.join(' ') === queryStems.join(' '));
  if (same) {
    const now = first === best.doc.slug ? 'Search finds it first now: the content may have changed since these searches.' : `Yet search now shows ${first ? `"${context.docs.get(first)?.doc.title ?? first}"` : 'nothing'} first: try /search?q=${encodeURIComponent(query)} on the portal to see why.`;
    return keyword(`"${same.text}" is already ${same.isKeyword ? 'a keyword' : 'the title'} of this task. ${now}`, '');
  }

  // Every word already belongs to the task: make the whole phrase a keyword so it ranks first.
  if (relations.every((relation) => relation.relation === 'name' || relation.relation === 'text' || relation.relation === 'synonym')) {
    const inText = relations.filter((relation) => relation.relation === 'text').map((relation) => `"${relation.word}"`);
    const bySynonym = relations.filter((relation) => relation.relation === 'synonym').map((relation) => `"${relation.word}"`);
    const notes = [
      inText.length ? `The task has ${inText.join(', ')} only in its summary or steps.` : '',
      bySynonym.length ? `${bySynonym.join(', ')} reach${bySynonym.length === 1 ? 'es' : ''} it only through a synonym.` : '',
    ].filter(Boolean);
    return keyword(notes.length ? notes.join(' ') : null);
  }

  // The query holds a whole phrase the task is named by, plus words of its own: "skip hire" for "skip".
  const contained = best.phrases
    .filter((phrase) => phrase.stems.length > 0 && phrase.stems.every((part) => queryStems.includes(part)))
    .sort((a, b) => b.stems.length - a.stems.length || Number(b.isKeyword) - Number(a.isKeyword) || a.text.length - b.text.length)[0];
  if (contained) {
    const extra = relations.filter((relation) => !contained.stems.includes(stem(relation.word))).map((relation) => `"${relation.word}"`);
    return synonym(contained.text, `"${query}" reads as another way of saying "${contained.text.toLowerCase()}"${extra.length ? `: ${extra.join(', ')} only adds wording this task does not use` : ''}.`);
  }

  // Only some words relate: naming the task would send people to something it does not offer.
  const shared = relations.filter((relation) => relation.relation === 'name' || relation.relation === 'text' || relation.relation === 'synonym').map((relation) => `"${relation.word}"`);
  const missing = relations
    .filter((relation) => relation.relation === 'none')
    .map((relation) => {
      return context.knownStems.has(stem(relation.word)) ? `it does not mention "${relation.word}"` : `no task uses "${relation.word}"`;
    });
  const sharing = shared.length ? `it only shares ${shared.join(', ')}` : 'it shares none of these words';
  return newTask(
    `The closest task is ${best.doc.title} (${best.doc.slug}), but ${sharing}; ${missing.join('; ')}. This may be a new task to write. If these searches do belong to that task, add "${phraseOf(query)}" to its keywords.`,
    best,
  );
}

/** Lowercase and short enough to be a keyword or synonym: the query itself, or its meaningful words. */
function phraseOf(query: string): string {
  const phrase = query.toLowerCase().trim();
  return phrase.length <= PHRASE_MAX ? phrase : meaningfulWords(phrase).join(' ');
}

/** One keywords list item, quoted when YAML needs it: `- skip hire`. */
function keywordYaml(phrase: string): string {
  return stringify([phrase], { lineWidth: 0 }).trimEnd();
}

/** A synonyms.yml entry in the file's own style: `- use: bulky waste\n  for: [skip hire]`. */
function synonymYaml(use: string, phrase: string): string {
  const doc = new Document([{ use, for: [phrase] }]);
  const list = doc.getIn([0, 'for'], true);
  if (isSeq(list)) list.flow = true;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd();
}

const indent = (text: string, spaces: number) => text.split('\n').map((line) => ' '.repeat(spaces) + line).join('\n');

/** The block the command prints for one gap. */
export function formatGap(gap: Omit<Gap, 'text'>, context?: Pick<Context, 'synonyms'>): string {
  const times = (count: number) => `${count} time${count === 1 ? '' : 's'}`;
  const head =
    gap.reason === 'zero-results'
      ? `"${gap.query}" — searched ${times(gap.searches)}, ${gap.zeroResults} found nothing`
      : `"${gap.query}" — searched ${times(gap.searches)}, ${gap.clicks ? `only ${gap.clicks} clicked a result (${Math.round((gap.clicks / gap.searches) * 100)}%)` : 'no one clicked a result'}`;
  const lines: string[] = [];
  const { suggestion } = gap;
  if (suggestion.kind === 'signpost') {
    lines.push(gap.note ?? 'Another organisation does this.', `Create ${suggestion.file} with:`, indent(suggestion.yaml, 2));
  } else if (suggestion.kind === 'new-task') {
    lines.push(gap.note ?? 'No task matches: this may be a new task to write.');
    if (suggestion.yaml) lines.push('Give a new task the keyword:', indent(suggestion.yaml.split('\n').slice(1).join('\n').trim(), 2));
  } else {
    lines.push(`Closest task: ${gap.title} (${gap.task})`);
    if (gap.note) lines.push(gap.note);
    if (!suggestion.yaml) {
      lines.push('Nothing to add.');
    } else if (suggestion.kind === 'synonym') {
      const use = /^- use: (.*)$/m.exec(suggestion.yaml)?.[1]?.replace(/^"|"$/g, '');
      const existing = use ? context?.synonyms?.find((group) => group.use.toLowerCase() === use) : undefined;
      lines.push(existing ? `Add to ${suggestion.file} (or add "${phraseOf(gap.query)}" to the for: list of its "${existing.use}" entry):` : `Add to ${suggestion.file}:`);
      lines.push(indent(suggestion.yaml, 2));
    } else {
      lines.push(`${suggestion.file}: add to keywords:`, indent(suggestion.yaml, 2));
    }
  }
  return [head, ...lines.map((line) => indent(line, 2))].join('\n');
}

export interface AppliedKeywords {
  /** The task file, as given: `<contentRoot>/tasks/<slug>.md`. */
  file: string;
  /** Keywords added, in order; empty when every one was there already. */
  added: string[];
  /** Why nothing was written to this file, when something went wrong. */
  problem?: string;
}

/**
 * --write: adds each keyword suggestion to its task's `keywords` list. Only the files
 * of keyword suggestions are opened. The front matter is edited through the YAML
 * document (comments, quoting, order and flow or block style stay as they are), the
 * body is kept byte for byte, and a keyword already there (in any case) is not added again.
 *
 * Synonym suggestions are never written: a synonym changes what every search containing
 * those words finds, for every task, so a person should read it and decide.
 */
export function applyKeywordSuggestions(contentRoot: string, gaps: readonly Gap[]): AppliedKeywords[] {
  const wanted = new Map<string, string[]>();
  for (const gap of gaps) {
    if (gap.suggestion.kind !== 'keyword' || !gap.task || !gap.suggestion.yaml) continue;
    const list = wanted.get(gap.task) ?? [];
    list.push(phraseOf(gap.query));
    wanted.set(gap.task, list);
  }
  const results: AppliedKeywords[] = [];
  for (const [slug, keywords] of wanted) {
    const file = join(contentRoot, 'tasks', `${slug}.md`);
    if (!SLUG_PATTERN.test(slug)) {
      results.push({ file, added: [], problem: `"${slug}" is not a task slug` });
      continue;
    }
    try {
      results.push({ file, ...addKeywords(file, keywords) });
    } catch (error) {
      results.push({ file, added: [], problem: (error as Error).message });
    }
  }
  return results;
}

const sameKeyword = (a: string, b: string) => words(a).join(' ') === words(b).join(' ');

function addKeywords(file: string, keywords: readonly string[]): { added: string[]; problem?: string } {
  const parts = splitFrontMatter(readFileSync(file, 'utf8'));
  if ('error' in parts) return { added: [], problem: 'has no front matter between "---" lines; add the keywords by hand' };
  const { open, yaml: yamlText, close, body } = parts;
  const crlf = yamlText.includes('\r\n');
  const text = crlf ? yamlText.replace(/\r\n/g, '\n') : yamlText;
  const options = { lineWidth: 0, flowCollectionPadding: /:\s*\[ \S/.test(text) } as const;
  const doc = parseDocument(text);
  if (doc.errors.length) return { added: [], problem: `its front matter is not valid YAML (${doc.errors[0]!.message.split('\n')[0]}); run npm run check:content` };
  // We only write when writing the document back changes nothing but what we add.
  if (doc.toString(options) !== text) return { added: [], problem: 'writing it back would reformat other lines; add the keywords by hand' };
  const list = doc.get('keywords', true);
  if (!isSeq(list)) return { added: [], problem: 'has no keywords list; add the keywords by hand' };

  const existing = list.items.map((item) => String((item as { value?: unknown }).value ?? item));
  const added: string[] = [];
  for (const keyword of keywords) {
    if (keyword.length > TASK_LIMITS.keyword) continue;
    if ([...existing, ...added].some((known) => sameKeyword(known, keyword))) continue;
    if (existing.length + added.length >= TASK_LIMITS.keywordsMax) {
      return { added: [], problem: `would have more than ${TASK_LIMITS.keywordsMax} keywords; remove some first` };
    }
    added.push(keyword);
  }
  if (!added.length) return { added };
  for (const keyword of added) list.add(doc.createNode(keyword));

  let yamlOut = doc.toString(options);
  if (crlf) yamlOut = yamlOut.replace(/\n/g, '\r\n');
  const updated = open + yamlOut + close + body;
  // Write beside the file and rename, so a reader never sees half a file. The name starts
  // with a dot, which the content loader ignores (contentFileKind in paths.ts).
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  writeFileSync(temporary, updated);
  renameSync(temporary, file);
  return { added };
}
