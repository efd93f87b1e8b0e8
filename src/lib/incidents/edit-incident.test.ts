import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IncidentInputError, newIncidentId, openIncident, parseWhen, readIncidentFile, renderIncidentFile, resolveIncident, updateIncident } from './edit-incident.ts';
import { parseIncident } from './load-incidents.ts';

const t0 = new Date('2026-11-26T09:00:00Z');
const open = () => openIncident({ title: 'Paying council tax online is not working', affects: ['pay-your-council-tax'], impact: 'down', workaround: 'Pay by phone on 01632 960 200.' }, t0);

describe('editing incidents', () => {
  it('opens, updates and resolves, newest update first', () => {
    const updated = updateIncident(open(), { text: 'Our card provider has a fault.', status: 'identified', nextUpdate: '2026-11-26T12:00:00Z' }, new Date('2026-11-26T10:00:00Z'));
    const done = resolveIncident(updated, 'Payments work again.', new Date('2026-11-26T11:30:00Z'));
    expect(done.status).toBe('resolved');
    expect(done.resolved).toBe('2026-11-26T11:30:00Z');
    expect(done.nextUpdate).toBeUndefined();
    expect(done.updates.map((update) => update.at)).toEqual(['2026-11-26T11:30:00Z', '2026-11-26T10:00:00Z', '2026-11-26T09:00:00Z']);
    // The file it writes reads back as the same incident.
    const parsed = parseIncident(renderIncidentFile(done), 'x', 'x.md');
    expect(parsed.problems).toEqual([]);
    expect(parsed.incident?.updates[0]?.text).toBe('Payments work again.');
  });

  it('never puts an update out of order when the clock goes back', () => {
    const updated = updateIncident(open(), { text: 'Later news.' }, new Date('2026-11-26T08:00:00Z'));
    expect(updated.updates[0]?.at).toBe('2026-11-26T09:00:00Z');
  });

  it('refuses what the schema refuses, saying which field', () => {
    expect(() => openIncident({ title: '', affects: [], impact: 'planned', workaround: 'x' }, t0)).toThrow(IncidentInputError);
    try {
      openIncident({ title: 'Upgrade', affects: ['pay-your-council-tax'], impact: 'planned', workaround: 'x' }, t0);
    } catch (error) {
      expect((error as IncidentInputError).problems).toContain('scheduled: is missing: planned work needs scheduled.from and scheduled.to');
    }
    const done = resolveIncident(open(), 'Fixed.', t0);
    expect(() => updateIncident(done, { text: 'More' }, t0)).toThrow(/resolved; to say more, open a new incident/);
  });

  it('names files by date and title, never over another', () => {
    const dir = mkdtempSync(join(tmpdir(), 'incidents-'));
    const id = newIncidentId('Paying council tax online is not working!', t0, dir);
    expect(id).toBe('2026-11-26-paying-council-tax-online-is-not');
    writeFileSync(join(dir, `${id}.md`), renderIncidentFile(open()));
    expect(newIncidentId('Paying council tax online is not working!', t0, dir)).toBe(`${id}-2`);
    expect(readIncidentFile(join(dir, `${id}.md`), id).data.title).toBe('Paying council tax online is not working');
    expect(() => readIncidentFile(join(dir, 'nope.md'), 'nope')).toThrow(/there is no incident "nope"/);
  });

  it('reads "next update" as a time or a span from now', () => {
    expect(parseWhen('2h', t0)).toBe('2026-11-26T11:00:00Z');
    expect(parseWhen('30m', t0)).toBe('2026-11-26T09:30:00Z');
    expect(parseWhen('2026-11-26T18:00:00+00:00', t0)).toBe('2026-11-26T18:00:00+00:00');
    expect(parseWhen('tomorrow', t0)).toBeUndefined();
    expect(parseWhen('2026-11-26 18:00', t0)).toBeUndefined();
  });
});
