/**
 * The figures each fault test prints: events acknowledged and stored, the longest
 * response, and how long the portal took to recover. Each line is printed as the
 * test ends and kept for the summary table the run prints at the end.
 */
import { appendFileSync } from 'node:fs';
import { inject } from 'vitest';
import { acknowledged, longest, type Sample } from './load.ts';
import { storedOf, type StoreTarget } from './stores.ts';

export interface FaultFigures {
  fault: string;
  store: 'sqlite' | 'postgres';
  acknowledged: number;
  stored: number;
  /** Requests answered 503 (storage unavailable). */
  refused: number;
  /** Requests with no answer at all (expected only once a server has stopped listening). */
  unanswered: number;
  longestMs: number;
  /** From the fault clearing (or happening, when nothing clears it) to the first 204; undefined: not measured. */
  recoveryMs?: number;
  /** Anything else worth a number. */
  note?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    faultFiguresFile: string;
  }
}

const seconds = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);

export function formatFigures(figures: FaultFigures): string {
  return `${figures.fault} [${figures.store}]: acknowledged ${figures.acknowledged}, stored ${figures.stored}, refused 503 ${figures.refused}, unanswered ${figures.unanswered}, longest response ${seconds(figures.longestMs)}, recovery ${seconds(figures.recoveryMs)}${figures.note ? `; ${figures.note}` : ''}`;
}

export function report(figures: FaultFigures): void {
  console.log(`FAULT ${formatFigures(figures)}`);
  appendFileSync(inject('faultFiguresFile'), `${JSON.stringify(figures)}\n`);
}

/**
 * What every fault's figures share: the events acknowledged under load, which of them
 * the store kept, and how the requests were answered.
 */
export async function tally(target: StoreTarget, samples: Sample[]) {
  const acked = acknowledged(samples);
  const stored = await storedOf(target, acked);
  const figures = {
    acknowledged: acked.length,
    stored: stored.size,
    refused: samples.filter((sample) => sample.status === 503).length,
    unanswered: samples.filter((sample) => sample.status === 0).length,
    longestMs: longest(samples),
  } satisfies Partial<FaultFigures>;
  return { acked, stored, figures };
}
