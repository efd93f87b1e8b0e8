/** Measures search quality against content/search/expectations.yml. */
import type { Expectation } from '../../schemas/search.ts';
import type { SearchEngine } from './engine.ts';

export interface ExpectationOutcome extends Expectation {
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

export function measureSearchQuality(engine: SearchEngine, expectations: readonly Expectation[], depth = 10): QualityReport {
  const outcomes = expectations.map((expectation) => {
    const results = engine.search(expectation.query, { limit: depth }).results.map((result) => result.slug);
    const index = results.indexOf(expectation.task);
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
