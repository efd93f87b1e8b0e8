import { describe, expect, it } from 'vitest';
import type { Incident } from '../../schemas/incident.ts';
import { incidentsForTask, phaseOf, summarise, taskState } from './state.ts';

function incident(fields: Partial<Incident> & Pick<Incident, 'id'>): Incident {
  return {
    title: 'Something is wrong', affects: ['pay-a-bill'], impact: 'down', status: 'investigating', started: '2026-11-20T09:00:00Z',
    workaround: 'Call 01632 960 000.', updates: [{ at: '2026-11-20T09:00:00Z', text: 'Looking.' }], ...fields,
  };
}

const now = new Date('2026-11-20T12:00:00Z');
const down = incident({ id: 'down' });
const degradedAll = incident({ id: 'degraded-all', impact: 'degraded', affects: ['all'], started: '2026-11-20T10:00:00Z' });
const planned = incident({ id: 'planned', impact: 'planned', status: 'identified', affects: ['report-a-pothole'], scheduled: { from: '2026-11-22T08:00:00Z', to: '2026-11-22T11:00:00Z' } });
const resolved = incident({ id: 'resolved', status: 'resolved', started: '2026-11-01T09:00:00Z', resolved: '2026-11-01T10:00:00Z' });
const ancient = incident({ id: 'ancient', status: 'resolved', started: '2026-06-01T09:00:00Z', resolved: '2026-06-01T10:00:00Z' });

describe('incident state', () => {
  it('puts planned work through upcoming, in progress and finished', () => {
    expect(phaseOf(planned, now)).toBe('upcoming');
    expect(phaseOf(planned, new Date('2026-11-22T09:00:00Z'))).toBe('in-progress');
    expect(phaseOf(planned, new Date('2026-11-22T11:00:00Z'))).toBe('finished');
    expect(phaseOf(resolved, now)).toBe('finished');
  });

  it('gives each task its worst state', () => {
    const all = [down, degradedAll, planned, resolved];
    expect(taskState(all, 'pay-a-bill', now)).toBe('down');
    expect(taskState(all, 'report-a-pothole', now)).toBe('degraded');
    expect(taskState([planned], 'report-a-pothole', now)).toBe('planned');
    expect(taskState([planned], 'report-a-pothole', new Date('2026-11-22T09:00:00Z'))).toBe('down');
    expect(taskState([resolved], 'pay-a-bill', now)).toBe('working');
    expect(incidentsForTask(all, 'pay-a-bill', now).map((item) => item.id)).toEqual(['down', 'degraded-all']);
  });

  it('lists open first, then planned, then 90 days of history', () => {
    const summary = summarise([ancient, resolved, planned, degradedAll, down], now);
    expect(summary.open.map((item) => item.id)).toEqual(['down', 'degraded-all']);
    expect(summary.planned.map((item) => item.id)).toEqual(['planned']);
    expect(summary.history.map((item) => item.id)).toEqual(['resolved']);
    expect(summary.anyDown).toBe(true);
    expect(summarise([degradedAll, planned], now).anyDown).toBe(false);
  });
});
