/**
 * The accessibility statement's facts. Two files in content/accessibility/:
 * - latest.json, written by the audit: when it ran, with what, on which pages, and the
 *   problems per WCAG criterion;
 * - statement.yml, kept by the auditor: organisation, contact, the last test by a person,
 *   problems a person found, and the enforcement procedure.
 * /accessibility is built from both. Automated checks alone never make it say "fully compliant".
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { latestAuditSchema, statementFileSchema, type AuditReport, type LatestAudit, type StatementFile } from '../../schemas/a11y.ts';
import { contentDir } from '../content/paths.ts';
import { compareCriteria, criterion } from './wcag.ts';
import { readYaml, fieldName } from './yaml-file.ts';

export const LATEST_FILE = 'accessibility/latest.json';
export const STATEMENT_FILE = 'accessibility/statement.yml';

export function latestFromReport(report: AuditReport): LatestAudit {
  const groups = new Map<string, { problems: number; pages: Set<string>; descriptions: Set<string>; known: string[]; allKnown: boolean }>();
  let outsideWcag = 0;
  for (const problem of report.problems) {
    if (problem.criteria.length === 0) outsideWcag++;
    for (const number of problem.criteria) {
      const group = groups.get(number) ?? { problems: 0, pages: new Set(), descriptions: new Set(), known: [], allKnown: true };
      group.problems++;
      group.pages.add(problem.page);
      group.descriptions.add(problem.summary);
      if (problem.known) group.known.push(problem.known.expires);
      else group.allKnown = false;
      groups.set(number, group);
    }
  }
  return {
    date: report.startedAt.slice(0, 10),
    target: report.target,
    standard: report.standard,
    tools: { [report.tool.name]: report.tool.version, ...report.versions },
    viewports: report.viewports,
    pages: { count: report.summary.pages, list: [...new Set(report.pages.map((page) => page.page))] },
    checks: report.checks.map(({ id, name }) => ({ id, name })),
    problems: {
      total: report.problems.length,
      byCriterion: [...groups.entries()]
        .sort(([a], [b]) => compareCriteria(a, b))
        .map(([number, group]) => {
          const { name, level } = criterion(number);
          return {
            criterion: number,
            name,
            level,
            problems: group.problems,
            pages: group.pages.size,
            descriptions: [...group.descriptions].slice(0, 6),
            plannedFix: group.allKnown && group.known.length ? group.known.sort().at(-1)! : null,
          };
        }),
      outsideWcag,
    },
  };
}

export function writeLatest(root: string, latest: LatestAudit): string {
  const file = join(contentDir(root), LATEST_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(latestAuditSchema.parse(latest), null, 2)}\n`);
  return file;
}

export interface StatementData {
  statement: StatementFile | null;
  latest: LatestAudit | null;
}

export class StatementError extends Error {
  constructor(lines: string[]) {
    super(`The accessibility statement cannot be built:\n${lines.map((line) => `  ${line}`).join('\n')}`);
    this.name = 'StatementError';
  }
}

/** Reads both files. Missing files are fine (null); broken ones stop the build with every problem listed. */
export function loadStatementData(root: string = process.cwd()): StatementData {
  const dir = contentDir(root);
  const errors: string[] = [];
  let statement: StatementFile | null = null;
  const statementPath = join(dir, STATEMENT_FILE);
  if (existsSync(statementPath)) {
    const result = readYaml(statementPath, statementFileSchema, { cwd: root });
    if (result.ok) statement = result.value;
    else errors.push(...result.errors);
  }
  let latest: LatestAudit | null = null;
  const latestPath = join(dir, LATEST_FILE);
  if (existsSync(latestPath)) {
    const name = latestPath.replace(`${root}/`, '');
    try {
      const parsed = latestAuditSchema.safeParse(JSON.parse(readFileSync(latestPath, 'utf8')));
      if (parsed.success) latest = parsed.data;
      else errors.push(...parsed.error.issues.map((issue) => `${name} ${fieldName(issue.path) || '(top level)'}: ${issue.message}. Run "npm run audit:a11y" to write it again.`));
    } catch (error) {
      errors.push(`${name}: not valid JSON (${(error as Error).message}). Run "npm run audit:a11y" to write it again.`);
    }
  }
  if (errors.length) throw new StatementError(errors);
  return { statement, latest };
}

export type ComplianceStatus = 'full' | 'partial' | 'not-assessed';

/**
 * "Fully compliant" needs a test by a person and no known problem; any known problem
 * (found by a tool or a person) makes it "partially compliant"; otherwise we cannot say.
 */
export function complianceStatus(data: StatementData): ComplianceStatus {
  const known = (data.latest?.problems.total ?? 0) + (data.statement?.knownProblems.length ?? 0);
  if (known > 0) return 'partial';
  if (data.statement?.manualTest.date && data.latest) return 'full';
  return 'not-assessed';
}

/** Non-accessible content for the statement: problems per criterion, from the audit and from people. */
export function nonAccessibleContent(data: StatementData) {
  const items = new Map<string, { criterion: string; name: string; level: string; descriptions: string[]; pages: number; fixBy: string | null; foundBy: Set<'automated' | 'person'> }>();
  for (const group of data.latest?.problems.byCriterion ?? []) {
    items.set(group.criterion, { criterion: group.criterion, name: group.name, level: group.level, descriptions: [...group.descriptions], pages: group.pages, fixBy: group.plannedFix, foundBy: new Set(['automated']) });
  }
  for (const problem of data.statement?.knownProblems ?? []) {
    for (const number of problem.criteria) {
      const { name, level } = criterion(number);
      const item = items.get(number) ?? { criterion: number, name, level, descriptions: [], pages: 0, fixBy: null, foundBy: new Set() };
      item.descriptions.push(problem.description);
      item.foundBy.add('person');
      if (problem.fixBy && (!item.fixBy || problem.fixBy > item.fixBy)) item.fixBy = problem.fixBy;
      items.set(number, item);
    }
  }
  return [...items.values()].sort((a, b) => compareCriteria(a.criterion, b.criterion)).map((item) => ({ ...item, foundBy: [...item.foundBy] }));
}
