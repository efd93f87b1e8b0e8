/**
 * Meta refresh (WCAG 2.2.1 Timing adjustable, ACT bc659a). A page that reloads or sends the
 * reader elsewhere after a delay takes the time to read out of their hands. The browser
 * acts on the first `<meta http-equiv="refresh">` whose content it can parse (HTML's
 * "shared declarative refresh steps"); later ones never run, so only that one is judged.
 * No delay is a redirect, not a time limit; over 20 hours (72,000 s) is WCAG's own
 * exception.
 */

/** WCAG 2.2.1's 20-hour exception, in seconds. */
export const LONGEST_LIMIT_S = 72_000;

/**
 * The delay in whole seconds a refresh content value asks for, or null when the browser
 * ignores it. Follows the HTML parsing steps: optional spaces, digits (or a lone "." for 0),
 * a fraction that is dropped, then the end, a space, ";" or ",".
 */
export function refreshDelay(content: string): number | null {
  const match = /^[\t\n\f\r ]*(\d*)/.exec(content)!;
  const digits = match[1]!;
  let rest = content.slice(match[0].length);
  if (!digits && !rest.startsWith('.')) return null;
  rest = rest.replace(/^[\d.]*/, '');
  if (rest && !/^[;,\t\n\f\r ]/.test(rest)) return null;
  return digits ? Number.parseInt(digits, 10) : 0;
}

/** The refresh the browser will act on: the first one with a content value it can parse. */
export function actingRefresh<T extends { content: string }>(refreshes: readonly T[]): (T & { delay: number }) | null {
  for (const item of refreshes) {
    const delay = refreshDelay(item.content);
    if (delay !== null) return { ...item, delay };
  }
  return null;
}

/** A time limit the reader cannot turn off: more than no delay, and not over 20 hours. */
export const limitsTime = (delay: number) => delay > 0 && delay <= LONGEST_LIMIT_S;
