/**
 * Funnel chart: one horizontal bar per step (views, starts, completions), each
 * with its label and value in words, and under every bar after the first the
 * share of the step before ("67% of views"), so it reads without colour.
 */
import { CHART_COLOURS, CHART_WIDTH, emptyChart, formatCount, formatPercent, num, safeCount, SMALL_FONT_SIZE, svgDocument, svgText, truncate } from './svg.ts';

export interface FunnelStep {
  label: string;
  value: number;
}

export interface FunnelInput {
  /** What the funnel is for, e.g. the task title "Pay your council tax". */
  title: string;
  steps: FunnelStep[];
}

const PAD = 16;
const ROW_HEIGHT = 92;
const LABEL_Y = 20;
const BAR_Y = 30;
const BAR_HEIGHT = 28;
const SHARE_Y = BAR_Y + BAR_HEIGHT + 22;
/** The first step has no share line, so its row is this much shorter. */
const NO_SHARE_SAVING = 24;
/** Longest label drawn in full; the accessible name always has all of it. */
const MAX_LABEL_CHARS = 50;

const lower = (label: string) => label.toLocaleLowerCase('en-GB');

export function funnelChart(input: FunnelInput): string {
  const steps = input.steps.map((step) => ({ label: String(step.label), value: safeCount(step.value) }));
  if (steps.length === 0) return emptyChart(`Funnel for ${input.title}: no data for this period`);

  const label = `Funnel for ${input.title}: ${steps.map((step) => `${formatCount(step.value)} ${lower(step.label)}`).join(', ')}`;
  const max = Math.max(...steps.map((step) => step.value));
  const fullWidth = CHART_WIDTH - 2 * PAD;

  const body = steps.flatMap((step, index) => {
    const top = PAD / 2 + index * ROW_HEIGHT - (index > 0 ? NO_SHARE_SAVING : 0);
    const width = max > 0 ? (step.value / max) * fullWidth : 0;
    const colour = CHART_COLOURS[index % CHART_COLOURS.length];
    const parts = [
      svgText(PAD, top + LABEL_Y, `${truncate(step.label, MAX_LABEL_CHARS)}: ${formatCount(step.value)}`, { bold: true }),
      `<rect class="chart-bar" x="${PAD}" y="${num(top + BAR_Y)}" width="${num(width)}" height="${BAR_HEIGHT}" fill="${colour}"/>`,
    ];
    const previous = steps[index - 1];
    if (previous) {
      const previousLabel = truncate(lower(previous.label), MAX_LABEL_CHARS);
      const share = previous.value > 0 ? `${formatPercent(step.value / previous.value)} of ${previousLabel}` : `No ${previousLabel} to compare with`;
      parts.push(svgText(PAD, top + SHARE_Y, share, { size: SMALL_FONT_SIZE }));
    }
    return parts;
  });

  return svgDocument(PAD / 2 + steps.length * ROW_HEIGHT - NO_SHARE_SAVING, label, body);
}
