import { describe, expect, it } from 'vitest';
import { WIDE_WIDTH, type Shape } from './svg.ts';
import { expectSoundDrawing } from './test-helpers.ts';
import { trendDrawing } from './trend.ts';

const month = Array.from({ length: 28 }, (_, index) => ({ day: `2026-11-${String(index + 3).padStart(2, '0')}`, views: 20, starts: 10, completions: index >= 9 && index <= 10 ? 0 : 8 }));
type Rect = Extract<Shape, { kind: 'rect' }>;

describe('incident periods on the trend', () => {
  it('shades the days of each incident behind the lines and names it in the text alternative', () => {
    const drawing = trendDrawing({ title: 'Pay your council tax', days: month, incidents: [{ from: '2026-11-12', to: '2026-11-13', title: 'Card payments were not working' }] }, WIDE_WIDTH);
    expectSoundDrawing(drawing);
    const bands = drawing.shapes.filter((shape): shape is Rect => shape.kind === 'rect');
    expect(bands).toHaveLength(1);
    // Drawn before the lines, so the lines stay on top.
    expect(drawing.shapes.indexOf(bands[0]!)).toBeLessThan(drawing.shapes.findIndex((shape) => shape.kind === 'polyline'));
    expect(drawing.label).toContain('Shaded: days with a problem with the service: Card payments were not working (12 Nov to 13 Nov 2026).');
  });

  it('leaves out incidents outside the period, and clips one that runs past it', () => {
    const drawing = trendDrawing({ title: 'T', days: month, incidents: [{ from: '2026-10-01', to: '2026-10-02', title: 'Old' }, { from: '2026-11-29', to: '2026-12-05', title: 'Late' }] }, WIDE_WIDTH);
    expect(drawing.shapes.filter((shape) => shape.kind === 'rect')).toHaveLength(1);
    expect(drawing.label).not.toContain('Old');
    expect(drawing.label).toContain('Late (29 Nov to 30 Nov 2026)');
    expect(trendDrawing({ title: 'T', days: month }, WIDE_WIDTH).shapes.some((shape) => shape.kind === 'rect')).toBe(false);
  });
});
