/**
 * The search expectations (content/search/expectations.yml): reading them, checked,
 * and measuring search against them. readExpectations is the one way in, for the
 * content check, check:search, the benchmark and the demo traffic.
 */
import { join, relative } from 'node:path';
import { expectationsFileSchema, type Expectation } from '../../schemas/search.ts';
import type { ContentProblem } from '../content/problem.ts';
import { readYamlFile } from '../content/yaml-file.ts';
import type { SearchEngine } from './engine.ts';
import { words } from './text.ts';

/** An expectation and where it is written. */
export interface PlacedExpectation extends Expectation {
  /** Line of its query in the file. */
  line: number;
}

export interface Expectations {
  /** The file as shown in messages, e.g. content/search/expectations.yml */
  file: string;
  /** Every valid entry, in file order; empty when the file is missing or broken. */
  expectations: PlacedExpectation[];
  /** What is wrong with the file: syntax, fields, unknown tasks, repeated queries. Empty when it can be used. */
  problems: ContentProblem[];
}

export interface ReadExpectationsOptions {
  /** File names in problems are relative to this; defaults to the current directory. */
  cwd?: string;
  /** Slugs of the tasks that exist; when given, an expectation naming another is a problem. */
  tasks?: Iterable<string>;
}

/** Reads content/search/expectations.yml under the content folder `root`. A missing file is a problem. */
export function readExpectations(root: string, options: ReadExpectationsOptions = {}): Expectations {
  const path = join(root, 'search/expectations.yml');
  const cwd = options.cwd ?? process.cwd();
  const display = (file: string) => relative(cwd, file) || file;
  const file = display(path);
  const problems: ContentProblem[] = [];
  const read = readYamlFile(path, expectationsFileSchema, problems, { display, whenEmpty: [] });
  if (!read) {
    if (!problems.length) problems.push({ file, line: 1, message: 'is missing: add the queries search must answer (docs/editing.md explains how)', severity: 'error' });
    return { file, expectations: [], problems: tagged(problems) };
  }

  const known = options.tasks ? new Set(options.tasks) : undefined;
  const seen = new Map<string, number>();
  const expectations = read.value.map((entry, index) => ({ ...entry, line: read.source.lineOf([index, 'query']) }));
  expectations.forEach((entry, index) => {
    if (known && entry.task && !known.has(entry.task)) {
      problems.push({ file, line: read.source.lineOf([index, 'task']), field: `[${index}].task`, message: `"${entry.task}" is not a task: use the file name of a task in content/tasks/ without .md`, severity: 'error' });
    }
    // The same words again measure nothing new and count the same answer twice.
    const key = words(entry.query).join(' ');
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ file, line: entry.line, field: `[${index}].query`, message: `"${entry.query}" repeats the query on line ${first}: delete one of them`, severity: 'error' });
    } else {
      seen.set(key, entry.line);
    }
  });
  return { file, expectations: problems.length ? [] : expectations, problems: tagged(problems) };
}

function tagged(problems: ContentProblem[]): ContentProblem[] {
  for (const problem of problems) problem.check = 'search';
  return problems;
}

export interface ExpectationOutcome extends PlacedExpectation {
  /** 1-based rank of the expected task, or null when it is not in the first `depth` results. */
  rank: number | null;
  top: string[];
}

export interface QualityReport {
  total: number;
  successAt1: number;
  successAt3: number;
  /** Mean reciprocal rank over the first `depth` results. */
  mrr: number;
  outcomes: ExpectationOutcome[];
  /** Expectations whose task is not in the top 3: each one fails the check. */
  failures: ExpectationOutcome[];
}

export function measureSearchQuality(engine: SearchEngine, expectations: readonly PlacedExpectation[], depth = 10): QualityReport {
  const outcomes = expectations
    .filter((expectation) => expectation.task)
    .map((expectation) => {
      const results = engine.search(expectation.query, { limit: depth }).results.map((result) => result.slug);
      const index = results.indexOf(expectation.task!);
      return { ...expectation, rank: index === -1 ? null : index + 1, top: results.slice(0, 3) };
    });
  const count = (test: (rank: number) => boolean) => outcomes.filter((outcome) => outcome.rank !== null && test(outcome.rank)).length;
  const total = outcomes.length;
  return {
    total,
    successAt1: total ? count((rank) => rank === 1) / total : 0,
    successAt3: total ? count((rank) => rank <= 3) / total : 0,
    mrr: total ? outcomes.reduce((sum, outcome) => sum + (outcome.rank ? 1 / outcome.rank : 0), 0) / total : 0,
    outcomes,
    failures: outcomes.filter((outcome) => outcome.rank === null || outcome.rank > 3),
  };
}
