/**
 * "Did you mean" for a name an editor typed (a topic, a related task): the nearest
 * known names by typing slips, so a misspelling is fixed from the message alone.
 */
import { editDistance } from '../search/edit-distance.ts';

/**
 * Up to `limit` known names nearest to `typed`, nearest first. A slug's words make it long,
 * so the slips forgiven grow with its length: a third of its letters, at least 2.
 */
export function nearestNames(typed: string, known: Iterable<string>, limit = 2): string[] {
  const max = Math.max(2, Math.floor(typed.length / 3));
  const scored: { name: string; distance: number }[] = [];
  for (const name of known) {
    const distance = editDistance(typed, name, max);
    if (distance <= max) scored.push({ name, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
  const best = scored[0]?.distance;
  // Only the closest tier: a second name one slip further away is noise, not help.
  return scored.filter((entry) => entry.distance === best).slice(0, limit).map((entry) => entry.name);
}

/** ' did you mean "streets"?' or ' did you mean "a" or "b"?', or '' when nothing is near. */
export function didYouMean(typed: string, known: Iterable<string>): string {
  const near = nearestNames(typed, known);
  if (!near.length) return '';
  return `did you mean ${near.map((name) => `"${name}"`).join(' or ')}?`;
}
