/**
 * The known-issues baseline (a11y-baseline.yml): problems we accept for now, each with
 * an owner, a reason and an expiry date. The audit fails on anything not in it, and on
 * any entry past its date; entries that no longer match anything are reported as fixed.
 */
import { baselineFileSchema, type BaselineEntry, type Problem } from '../../schemas/a11y.ts';
import { today } from '../dates.ts';
import { readYaml } from './yaml-file.ts';

export const BASELINE_FILE = 'a11y-baseline.yml';

export type BaselineLoad = { ok: true; entries: BaselineEntry[] } | { ok: false; errors: string[] };

/** A missing file is an empty baseline; a broken one lists every problem with its line. */
export function loadBaseline(path: string, cwd = process.cwd()): BaselineLoad {
  const result = readYaml(path, baselineFileSchema, { missing: { known: [] }, cwd });
  return result.ok ? { ok: true, entries: result.value.known } : { ok: false, errors: result.errors };
}

/** Glob on a page's path and query: `*` is anything but "/", `**` is anything. */
export function urlMatches(pattern: string, page: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (char === '*') {
      source += '[^/]*';
    } else {
      source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`).test(page);
}

export function isExpired(entry: BaselineEntry, on: string = today()): boolean {
  return entry.expires < on;
}

/** The first entry still in date that covers this problem. */
export function matchBaseline(
  entries: readonly BaselineEntry[],
  problem: { rule: string; page: string; selector: string | null },
  on: string = today(),
): BaselineEntry | undefined {
  return entries.find(
    (entry) =>
      !isExpired(entry, on) &&
      entry.rule === problem.rule &&
      urlMatches(entry.url, problem.page) &&
      (entry.selector === '*' || entry.selector === problem.selector),
  );
}

export interface BaselineStatus {
  expired: BaselineEntry[];
  /** Entries whose pages were audited but which matched nothing: the problem is gone. */
  fixed: BaselineEntry[];
  /** Entries for pages this run did not audit (for example with --max-pages). */
  notAudited: BaselineEntry[];
}

export function baselineStatus(entries: readonly BaselineEntry[], problems: readonly Problem[], pages: readonly string[], on: string = today()): BaselineStatus {
  const status: BaselineStatus = { expired: [], fixed: [], notAudited: [] };
  for (const entry of entries) {
    if (isExpired(entry, on)) {
      status.expired.push(entry);
      continue;
    }
    const used = problems.some((problem) => problem.known && matchBaseline([entry], problem, on));
    if (used) continue;
    if (pages.some((page) => urlMatches(entry.url, page))) status.fixed.push(entry);
    else status.notAudited.push(entry);
  }
  return status;
}
