import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadIncidents } from '../incidents/load-incidents.ts';
import { incidentsForTask } from '../incidents/state.ts';
import { INCIDENT_STATE, portalStates } from './states.ts';

const dir = mkdtempSync(join(tmpdir(), 'taskfront-states-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the live incident state', () => {
  it('exists only when the audit may write to the portal’s incidents folder', () => {
    expect(portalStates('pay-your-council-tax').some((state) => state.label === INCIDENT_STATE)).toBe(false);
    expect(portalStates(null, { incidentsDir: dir }).some((state) => state.label === INCIDENT_STATE)).toBe(false);
    const state = portalStates('pay-your-council-tax', { incidentsDir: dir }).find((item) => item.label === INCIDENT_STATE);
    expect(state?.path).toBe('/pay-your-council-tax');
    expect(state?.publish).toBeDefined();
  });

  it('publishes a valid "down" incident for its task, waits for the page to show it, and removes it after', async () => {
    const state = portalStates('pay-your-council-tax', { incidentsDir: dir }).find((item) => item.label === INCIDENT_STATE)!;
    // Stands in for the portal: the page shows the banner of whatever incident file is in the folder.
    const asked: string[] = [];
    const server = createServer((request, response) => {
      asked.push(request.url ?? '');
      const ids = readdirSync(dir).map((name) => name.replace(/\.md$/, ''));
      response.end(`<main>${ids.map((id) => `<div data-incident="${id}"></div>`).join('')}</main>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await state.publish!.before(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
      const loaded = loadIncidents(dir);
      expect(loaded.problems).toEqual([]);
      const live = incidentsForTask(loaded.incidents, 'pay-your-council-tax', new Date());
      expect(live.map((incident) => incident.impact)).toEqual(['down']);
      expect(live[0]!.workaround).toMatch(/01632 960 000/);
      expect(asked).toContain('/pay-your-council-tax');
      await state.publish!.after();
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('fails, naming the folder, when it cannot write the incident there', async () => {
    const state = portalStates('pay-your-council-tax', { incidentsDir: join(dir, 'missing') }).find((item) => item.label === INCIDENT_STATE)!;
    await expect(state.publish!.before('http://127.0.0.1:9')).rejects.toThrow(/missing/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});
