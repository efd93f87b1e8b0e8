/**
 * How published figures read on the dashboard and in the charts.
 *
 * A rate or average arrives as a Measure (value, n, tooFew). It reads as a number
 * only when it has enough sample and makes sense: a rate in 0..1, an average in its
 * scale. Anything else is shown as what it is ("too few to say (n = 3)", or
 * "cannot be shown: check the data"), never clamped into a believable number.
 */
import { t } from '../../../i18n/t.ts';
import type { Measure } from '../../../schemas/events.ts';

/** What a figure can be: a number worth showing, withheld for its sample, or impossible. */
type FigureState = 'value' | 'tooFew' | 'invalid';

export interface Figure {
  state: FigureState;
  /** The words to show: "67%", "4.3", "too few to say (n = 3)" or the error text. */
  text: string;
  /** The sample it comes from, shown beside every figure. */
  n: number;
}

/** The scale a measure lives on, so an impossible value is caught rather than shown. */
export interface Scale {
  min: number;
  max: number;
  /** Decimal places for an average; a rate is shown as a whole percentage. */
  digits: number;
  kind: 'rate' | 'average';
}

export const RATE: Scale = { min: 0, max: 1, digits: 0, kind: 'rate' };
/** Satisfaction: 1 (very dissatisfied) to 5 (very satisfied). */
export const RATING: Scale = { min: 1, max: 5, digits: 1, kind: 'average' };
/** Position of a clicked search result: 1 to 50. */
export const RANK: Scale = { min: 1, max: 50, digits: 1, kind: 'average' };

const countFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** "1,234". A count that is not a whole number of 0 or more cannot be shown. */
export function count(value: number): string {
  if (!Number.isFinite(value) || value < 0) return t('performance.figure.invalid');
  return countFormat.format(Math.round(value));
}

/** True when a value can be shown on its scale. */
function inScale(value: number, scale: Scale): boolean {
  return Number.isFinite(value) && value >= scale.min && value <= scale.max;
}

function valueText(value: number, scale: Scale): string {
  return scale.kind === 'rate' ? `${countFormat.format(Math.round(value * 100))}%` : value.toFixed(scale.digits);
}

/** One measure as it reads on the page. */
export function figure(measure: Measure, scale: Scale = RATE): Figure {
  const n = Number.isFinite(measure.n) && measure.n >= 0 ? measure.n : 0;
  if (!Number.isFinite(measure.n) || measure.n < 0) return { state: 'invalid', text: t('performance.figure.invalid'), n };
  if (measure.tooFew || measure.value === null) return { state: 'tooFew', text: t('performance.figure.tooFew', { n: count(n) }), n };
  if (!inScale(measure.value, scale)) return { state: 'invalid', text: t('performance.figure.invalid'), n };
  return { state: 'value', text: valueText(measure.value, scale), n };
}

/** A rate: "67%". */
export const rate = (measure: Measure): Figure => figure(measure, RATE);
/** Average satisfaction: "4.3". */
export const rating = (measure: Measure): Figure => figure(measure, RATING);

/** A rate worked out here (for example starts of views) with the same rules as a published one. */
export function ratio(part: number, whole: number, minSample: number): Measure {
  const tooFew = whole < minSample;
  return { value: whole > 0 && !tooFew ? part / whole : null, n: whole, tooFew };
}

type Direction = 'up' | 'down' | 'same' | 'unknown';

export interface Change {
  direction: Direction;
  /** The words that carry the meaning: "up 4 points", "down 0.3", "no change". */
  text: string;
  /** A decorative arrow, hidden from screen readers; empty when there is no change to show. */
  arrow: string;
}

const ARROWS: Record<Direction, string> = { up: '↑', down: '↓', same: '→', unknown: '' };

/**
 * The change since the previous period of the same length. Shown only when both
 * periods have enough sample and both values make sense on their scale.
 */
export function change(current: Measure, previous: Measure | undefined, scale: Scale = RATE): Change {
  const now = figure(current, scale);
  const before = previous ? figure(previous, scale) : undefined;
  if (now.state === 'invalid' || before?.state === 'invalid') return { direction: 'unknown', text: t('performance.change.invalid'), arrow: '' };
  if (!before || now.state !== 'value' || before.state !== 'value' || current.value === null || previous?.value == null) {
    return { direction: 'unknown', text: t('performance.change.tooFew'), arrow: '' };
  }
  // Compare what people see: whole points for rates, one decimal for averages.
  const difference = scale.kind === 'rate'
    ? Math.round(current.value * 100) - Math.round(previous.value * 100)
    : Math.round(current.value * 10 ** scale.digits) - Math.round(previous.value * 10 ** scale.digits);
  if (difference === 0) return { direction: 'same', text: t('performance.change.same'), arrow: ARROWS.same };
  const direction = difference > 0 ? 'up' : 'down';
  const size = Math.abs(difference);
  const amount = scale.kind === 'rate'
    ? t(size === 1 ? 'performance.change.point' : 'performance.change.points', { n: size })
    : (size / 10 ** scale.digits).toFixed(scale.digits);
  return { direction, text: t(direction === 'up' ? 'performance.change.up' : 'performance.change.down', { amount }), arrow: ARROWS[direction] };
}
