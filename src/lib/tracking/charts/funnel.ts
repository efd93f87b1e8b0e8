/**
 * Funnel chart geometry: one horizontal bar per step (views, starts, completions),
 * each with its label and value in words, and under every bar after the first its
 * share of the step before ("67% of views"), so it reads without colour. A share
 * follows the published-figure rules: withheld below the minimum sample, and never
 * shown above 100%.
 */
import { t } from '../../../i18n/t.ts';
import { rate, ratio } from '../stats/format.ts';
import { CHART_COLOURS, charsThatFit, emptyDrawing, formatCount, oneLine, safeCount, SMALL_FONT_SIZE, text, truncate, type Drawing, type Shape } from './svg.ts';

interface FunnelStep {
  label: string;
  value: number;
}

export interface FunnelInput {
  /** What the funnel is for, e.g. the task title "Pay your council tax". */
  title: string;
  steps: FunnelStep[];
  /** A share of the step before is shown only when that step has at least this many. */
  minSample: number;
}

const PAD = 16;
const ROW_HEIGHT = 92;
const LABEL_Y = 20;
const BAR_Y = 30;
const BAR_HEIGHT = 28;
const SHARE_Y = BAR_Y + BAR_HEIGHT + 22;
/** The first step has no share line, so its row is this much shorter. */
const NO_SHARE_SAVING = 24;

const lower = (label: string) => label.toLocaleLowerCase('en-GB');

/** The words under a bar: its share of the step before, or why there is none. */
function shareText(value: number, previous: FunnelStep, minSample: number, label: string): string {
  const previousLabel = lower(previous.label);
  if (previous.value > 0 && value > previous.value) return t('charts.funnel.moreThan', { label: lower(label), previous: previousLabel });
  const share = rate(ratio(value, previous.value, minSample));
  return share.state === 'value'
    ? t('charts.funnel.share', { share: share.text, previous: previousLabel })
    : t('charts.funnel.noShare', { previous: previousLabel, reason: share.text });
}

export function funnelDrawing(input: FunnelInput, width: number): Drawing {
  const steps = input.steps.map((step) => ({ label: String(step.label), value: safeCount(step.value) }));
  const label = steps.length === 0
    ? t('charts.funnel.empty', { title: input.title })
    : t('charts.funnel.label', { title: input.title, steps: steps.map((step) => `${formatCount(step.value)} ${lower(step.label)}`).join(', ') });
  if (steps.length === 0) return emptyDrawing(width, oneLine(label));

  const max = Math.max(...steps.map((step) => step.value));
  const fullWidth = width - 2 * PAD;
  const labelChars = charsThatFit(fullWidth);
  const shareChars = charsThatFit(fullWidth, SMALL_FONT_SIZE);

  const shapes = steps.flatMap((step, index): Shape[] => {
    const top = PAD / 2 + index * ROW_HEIGHT - (index > 0 ? NO_SHARE_SAVING : 0);
    const value = formatCount(step.value);
    // The value is never cut: only the label gives way.
    const room = Math.max(1, labelChars - value.length - 2);
    const parts: Shape[] = [
      text(PAD, top + LABEL_Y, `${truncate(step.label, room)}: ${value}`, { bold: true }),
      { kind: 'bar', x: PAD, y: top + BAR_Y, width: max > 0 ? (step.value / max) * fullWidth : 0, height: BAR_HEIGHT, fill: CHART_COLOURS[index % CHART_COLOURS.length] ?? CHART_COLOURS[0] },
    ];
    const previous = steps[index - 1];
    if (previous) parts.push(text(PAD, top + SHARE_Y, truncate(shareText(step.value, previous, input.minSample, step.label), shareChars), { size: SMALL_FONT_SIZE }));
    return parts;
  });

  return { width, height: PAD / 2 + steps.length * ROW_HEIGHT - NO_SHARE_SAVING, label: oneLine(label), shapes };
}

