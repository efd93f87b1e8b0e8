/** Runs every content check and gathers what they found, for the CLI and for tests. */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadContent } from '../content/load-content.ts';
import { contentFileKind } from '../content/paths.ts';
import type { ContentProblem } from '../content/problem.ts';
import { today as todayIso } from '../dates.ts';
import { freshnessCheck } from './freshness-check.ts';
import { incidentsCheck } from './incidents-check.ts';
import { linksCheck } from './links-check.ts';
import { plainLanguageCheck } from './plain-language-check.ts';
import { schemaCheck } from './schema-check.ts';
import { searchCheck } from './search-check.ts';
import type { ContentCheck } from './types.ts';

export const CHECKS: readonly ContentCheck[] = [schemaCheck, linksCheck, plainLanguageCheck, freshnessCheck, searchCheck, incidentsCheck];

export interface CheckReport {
  problems: ContentProblem[];
  errors: number;
  warnings: number;
  filesChecked: number;
  checks: string[];
}

export async function runChecks(options: { root: string; cwd?: string; files?: string[]; today?: string; checks?: readonly ContentCheck[] }): Promise<CheckReport> {
  const cwd = options.cwd ?? process.cwd();
  const content = loadContent({ root: options.root, cwd });
  const context = { content, root: options.root, cwd, today: options.today ?? todayIso() };
  const checks = options.checks ?? CHECKS;
  let problems = (await Promise.all(checks.map((check) => check.run(context)))).flat();
  const wanted = options.files?.length ? new Set(options.files.map((file) => relative(cwd, resolve(cwd, file)))) : undefined;
  if (wanted) problems = problems.filter((problem) => wanted.has(problem.file));
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || (a.check ?? '').localeCompare(b.check ?? ''));
  return {
    problems,
    errors: problems.filter((problem) => problem.severity === 'error').length,
    warnings: problems.filter((problem) => problem.severity === 'warning').length,
    filesChecked: wanted ? wanted.size : countFiles(options.root),
    checks: checks.map((check) => check.id),
  };
}

function countFiles(root: string): number {
  return ['tasks', 'topics'].reduce((total, folder) => total + (existsSync(join(root, folder)) ? readdirSync(join(root, folder)).filter((name) => contentFileKind(name) === 'entry').length : 0), 0);
}
