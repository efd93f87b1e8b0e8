/**
 * How search reads text: one normaliser for documents and queries alike, so a
 * word typed by a person and a word written by an editor meet in the same form.
 * Runs in the browser too: no Node imports here.
 */
import lunr from 'lunr';
import { QUERY_MAX } from '../../schemas/limits.ts';

/** Filler words people add to questions, beyond lunr's English stop words. */
const EXTRA_STOP_WORDS = new Set([
  'please', 'pls', 'plz', 'want', 'wanna', 'need', 'im', 'ive', 'id', 'dont', 'cant', 'hi', 'hello', 'thanks',
  'u', 'ur', 'online', 'website', 'page', 'somebody', 'someone',
]);

/**
 * Words that carry no topic of their own ("bin men didnt come", "wich bin goes out").
 * They are still searched, but an answer that does not match them is not partial.
 */
const FILLER_WORDS = new Set([
  'come', 'comes', 'came', 'coming', 'go', 'goes', 'going', 'went', 'gone', 'didnt', 'doesnt', 'isnt', 'arent', 'wasnt',
  'werent', 'wont', 'wouldnt', 'couldnt', 'havent', 'hasnt', 'know', 'still', 'already', 'now', 'anyone', 'anybody',
  'something', 'thing', 'things', 'way', 'wich', 'whats', 'wheres', 'hows', 'whens', 'whos', 'wat', 'wot', 'ok', 'okay',
]);

export function isFillerWord(word: string): boolean {
  return FILLER_WORDS.has(word);
}

/**
 * Words that name a kind of service or a place many tasks share ("permit", "street",
 * "application"), not what the person wants. Beside a more specific word they count for
 * less, so "skip permit" is about a skip, and "dog license" about a dog, not any licence.
 */
const GENERIC_WORDS = new Set([
  'apply', 'application', 'applications', 'applying', 'permit', 'permits', 'licence', 'licences', 'license', 'licenses',
  'street', 'streets', 'council', 'councils', 'service', 'services', 'form', 'forms', 'request', 'report', 'reporting',
  'book', 'booking', 'pay', 'paying', 'payment', 'register', 'registration', 'find', 'check', 'information', 'info',
  'local', 'riverton', 'scheme',
]);

export function isGenericWord(word: string): boolean {
  return GENERIC_WORDS.has(word);
}

/** Trims and shortens what a person typed; never throws, whatever the input. */
export function cleanQuery(raw: unknown): string {
  const text = typeof raw === 'string' ? raw : '';
  return Array.from(text.replace(/\s+/g, ' ').trim()).slice(0, QUERY_MAX).join('').trim();
}

/**
 * Lowercase words without accents or apostrophes: "Didn't" → "didnt", "café" → "cafe".
 * Anything that is not a letter or digit separates words, so lunr's operators
 * (+ - * ~ ^ :) typed by a person are never read as syntax.
 */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/&/g, ' and ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export function isStopWord(word: string): boolean {
  return EXTRA_STOP_WORDS.has(word) || lunr.stopWordFilter(word as unknown as lunr.Token) === undefined;
}

/** The words of a text that carry meaning. */
export function meaningfulWords(text: string): string[] {
  return words(text).filter((word) => !isStopWord(word));
}

/** The form lunr stores a word in ("collected" → "collect"). */
export function stem(word: string): string {
  return lunr.stemmer(new lunr.Token(word, {})).toString();
}
