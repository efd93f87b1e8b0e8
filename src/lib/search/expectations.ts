/**
 * The search expectations (content/search/expectations.yml): reading them, checked,
 * and measuring search against them. readExpectations is the one way in, for the
 * content check, check:search, the benchmark and the demo traffic.
 */
import { join, relative } from 'node:path';
import { EXPECTATION_SOURCES, expectationsFileSchema, type Coverage, type Expectation, type ExpectationSource, type ResultKind } from '../../schemas/search.ts';
import type { ContentProblem } from '../content/problem.ts';
import { readYamlFile } from '../content/yaml-file.ts';
import { createSearchEngine, type SearchData, type SearchEngine } from './engine.ts';
import { browserSearchData } from './search-data.ts';
import { meaningfulWords, stem, words } from './text.ts';

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

/** The gates check:search holds search to (docs/decisions/0015-search-confidence.md). */
const QUALITY_GATES = {
  /** Held-out (titles-only) queries, server engine: right task first at least this often… */
  heldOutAt1: 0.9,
  /** …and in the top 3 at least this often. */
  heldOutAt3: 0.97,
  /** The browser's engine may score at most this much lower on held-out success@1. */
  browserGap: 0.02,
  /** Share of no-answer queries that must say so (coverage none or partial) or show a signpost first. */
  noAnswerHonest: 0.95,
} as const;

interface ExpectationOutcome extends PlacedExpectation {
  /** 1-based rank of the expected task, or null when it is not in the first `depth` results (or there is none to find). */
  rank: number | null;
  /** The first three results' slugs. */
  top: string[];
  coverage: Coverage;
  /** The first result's kind, when there is one. */
  firstKind: ResultKind | null;
}

interface Scores {
  count: number;
  successAt1: number;
  successAt3: number;
  /** Mean reciprocal rank over the first `depth` results. */
  mrr: number;
}

interface NoAnswerScores {
  count: number;
  /** Said it found nothing, or only part, or showed a signpost first. */
  honest: number;
  /** Share of `count` that was honest. */
  honestShare: number;
  /** The outcomes that showed a council task first as if it answered the whole query. */
  confident: ExpectationOutcome[];
}

interface EngineQuality {
  /** Scores of the expectations that name a task, by who wrote them, and all together. */
  bySource: Record<ExpectationSource | 'all', Scores>;
  noAnswer: NoAnswerScores;
  outcomes: ExpectationOutcome[];
}

/** What one engine does with every expectation. */
function measureEngine(engine: SearchEngine, expectations: readonly PlacedExpectation[], depth = 10): EngineQuality {
  const outcomes = expectations.map((expectation): ExpectationOutcome => {
    const response = engine.search(expectation.query, { limit: depth });
    const slugs = response.results.map((result) => result.slug);
    const index = expectation.task ? slugs.indexOf(expectation.task) : -1;
    return { ...expectation, rank: index === -1 ? null : index + 1, top: slugs.slice(0, 3), coverage: response.coverage, firstKind: response.results[0]?.kind ?? null };
  });
  const withTask = outcomes.filter((outcome) => outcome.task);
  const bySource = Object.fromEntries(
    [...EXPECTATION_SOURCES, 'all' as const].map((source) => [source, scores(source === 'all' ? withTask : withTask.filter((outcome) => outcome.source === source))]),
  ) as Record<ExpectationSource | 'all', Scores>;
  const noAnswers = outcomes.filter((outcome) => outcome.noAnswer);
  const honest = noAnswers.filter((outcome) => outcome.coverage !== 'full' || outcome.firstKind === 'signpost');
  return {
    bySource,
    noAnswer: {
      count: noAnswers.length,
      honest: honest.length,
      honestShare: noAnswers.length ? honest.length / noAnswers.length : 1,
      confident: noAnswers.filter((outcome) => outcome.coverage === 'full' && outcome.firstKind !== 'signpost'),
    },
    outcomes,
  };
}

function scores(outcomes: readonly ExpectationOutcome[]): Scores {
  const count = outcomes.length;
  const share = (test: (rank: number) => boolean) => (count ? outcomes.filter((outcome) => outcome.rank !== null && test(outcome.rank)).length / count : 0);
  return {
    count,
    successAt1: share((rank) => rank === 1),
    successAt3: share((rank) => rank <= 3),
    mrr: count ? outcomes.reduce((sum, outcome) => sum + (outcome.rank ? 1 / outcome.rank : 0), 0) / count : 0,
  };
}

/** An expectation whose query is a keyword or synonym of its own task: it measures nothing. */
export interface Copy {
  expectation: PlacedExpectation;
  /** What it copies, e.g. `keyword "bin day"`. */
  copies: string;
}

/**
 * Expectations whose query, after stop words and stems, is a keyword of their own task, or
 * a synonym ("for" phrase) of a word that task is named by. Such a query finds its task
 * because someone wrote that very phrase down: it cannot fail, so it proves nothing. (A
 * query that is the title is allowed: people type titles they have seen, and held-out
 * queries are written from the titles.)
 */
export function findCopies(expectations: readonly PlacedExpectation[], data: Pick<SearchData, 'docs' | 'synonyms'>): Copy[] {
  const key = (text: string) => meaningfulWords(text).map(stem).join(' ');
  const docs = new Map(data.docs.map((doc) => [doc.slug, doc]));
  const copies: Copy[] = [];
  for (const expectation of expectations) {
    const doc = expectation.task ? docs.get(expectation.task) : undefined;
    if (!doc) continue;
    const query = key(expectation.query);
    if (!query) continue;
    const keyword = doc.keywords.find((name) => key(name) === query);
    if (keyword !== undefined) {
      copies.push({ expectation, copies: `keyword "${keyword}"` });
      continue;
    }
    // The synonyms of the words the task is named by (its title and keywords).
    const nameKeys = [doc.title, ...doc.keywords].map((name) => ` ${key(name)} `);
    const group = data.synonyms.find((entry) => nameKeys.some((name) => name.includes(` ${key(entry.use)} `)) && entry.for.some((phrase) => key(phrase) === query));
    if (group) copies.push({ expectation, copies: `a synonym of "${group.use}"` });
  }
  return copies;
}

export interface SearchQuality {
  server: EngineQuality;
  browser: EngineQuality;
  copies: Copy[];
  /** Every reason the check fails, as sentences; empty when search passes. */
  failures: string[];
  /** Problems to show in files: missed expectations, dishonest no-answers, held-out copies. */
  problems: ContentProblem[];
}

/**
 * The whole quality check: both engines (the server's, and the browser's smaller index),
 * per source, the no-answer queries, copies, and the gates.
 */
export function assessSearch(data: SearchData, file: Expectations, browserData: SearchData = browserSearchData(data)): SearchQuality {
  const server = measureEngine(createSearchEngine(data), file.expectations);
  const browser = measureEngine(createSearchEngine(browserData), file.expectations);
  const copies = findCopies(file.expectations, data);
  const failures: string[] = [];
  const problems: ContentProblem[] = [];
  const problem = (line: number, message: string, severity: 'error' | 'warning' = 'error') => problems.push({ file: file.file, line, message, severity, check: 'search' });
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

  // Queries written by people who know the pages, and real ones from the log, must each find their task.
  for (const outcome of server.outcomes) {
    if (!outcome.task || outcome.source === 'titles-only' || (outcome.rank !== null && outcome.rank <= 3)) continue;
    problem(outcome.line, `"${outcome.query}" should find ${outcome.task} in the top 3, but ${outcome.rank ? `it is at ${outcome.rank}` : 'it is not found'} (top 3: ${outcome.top.join(', ') || 'nothing'}). Add words people use to that task's keywords, or a synonym`);
  }
  if (problems.length) failures.push(`${problems.length} editor or search-log expectation(s) do not find their task in the top 3.`);

  // The held-out set is only measured: no single query fails the check, the scores do.
  const heldOut = server.bySource['titles-only'];
  if (heldOut.count) {
    if (heldOut.successAt1 < QUALITY_GATES.heldOutAt1) failures.push(`Held-out (titles-only) success@1 is ${percent(heldOut.successAt1)} on the server; it must be at least ${percent(QUALITY_GATES.heldOutAt1)}.`);
    if (heldOut.successAt3 < QUALITY_GATES.heldOutAt3) failures.push(`Held-out (titles-only) success@3 is ${percent(heldOut.successAt3)} on the server; it must be at least ${percent(QUALITY_GATES.heldOutAt3)}.`);
    const gap = heldOut.successAt1 - browser.bySource['titles-only'].successAt1;
    if (gap > QUALITY_GATES.browserGap) failures.push(`The browser's held-out success@1 is ${percent(gap)} below the server's; at most ${percent(QUALITY_GATES.browserGap)} is allowed.`);
  }

  for (const outcome of server.noAnswer.confident) {
    problem(outcome.line, `"${outcome.query}" has no answer on the portal, yet search shows ${outcome.top[0]} first as a full match. Remove the keyword or synonym that makes it match, or add a signpost if another body does this`);
  }
  if (server.noAnswer.confident.length) failures.push(`${server.noAnswer.confident.length} no-answer queries show a council task first as if it answered them.`);
  if (server.noAnswer.count && server.noAnswer.honestShare < QUALITY_GATES.noAnswerHonest) {
    failures.push(`Only ${percent(server.noAnswer.honestShare)} of no-answer queries say so or show a signpost first; at least ${percent(QUALITY_GATES.noAnswerHonest)} must.`);
  }

  for (const copy of copies) {
    const heldOutCopy = copy.expectation.source === 'titles-only';
    problem(
      copy.expectation.line,
      `"${copy.expectation.query}" copies ${copy.copies} of ${copy.expectation.task}, so it cannot fail${heldOutCopy ? ': a held-out query must be written from the titles alone; reword or delete it' : '; reword it the way people search, or delete it'}`,
      heldOutCopy ? 'error' : 'warning',
    );
  }
  const heldOutCopies = copies.filter((copy) => copy.expectation.source === 'titles-only').length;
  if (heldOutCopies) failures.push(`${heldOutCopies} held-out queries copy a keyword or synonym of their task.`);
  problems.sort((a, b) => a.line - b.line);
  return { server, browser, copies, failures, problems };
}

/** The report check:search prints: each source's scores for both engines side by side. */
export function formatQuality(quality: SearchQuality): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(6);
  const row = (label: string, server: Scores, browser: Scores) =>
    `${label.padEnd(22)}${String(server.count).padStart(5)}  ${percent(server.successAt1)} ${percent(server.successAt3)} ${server.mrr.toFixed(3).padStart(6)}   ${percent(browser.successAt1)} ${percent(browser.successAt3)} ${browser.mrr.toFixed(3).padStart(6)}`;
  const lines = [
    `${''.padEnd(22)}${'n'.padStart(5)}  ${'server'.padEnd(21)}    browser`,
    `${'source'.padEnd(22)}${''.padStart(5)}  ${'@1'.padStart(6)} ${'@3'.padStart(6)} ${'MRR'.padStart(6)}   ${'@1'.padStart(6)} ${'@3'.padStart(6)} ${'MRR'.padStart(6)}`,
    ...[...EXPECTATION_SOURCES, 'all' as const].map((source) => row(source === 'titles-only' ? 'titles-only (held out)' : source, quality.server.bySource[source], quality.browser.bySource[source])),
    '',
    `no answer: ${quality.server.noAnswer.count} queries; server says so or shows a signpost for ${quality.server.noAnswer.honest} (${percent(quality.server.noAnswer.honestShare).trim()}), browser for ${quality.browser.noAnswer.honest} (${percent(quality.browser.noAnswer.honestShare).trim()}); a council task shown as a full answer: server ${quality.server.noAnswer.confident.length}, browser ${quality.browser.noAnswer.confident.length}`,
    `copies of a keyword or synonym of their own task: ${quality.copies.length} (${quality.copies.filter((copy) => copy.expectation.source === 'titles-only').length} held out)`,
  ];
  return lines.join('\n');
}
