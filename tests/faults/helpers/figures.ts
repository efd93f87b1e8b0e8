/**
 * The figures each fault test prints: events acknowledged and stored, the longest
 * response, and how long the portal took to recover. Each line is printed as the
 * test ends and kept for the summary table the run prints at the end.
 */
import { appendFileSync } from 'node:fs';
import { inject } from 'vitest';

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
