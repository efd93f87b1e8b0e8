/**
 * Results of prose jobs kept between runs, by a digest of each job, so a text checked
 * before is not checked again. The file's name carries a digest of everything else a
 * result depends on (the rules with the words-to-avoid list, the checking code, the
 * installed packages): change any of them and the file is a different one, so old
 * results can never be read against new rules.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jobKey, type ProseJob, type ProseResult } from './prose-jobs.ts';
import type { ProseRules } from './prose.ts';

/** Where check:content keeps them: .astro/ is never committed, and each checkout has its own. */
export const CACHE_DIR = fileURLToPath(new URL('../../../.astro/cache/check-content/', import.meta.url));

/** Enough for several catalogues of 10,000 tasks; past it the entries least recently used go. */
const MAX_ENTRIES = 200_000;
const PREFIX = 'prose-';

/** The code whose output is cached: a change to any of these files is a change of rules. */
const CODE = ['./prose.ts', './prose-jobs.ts'].map((path) => new URL(path, import.meta.url));
const LOCKFILE = new URL('../../../package-lock.json', import.meta.url);

export class ProseCache {
  private readonly dir: string;
  private readonly file: string;
  private readonly entries: Map<string, ProseResult>;
  private readonly used = new Map<string, ProseResult>();

  constructor(dir: string, rules: ProseRules) {
    this.dir = dir;
    const version = createHash('sha256');
    version.update(JSON.stringify(rules));
    for (const url of [...CODE, LOCKFILE]) version.update(existsSync(url) ? readFileSync(url) : `(no ${url.pathname})`);
    this.file = join(dir, `${PREFIX}${version.digest('hex').slice(0, 16)}.json`);
    this.entries = new Map(readEntries(this.file));
  }

  get(job: ProseJob): ProseResult | undefined {
    const key = digest(job);
    const found = this.entries.get(key);
    if (found) this.used.set(key, found);
    return found;
  }

  set(job: ProseJob, result: ProseResult): void {
    this.used.set(digest(job), result);
  }

  /**
   * Writes the file (to a temporary name first, so a run stopped half-way leaves the old
   * file whole) and removes files made for other rules or code, which can never match again.
   */
  save(): void {
    mkdirSync(this.dir, { recursive: true });
    // This run's entries last, so the cap drops the ones unused longest.
    for (const key of this.used.keys()) this.entries.delete(key);
    const kept = [...this.entries, ...this.used].slice(-MAX_ENTRIES);
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(kept));
    renameSync(temporary, this.file);
    for (const name of readdirSync(this.dir)) {
      if (name.startsWith(PREFIX) && name.endsWith('.json') && join(this.dir, name) !== this.file) rmSync(join(this.dir, name), { force: true });
    }
  }
}

function digest(job: ProseJob): string {
  return createHash('sha256').update(jobKey(job)).digest('base64');
}

/** A cache file that cannot be read (cut short, edited by hand) is started afresh: it only ever saves time. */
function readEntries(file: string): [string, ProseResult][] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(parsed) ? parsed.filter((entry): entry is [string, ProseResult] => Array.isArray(entry) && typeof entry[0] === 'string' && entry.length === 2) : [];
  } catch {
    return [];
  }
}
