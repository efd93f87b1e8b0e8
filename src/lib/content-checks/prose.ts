/**
 * Plain-language checks on prose, built on the unified/retext ecosystem:
 * retext-english finds the sentences, retext-passive the passive voice, nlcst-search
 * the words to avoid, and flesch-kincaid with syllable the page's reading age. Our own
 * small plugins check link text. Every finding about one sentence is merged into one
 * (docs/decisions/0032-one-finding-per-sentence.md), so an editor fixes a sentence once.
 */
import { fleschKincaid } from 'flesch-kincaid';
import type { Root as MdastRoot } from 'mdast';
import type { Root as NlcstRoot, Sentence } from 'nlcst';
import { search } from 'nlcst-search';
import { toString } from 'nlcst-to-string';
import remarkParse from 'remark-parse';
import remarkRetext from 'remark-retext';
import retextEnglish from 'retext-english';
import retextPassive from 'retext-passive';
import { syllable } from 'syllable';
import { unified, type Plugin } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';

export interface ProseRules {
  /** Reading age to write for (GOV.UK: 9). */
  readingAge: number;
  /** Longest sentence, in words. */
  maxSentenceWords: number;
  /** Lower-case word or phrase → the plain word to use. */
  wordsToAvoid: Record<string, string>;
}

type Rule = 'sentence-length' | 'words-to-avoid' | 'passive' | 'link-text';

export interface ProseFinding {
  /** 1-based line and column inside the text checked, where the sentence starts. */
  line: number;
  column: number;
  /** What the finding is about; a sentence with several problems lists each rule once. */
  rules: Rule[];
  message: string;
  severity: 'error' | 'warning';
  /** The sentence as written, when the finding is about one. */
  sentence?: string;
}

/** One thing found at one place, before findings about the same sentence are merged. */
interface Raw {
  rule: Rule;
  offset: number;
  severity: 'error' | 'warning';
  /** For words to avoid and passive verbs: the words as written. */
  words?: string;
  plain?: string;
  /** For link text: the whole message. */
  message?: string;
  /** Where the words found end (passive verbs: to look for who does it). */
  end?: number;
}

const WORDS_TO_AVOID_FILE = 'content/style/words-to-avoid.yml';

const wordsToAvoid: Plugin<[Record<string, string>], NlcstRoot> = (list) => (tree, file) => {
  search(tree, Object.keys(list), (nodes, _index, _parent, phrase) => {
    const start = nodes[0]?.position?.start;
    const end = nodes[nodes.length - 1]?.position?.end;
    file.message(list[phrase]!, { place: start && end ? { start, end } : undefined, ruleId: 'words-to-avoid', source: 'taskfront' });
  });
};

/** Link text must say where it goes: not "click here", not a bare address. */
const linkText: Plugin<[], MdastRoot> = () => (tree, file) => {
  visit(tree, 'link', (link) => {
    const text = link.children.map((child) => ('value' in child ? child.value : '')).join('').trim();
    const vague = /^(click here|here|click|this link|link|read more|more|this page|this)$/i.test(text);
    const bare = /^(https?:\/\/|www\.)\S+$/i.test(text) || text === link.url;
    if (vague || bare) {
      file.message(
        vague ? `link text "${text}" does not say where the link goes: describe the page, e.g. "check your bin day"` : `link text is a bare address (${text}): use words that describe the page`,
        { place: link.position, ruleId: 'link-text', source: 'taskfront' },
      );
    }
  });
};

// Processors are frozen and reused: building one per field costs more than the check itself.
const processors = new WeakMap<ProseRules, { text: ReturnType<typeof buildRetext>; markdown: ReturnType<typeof buildMarkdown> }>();
function processorsFor(rules: ProseRules) {
  let cached = processors.get(rules);
  if (!cached) processors.set(rules, (cached = { text: buildRetext(rules), markdown: buildMarkdown(rules) }));
  return cached;
}

function buildMarkdown(rules: ProseRules) {
  return unified().use(remarkParse).use(linkText).use(remarkRetext, buildRetext(rules) as never).freeze();
}

function buildRetext(rules: ProseRules) {
  return unified().use(retextEnglish).use(sentenceSpans).use(retextPassive).use(wordsToAvoid, rules.wordsToAvoid).freeze();
}

/** Checks plain text (a front matter field). */
export async function checkText(text: string, rules: ProseRules): Promise<ProseFinding[]> {
  return check(text, rules, processorsFor(rules).text);
}

/** Checks Markdown (a task's body): prose through retext, links by their text. */
export async function checkMarkdown(markdown: string, rules: ProseRules): Promise<ProseFinding[]> {
  return check(markdown, rules, processorsFor(rules).markdown);
}

type Processor = ReturnType<typeof buildRetext> | ReturnType<typeof buildMarkdown>;

async function check(original: string, rules: ProseRules, processor: Processor): Promise<ProseFinding[]> {
  const masked = maskPlaceholders(maskDigits(original));
  const file = new VFile(masked);
  // The two processors differ only in their parser; each runs on its own tree.
  const run = processor as unknown as { parse(file: VFile): unknown; run(tree: unknown, file: VFile): Promise<unknown> };
  await run.run(run.parse(file), file);
  const spans = file.data.sentenceSpans ?? [];
  let raw: Raw[] = file.messages.map((message) => {
    const start = message.place && 'start' in message.place ? message.place.start.offset : undefined;
    const end = message.place && 'end' in message.place ? message.place.end.offset : undefined;
    const words = start !== undefined && end !== undefined ? original.slice(start, end).replace(/\s+/g, ' ').trim() : undefined;
    const offset = start ?? 0;
    if (message.ruleId === 'words-to-avoid') return { rule: 'words-to-avoid', offset, severity: 'error', words, plain: message.reason };
    if (message.ruleId === 'link-text') return { rule: 'link-text', offset, severity: 'error', message: message.reason };
    // "is dealt" reads better than "dealt": the helping verb is half the passive.
    const helper = start !== undefined ? /\b(?:am|is|are|was|were|be|been|being|get|gets|got)\s+(?:not\s+)?$/i.exec(original.slice(0, start)) : null;
    return { rule: 'passive', offset, severity: 'warning', words: helper ? `${helper[0]}${words}`.replace(/\s+/g, ' ') : words, end };
  });
  // A passive that names who does it ("is paid by HMRC") already says what the rule asks for.
  const agentNamed = (item: Raw) => {
    const span = spans.find((candidate) => item.offset >= candidate.start && item.offset < candidate.end);
    return item.rule === 'passive' && item.end !== undefined && /^(?:\s+\p{L}+){0,2}?\s+by\b/u.test(original.slice(item.end, span?.end ?? original.length));
  };
  raw = raw.filter((item) => !agentNamed(item));
  for (const span of spans) {
    const count = wordCount(original.slice(span.start, span.end).replace(/\]\([^)]*\)/g, ']'));
    if (count > rules.maxSentenceWords) raw.push({ rule: 'sentence-length', offset: span.start, severity: 'error', words: String(count) });
  }
  return merge(raw, spans, original, rules);
}

interface Span {
  start: number;
  end: number;
}

/**
 * Records where each sentence starts and ends, in the text as written. It runs inside the
 * retext processor, so for Markdown (where remark-retext builds the sentence tree and then
 * drops it) the spans come from the very tree the other rules saw.
 */
const sentenceSpans: Plugin<[], NlcstRoot> = () => (tree, file) => {
  const spans: Span[] = [];
  // A plain walk in document order, as unist-util-visit would go, without its cost per node.
  const walk = (node: NlcstNode) => {
    if (node.type === 'SentenceNode') {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined && /[\p{L}\p{N}]/u.test(String(file.value).slice(start, end))) spans.push({ start, end });
    }
    if ('children' in node) for (const child of node.children as NlcstNode[]) walk(child);
  };
  walk(tree);
  file.data.sentenceSpans = spans;
};

declare module 'vfile' {
  interface DataMap {
    sentenceSpans: Span[];
  }
}

/** A word is a run of letters or digits, with inner apostrophes and hyphens ("don't", "drop-off"). */
export function wordCount(sentence: string): number {
  return (sentence.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).length;
}

/**
 * Words that make a sentence hard for a reader of nine: four syllables or more
 * ("eligibility", "accommodation"), or three in a long word ("registered"). Names of
 * places and bodies (capitalised inside a sentence) are left out: the editor cannot change them.
 */
export function hardWords(sentence: string): string[] {
  const found: string[] = [];
  for (const match of sentence.matchAll(/[\p{L}]+(?:['’-][\p{L}]+)*/gu)) {
    const word = match[0];
    if (match.index > 0 && /^\p{Lu}/u.test(word)) continue;
    const syllables = syllablesOf(word);
    if ((syllables >= 4 || (syllables === 3 && word.length >= 10)) && !found.includes(word.toLowerCase())) found.push(word.toLowerCase());
  }
  return found;
}

function merge(raw: Raw[], spans: Span[], original: string, rules: ProseRules): ProseFinding[] {
  const groups = new Map<number, Raw[]>();
  for (const item of raw) {
    const index = spans.findIndex((span) => item.offset >= span.start && item.offset < span.end);
    const key = index === -1 ? -1 - item.offset : index;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const findings: ProseFinding[] = [];
  for (const [key, items] of groups) {
    const span = key >= 0 ? spans[key] : undefined;
    const offset = span?.start ?? items[0]!.offset;
    const sentence = span ? original.slice(span.start, span.end).replace(/\s+/g, ' ').trim() : undefined;
    const before = original.slice(0, offset);
    findings.push({
      line: before.split('\n').length,
      column: offset - before.lastIndexOf('\n'),
      rules: [...new Set(items.map((item) => item.rule))],
      message: sentenceMessage(items, sentence, rules),
      severity: items.some((item) => item.severity === 'error') ? 'error' : 'warning',
      ...(sentence ? { sentence: original.slice(span!.start, span!.end) } : {}),
    });
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** One message for everything wrong with one sentence: the length first, then each word to change. */
function sentenceMessage(items: Raw[], sentence: string | undefined, rules: ProseRules): string {
  const parts: string[] = [];
  const long = items.find((item) => item.rule === 'sentence-length');
  if (long) parts.push(`sentence has ${long.words} words; keep sentences to ${rules.maxSentenceWords} words or fewer (split it in two)`);
  const avoid = items.filter((item) => item.rule === 'words-to-avoid');
  if (avoid.length) {
    const each = avoid.map((item) => `"${item.words}" (use "${item.plain}")`);
    parts.push(`${avoid.length === 1 ? 'a word to avoid' : 'words to avoid'}: ${listOf(each)} (${WORDS_TO_AVOID_FILE})`);
  }
  if (long || avoid.length) {
    const avoided = new Set(avoid.map((item) => item.words?.toLowerCase()));
    const hard = hardWords(sentence ?? '').filter((word) => !avoided.has(word));
    // The hardest first: with five named, the editor starts where it helps most.
    const hardest = hard.map((word, index) => ({ word, index, syllables: syllablesOf(word) })).sort((a, b) => b.syllables - a.syllables || a.index - b.index);
    if (hard.length) parts.push(`hard words: ${listOf(hardest.slice(0, 5).map(({ word }) => `"${word}"`))}`);
  }
  const passive = items.filter((item) => item.rule === 'passive');
  if (passive.length) {
    parts.push(`${listOf(passive.map((item) => `"${item.words}"`))} ${passive.length === 1 ? 'is' : 'are'} passive: say who does it ("we will send" rather than "it will be sent")`);
  }
  const quoted = sentence && parts.length ? `: "${shorten(sentence)}"` : '';
  const links = items.filter((item) => item.rule === 'link-text').map((item) => item.message!);
  return [...(parts.length ? [`${parts.join('; ')}${quoted}`] : []), ...links].join('; ');
}

/** Enough of a sentence to find it: up to 80 characters, cut at a word. */
function shorten(sentence: string, max = 80): string {
  if (sentence.length <= max) return sentence;
  const cut = sentence.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}

function listOf(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');
}

/**
 * The reading age of a whole page: the Flesch–Kincaid grade of all its prose
 * together, plus 5 (the usual grade-to-age step). Per sentence, formulas are too
 * coarse to help ("Give the names of doctors or nurses who know about your
 * condition" scored above age 9), so the figure is for the page, and a sentence is
 * reported only for what an editor can act on: its length and its words.
 * See docs/decisions/0007-content-checks.md and 0032.
 */
const english = unified().use(retextEnglish).freeze();

/** What one text adds to its page's reading age: counts, and its hard words in the order they appear. */
export interface ReadingCounts {
  sentences: number;
  words: number;
  syllables: number;
  hardWords: string[];
}

/**
 * The counts of one text. A page's figure is the sum over its texts, so each text is
 * counted once however many pages share it (docs/decisions/0040-check-content-in-parallel-with-a-cache.md).
 */
export function readingCounts(text: string): ReadingCounts {
  const counts: ReadingCounts = { sentences: 0, words: 0, syllables: 0, hardWords: hardWords(text) };
  // A plain walk, not unist-util-visit: a visitor built per sentence was a fifth of the whole check's time.
  // It returns the words (and their syllables) under a node, which each sentence above it counts, as a visit of each would.
  const walk = (node: NlcstNode): { words: number; syllables: number } => {
    const found = node.type === 'WordNode' ? { words: 1, syllables: syllablesOf(toString(node)) } : { words: 0, syllables: 0 };
    if ('children' in node) {
      for (const child of node.children as NlcstNode[]) {
        const below = walk(child);
        found.words += below.words;
        found.syllables += below.syllables;
      }
    }
    if (node.type === 'SentenceNode' && found.words) {
      counts.sentences++;
      counts.words += found.words;
      counts.syllables += found.syllables;
    }
    return found;
  };
  walk(english.parse(maskPlaceholders(maskDigits(text))) as NlcstRoot);
  return counts;
}

export function pageReadingAge(texts: readonly string[], countsOf: (text: string) => ReadingCounts = readingCounts): { age: number; sentences: number; words: number; hardWords: string[] } {
  const counts = { sentence: 0, word: 0, syllable: 0 };
  const hard = new Map<string, number>();
  for (const text of texts) {
    const one = countsOf(text);
    counts.sentence += one.sentences;
    counts.word += one.words;
    counts.syllable += one.syllables;
    for (const word of one.hardWords) hard.set(word, (hard.get(word) ?? 0) + 1);
  }
  const age = counts.word ? fleschKincaid(counts) + 5 : 0;
  const hardWordsByUse = [...hard].sort((a, b) => b[1] - a[1] || syllablesOf(b[0]) - syllablesOf(a[0])).map(([word]) => word);
  return { age, sentences: counts.sentence, words: counts.word, hardWords: hardWordsByUse };
}

type NlcstNode = NlcstRoot | NlcstRoot['children'][number] | Sentence['children'][number];

// A catalogue repeats its words thousands of times; counting each word's syllables once is a tenth of the check.
const syllableCounts = new Map<string, number>();
function syllablesOf(word: string): number {
  let count = syllableCounts.get(word);
  if (count === undefined) syllableCounts.set(word, (count = syllable(word)));
  return count;
}

/**
 * English sentence splitting (parse-english) does not end a sentence after a number
 * ("call 01632 960 400. Then…"), so digits become a letter before the checks run.
 * Same length, so every position still points at the original text.
 */
export function maskDigits(text: string): string {
  return text.replace(/[0-9]/g, 'n');
}

/** A [[placeholder]] is not prose: the placeholder check reports it, so it is blanked here (same length). */
export const PLACEHOLDER = /\[\[[^\]\n]*\]\]/g;

export function maskPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, (placeholder) => ' '.repeat(placeholder.length));
}
