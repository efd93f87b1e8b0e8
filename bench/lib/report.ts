/**
 * What every benchmark part shares: the machine it ran on, medians and percentiles, and
 * one shape of result (figure, baseline, ratio, budget, pass or fail), printed as a table
 * and written to reports/bench/<part>.json and .md.
 */
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Machine {
  cores: number;
  cpu: string;
  memoryGb: number;
  freeMemoryGb: number;
  node: string;
  /** 1, 5 and 15 minute load averages when the part started and ended: other work on the machine shows here. */
  loadStart: number[];
  loadEnd?: number[];
}

export function machine(): Machine {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: round(totalmem() / 2 ** 30, 1),
    freeMemoryGb: round(freemem() / 2 ** 30, 1),
    node: process.version,
    loadStart: loadavg().map((value) => round(value, 2)),
  };
}

export function machineLine(m: Machine): string {
  const end = m.loadEnd ? `, at end ${m.loadEnd.join(' ')}` : '';
  return `Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB memory (${m.freeMemoryGb} GB free), Node ${m.node}, load average ${m.loadStart.join(' ')}${end}`;
}

/**
 * One measured figure. `baseline` is the same figure for the baseline in the same run; `ratio`
 * is ours ÷ baseline, or baseline ÷ ours where more is better (throughput), so that 1.0 means
 * "as good as the baseline" and the budget reads the same way.
 */
export interface Figure {
  name: string;
  unit: string;
  value: number | null;
  baseline?: number | null;
  baselineName?: string;
  ratio?: number | null;
  /** e.g. "≤ 1.3× bare Astro", "≤ 14 KB". */
  budget?: string;
  /** null: no budget, or it could not be measured (see note). */
  pass?: boolean | null;
  /** Samples behind a median, so a reader sees the spread. */
  samples?: number[];
  note?: string;
}

export interface PartResult {
  part: string;
  command: string;
  startedAt: string;
  seconds: number;
  machine: Machine;
  figures: Figure[];
  notes: string[];
}

export function median(values: readonly number[]): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

const show = (value: number | null | undefined) => (value === null || value === undefined || Number.isNaN(value) ? '–' : Math.abs(value) >= 100 ? String(Math.round(value)) : String(round(value, 2)));
const verdict = (pass: boolean | null | undefined) => (pass === true ? 'pass' : pass === false ? 'FAIL' : '–');

export function markdownTable(result: PartResult): string {
  const lines = [
    `### ${result.part}`,
    '',
    machineLine(result.machine),
    '',
    '| Figure | Value | Baseline | Ratio | Budget | Result |',
    '| --- | --- | --- | --- | --- | --- |',
    ...result.figures.map((figure) =>
      `| ${figure.name} | ${show(figure.value)} ${figure.unit} | ${figure.baseline === undefined ? '–' : `${show(figure.baseline)} ${figure.unit}${figure.baselineName ? ` (${figure.baselineName})` : ''}`} | ${figure.ratio === undefined || figure.ratio === null ? '–' : `${round(figure.ratio, 2)}×`} | ${figure.budget ?? '–'} | ${verdict(figure.pass)} |`,
    ),
  ];
  if (result.notes.length) lines.push('', ...result.notes.map((note) => `- ${note}`));
  return `${lines.join('\n')}\n`;
}

export function printResult(result: PartResult): void {
  const rows = result.figures.map((figure) => [
    figure.name,
    `${show(figure.value)} ${figure.unit}`,
    figure.baseline === undefined ? '–' : `${show(figure.baseline)} ${figure.unit}`,
    figure.ratio === undefined || figure.ratio === null ? '–' : `${round(figure.ratio, 2)}×`,
    figure.budget ?? '–',
    verdict(figure.pass),
  ]);
  const header = ['figure', 'value', 'baseline', 'ratio', 'budget', 'result'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ');
  console.log(`\n== ${result.part} (${round(result.seconds, 0)} s) ==`);
  console.log(machineLine(result.machine));
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  for (const note of result.notes) console.log(`  note: ${note}`);
}

export function writeResult(result: PartResult, dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${result.part}.json`), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(dir, `${result.part}.md`), markdownTable(result));
}

/** A part's figures as they are gathered; finish() stamps the time and the load at the end. */
export function startPart(part: string, command: string) {
  const started = performance.now();
  const result: PartResult = { part, command, startedAt: new Date().toISOString(), seconds: 0, machine: machine(), figures: [], notes: [] };
  return {
    result,
    add(figure: Figure) {
      result.figures.push(figure);
    },
    note(text: string) {
      result.notes.push(text);
    },
    finish(): PartResult {
      result.seconds = (performance.now() - started) / 1000;
      result.machine.loadEnd = loadavg().map((value) => round(value, 2));
      return result;
    },
  };
}

/** Ratio where less is better (time, memory): ours ÷ baseline. */
export const slower = (ours: number | null, base: number | null) => (ours === null || base === null || base === 0 ? null : ours / base);
/** Ratio where more is better (throughput): ours ÷ baseline too, so 0.7 means 70% of the baseline's rate. */
export const asFast = (ours: number | null, base: number | null) => (ours === null || base === null || base === 0 ? null : ours / base);

export function log(message: string): void {
  process.stderr.write(`  ${new Date().toISOString().slice(11, 19)} ${message}\n`);
}
