/**
 * Plain-language checks on prose, built on the unified/retext ecosystem:
 * retext-readability (reading age per sentence), retext-passive, nlcst-search
 * (words to avoid) and the readability formula packages retext-readability uses
 * (for the page's average reading age). Our own small plugins count sentence
 * length and check link text.
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
import retextReadability from 'retext-readability';
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

export interface ProseFinding {
  /** 1-based line and column inside the text checked. */
  line: number;
  column: number;
  rule: 'reading-age' | 'sentence-length' | 'words-to-avoid' | 'passive' | 'link-text';
  message: string;
  severity: 'error' | 'warning';
}

const wordsToAvoid: Plugin<[Record<string, string>], NlcstRoot> = (list) => (tree, file) => {
  const phrases = Object.keys(list);
  search(tree, phrases, (nodes, _index, _parent, phrase) => {
    const found = nodes.map((node) => toString(node)).join('');
    const start = nodes[0]?.position?.start;
    const end = nodes[nodes.length - 1]?.position?.end;
    const message = file.message(`"${found.trim()}" is a word to avoid: use "${list[phrase]}" instead (content/style/words-to-avoid.yml)`, {
      place: start && end ? { start, end } : undefined,
      ruleId: 'words-to-avoid',
      source: 'taskfront',
    });
    message.fatal = true;
  });
};

/** Link text must say where it goes: not "click here", not a bare address. */
const linkText: Plugin<[], MdastRoot> = () => (tree, file) => {
  visit(tree, 'link', (link) => {
    const text = link.children.map((child) => ('value' in child ? child.value : '')).join('').trim();
    const vague = /^(click here|here|click|this link|link|read more|more|this page|this)$/i.test(text);
    const bare = /^(https?:\/\/|www\.)\S+$/i.test(text) || text === link.url;
    if (vague || bare) {
      const message = file.message(
        vague ? `link text "${text}" does not say where the link goes: describe the page, e.g. "check your bin day"` : `link text is a bare address (${text}): use words that describe the page`,
        { place: link.position, ruleId: 'link-text', source: 'taskfront' },
      );
      message.fatal = true;
    }
  });
};

/**
 * How many of retext-readability's seven formulas must find a sentence too hard.
 * At its default (4 of 7) it flags "The cat sat on the mat and it was happy." for
 * age 9, burying real problems; 6 of 7 keeps the warning for sentences that are.
 */
export const READABILITY_AGREEMENT = 6 / 7;

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
  return unified()
    .use(retextEnglish)
    .use(retextReadability, { age: rules.readingAge, threshold: READABILITY_AGREEMENT })
    .use(retextPassive)
    .use(wordsToAvoid, rules.wordsToAvoid)
    .freeze();
}

const RULES: Record<string, ProseFinding['rule']> = {
  readability: 'reading-age',
  'words-to-avoid': 'words-to-avoid',
  'link-text': 'link-text',
};

function findings(file: VFile, readingAge: number, original: string): ProseFinding[] {
  return file.messages.map((message) => {
    const rule = RULES[message.ruleId ?? ''] ?? (message.source === 'retext-passive' ? 'passive' : 'reading-age');
    const start = message.place && 'start' in message.place ? message.place.start.offset : undefined;
    const end = message.place && 'end' in message.place ? message.place.end.offset : undefined;
    const quoted = start !== undefined && end !== undefined ? original.slice(start, end).replace(/\s+/g, ' ').trim() : '';
    const short = quoted.length > 80 ? `${quoted.slice(0, 77)}…` : quoted;
    const text =
      rule === 'reading-age'
        ? `sentence may be hard to read (above reading age ${readingAge}): "${short}". Use shorter words and sentences`
        : rule === 'words-to-avoid'
            ? message.reason.replace(/^"[^"]*"/, `"${short}"`)
            : message.reason;
    return {
      line: message.line ?? 1,
      column: message.column ?? 1,
      rule,
      message: rule === 'passive' ? `${message.reason}: say who does what ("We will empty your bin")` : text,
      severity: message.fatal ? 'error' : 'warning',
    };
  });
}

/** Checks plain text (a front matter field). */
export async function checkText(text: string, rules: ProseRules): Promise<ProseFinding[]> {
  const processor = processorsFor(rules).text;
  const file = new VFile(maskDigits(text));
  await processor.run(processor.parse(file), file);
  return [...findings(file, rules.readingAge, text), ...longSentences(text, rules.maxSentenceWords)];
}

/** Checks Markdown (a task's body): prose through retext, links by their text. */
export async function checkMarkdown(markdown: string, rules: ProseRules): Promise<ProseFinding[]> {
  const processor = processorsFor(rules).markdown;
  const file = new VFile(maskDigits(markdown));
  await processor.run(processor.parse(file), file);
  return [...findings(file, rules.readingAge, markdown), ...longSentences(markdown, rules.maxSentenceWords)];
}

/**
 * The reading age of a whole page: the Flesch–Kincaid grade of all its prose
 * together, plus 5 (the usual grade-to-age step, as retext-readability uses).
 * Per sentence, retext-readability's seven formulas are too coarse for young
 * ages (its Flesch mapping never goes below 10), so the page figure uses the one
 * formula plain-language guides quote. See docs/decisions/0007-content-checks.md.
 */
const english = unified().use(retextEnglish).freeze();

export function pageReadingAge(texts: readonly string[]): { age: number; sentences: number; words: number } {
  const processor = english;
  const counts = { sentence: 0, word: 0, syllable: 0 };
  for (const text of texts) {
    const tree = processor.parse(maskDigits(text)) as NlcstRoot;
    visit(tree, 'SentenceNode', (sentence: Sentence) => {
      let words = 0;
      visit(sentence, 'WordNode', (node) => {
        words++;
        counts.syllable += syllable(toString(node));
      });
      if (words) {
        counts.sentence++;
        counts.word += words;
      }
    });
  }
  const age = counts.word ? fleschKincaid(counts) + 5 : 0;
  return { age, sentences: counts.sentence, words: counts.word };
}

/**
 * Sentences over the limit. Counted on the text as written: a sentence ends at . ! or ?
 * followed by a space, or at a line break; a word is a run of letters or digits.
 */
export function longSentences(text: string, max: number): ProseFinding[] {
  const found: ProseFinding[] = [];
  const pattern = /[^.!?\n]+(?:[.!?]+(?=\s|$)|(?=\n)|$)/g;
  for (const match of text.matchAll(pattern)) {
    const sentence = match[0].trim();
    const words = sentence.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];
    if (words.length <= max) continue;
    const before = text.slice(0, match.index);
    const line = before.split('\n').length;
    const short = sentence.length > 80 ? `${sentence.slice(0, 77)}…` : sentence;
    found.push({ line, column: match.index - before.lastIndexOf('\n'), rule: 'sentence-length', severity: 'error', message: `sentence has ${words.length} words; keep sentences to ${max} words or fewer (split it in two): "${short}"` });
  }
  return found;
}

/**
 * English sentence splitting (parse-english) does not end a sentence after a number
 * ("call 01632 960 400. Then…"), so digits become a letter before the checks run.
 * Same length, so every position still points at the original text.
 */
export function maskDigits(text: string): string {
  return text.replace(/[0-9]/g, 'n');
}
