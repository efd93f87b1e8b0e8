/** Runs every content check and gathers what they found, for the CLI and for tests. */
import { availableParallelism } from 'node:os';
import { relative, resolve, sep } from 'node:path';
import { loadContent } from '../content/load-content.ts';
import { contentFileKind } from '../content/paths.ts';
import type { ContentProblem } from '../content/problem.ts';
import { today as todayIso } from '../dates.ts';
import { countEntries } from './count-entries.ts';
import { freshnessCheck } from './freshness-check.ts';
import { incidentsCheck } from './incidents-check.ts';
import { linksCheck } from './links-check.ts';
import { placeholdersCheck } from './placeholders-check.ts';
import { plainLanguageCheck } from './plain-language-check.ts';
import { schemaCheck } from './schema-check.ts';
import { searchCheck } from './search-check.ts';
import type { CheckContext, ContentCheck } from './types.ts';

export const CHECKS: readonly ContentCheck[] = [schemaCheck, linksCheck, placeholdersCheck, plainLanguageCheck, freshnessCheck, searchCheck, incidentsCheck];

export interface CheckReport {
  problems: ContentProblem[];
  errors: number;
  warnings: number;
  filesChecked: number;
  checks: string[];
  /** Checks left out, each with the reason (a one-file check leaves out what measures all files together). */
  skipped: { check: string; reason: string }[];
}

export interface RunOptions extends Pick<CheckContext, 'cacheDir'> {
  /** The content folder. */
  root: string;
  cwd?: string;
  /** Task, topic or other content files to check alone; all of them when absent. */
  files?: string[];
  today?: string;
  checks?: readonly ContentCheck[];
  /** Threads for the per-text checks, this one included; one per core when absent. */
  threads?: number;
}

export async function runChecks(options: RunOptions): Promise<CheckReport> {
  const cwd = options.cwd ?? process.cwd();
  const named = options.files?.length ? options.files.map((file) => resolve(cwd, file)) : undefined;
  // Only task and topic files can be checked alone; a search or style file is about them all.
  const entriesOnly = named?.every((path) => isEntryFile(options.root, path));
  const scope = entriesOnly ? 'files' : 'all';
  const threads = options.threads ?? availableParallelism();
  const all = options.checks ?? CHECKS;
  const checks = all.filter((check) => scope === 'all' || !check.wholeContent);
  for (const check of checks) check.prepare?.({ root: options.root, scope, threads });
  const content = loadContent({ root: options.root, cwd, ...(entriesOnly ? { only: named } : {}) });
  const context: CheckContext = { content, root: options.root, cwd, today: options.today ?? todayIso(), scope, threads, ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) };
  const skipped = all.filter((check) => !checks.includes(check)).map((check) => ({ check: check.id, reason: check.wholeContent! }));
  let problems = (await Promise.all(checks.map((check) => check.run(context)))).flat();
  const wanted = named ? new Set(named.map((path) => relative(cwd, path))) : undefined;
  if (wanted) problems = problems.filter((problem) => wanted.has(problem.file));
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || (a.check ?? '').localeCompare(b.check ?? ''));
  return {
    problems,
    errors: problems.filter((problem) => problem.severity === 'error').length,
    warnings: problems.filter((problem) => problem.severity === 'warning').length,
    filesChecked: wanted ? wanted.size : countFiles(options.root),
    checks: checks.map((check) => check.id),
    skipped,
  };
}

/** A task or topic file: content/tasks/x.md or content/topics/x.md. */
function isEntryFile(root: string, path: string): boolean {
  const rel = relative(resolve(root), path);
  const [folder, name, ...rest] = rel.split(sep);
  return rest.length === 0 && (folder === 'tasks' || folder === 'topics') && name !== undefined && contentFileKind(name) === 'entry';
}

function countFiles(root: string): number {
  return countEntries(root, 'tasks') + countEntries(root, 'topics');
}
