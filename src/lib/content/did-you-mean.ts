/**
 * "Did you mean" for a name an editor typed that is not one of ours (a topic, a related
 * task, a task in a journey): the nearest known names, so a slip is fixed from the
 * message alone. Slugs are long, so the slips forgiven grow with the name's length, and
 * the same words in another order ("a-birth-register") count as one slip.
 */
import { editDistance } from '../search/edit-distance.ts';

const sortedWords = (name: string) => name.split('-').sort().join('-');

/** Up to `limit` known names nearest to `typed`, nearest first: only the closest tier. */
export function nearestNames(typed: string, known: Iterable<string>, limit = 2): string[] {
  const max = Math.max(2, Math.floor(typed.length / 3));
  const scored: { name: string; distance: number }[] = [];
  for (const name of known) {
    const distance = Math.min(editDistance(typed, name, max), sortedWords(typed) === sortedWords(name) ? 1 : max + 1);
    if (distance <= max) scored.push({ name, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
  const best = scored[0]?.distance;
  // A second name one slip further away is noise, not help.
  return scored.filter((entry) => entry.distance === best).slice(0, limit).map((entry) => entry.name);
}

/** 'did you mean "streets"?' or 'did you mean "a" or "b"?', or '' when nothing is near. */
export function didYouMean(typed: string, known: Iterable<string>): string {
  const near = nearestNames(typed, known);
  if (!near.length) return '';
  return `did you mean ${near.map((name) => `"${name}"`).join(' or ')}?`;
}

/** The same guess as an aside inside a sentence: ' (did you mean "x"?)', or ''. */
export function didYouMeanAside(typed: string, known: Iterable<string>): string {
  const guess = didYouMean(typed, known);
  return guess ? ` (${guess})` : '';
}
