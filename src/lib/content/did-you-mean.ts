/**
 * "Did you mean" for a name an editor typed that is not one of ours: a task slug in a
 * journey, a topic. Slugs are long, so a slip is judged against the length of the name,
 * and words in a different order ("moving-home-tell-us") are caught as well.
 */
import { editDistance } from '../search/edit-distance.ts';

/** The known name closest to `typed`, when it is close enough to be a slip; else undefined. */
export function nearestName(typed: string, known: Iterable<string>): string | undefined {
  const max = Math.max(1, Math.floor(typed.length / 4));
  const sortedWords = (name: string) => name.split('-').sort().join('-');
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = Math.min(editDistance(typed, name, max), sortedWords(typed) === sortedWords(name) ? 1 : max + 1);
    if (distance <= max && (!best || distance < best.distance || (distance === best.distance && name < best.name))) best = { name, distance };
  }
  return best?.name;
}

/** ` (did you mean "x"?)`, or nothing when no name is close. */
export function didYouMean(typed: string, known: Iterable<string>): string {
  const guess = nearestName(typed, known);
  return guess ? ` (did you mean "${guess}"?)` : '';
}
