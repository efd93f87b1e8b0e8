/**
 * SIGTERM under load, on both stores: the server stops accepting, finishes what it
 * has, commits and closes the store and exits 0 within 10 s; every event it
 * acknowledged is stored.
 */
import { describe, expect, it } from 'vitest';
import { report, tally } from './helpers/figures.ts';
import { acknowledged, sleep, startLoad, until } from './helpers/load.ts';
import { exited, portalOn } from './helpers/portal.ts';
import { bothStores } from './helpers/stores.ts';

const { cases: targets, postgres } = await bothStores('sigterm');

describe.each(targets)('SIGTERM under load ($name)', ({ name, target }) => {
  it.skipIf(name === 'postgres' && 'skip' in postgres)(`stops cleanly, exit 0 within 10 s, every 204 stored${'skip' in postgres ? ` (PostgreSQL skipped: ${postgres.skip})` : ''}`, async () => {
    const store = await target();
    const portal = await portalOn(store);
    const load = startLoad(portal.url, { clients: 12, maxMs: 30_000 });
    await sleep(1_000);
    await until(() => acknowledged(load.samples).length >= 60, 20_000);
    const exit = exited(portal.process);
    const signalledAt = load.now();
    portal.process.kill('SIGTERM');
    const { code, signal, ms } = await exit;
    await sleep(300);
    const samples = await load.stop();

    const { acked, stored, figures } = await tally(store, samples);
    const inFlightAtSignal = samples.filter((sample) => sample.at < signalledAt && sample.at + sample.ms > signalledAt);
    report({
      fault: 'SIGTERM under load',
      store: name,
      ...figures,
      note: `exit ${code ?? signal} after ${(ms / 1000).toFixed(2)} s; ${inFlightAtSignal.filter((sample) => sample.status !== 0).length} of ${inFlightAtSignal.length} requests in flight at the signal were answered`,
    });
    expect(portal.output()).toContain('SIGTERM: stopped cleanly');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    expect(acked.length).toBeGreaterThanOrEqual(60);
    expect(stored.size).toBe(acked.length);
  });
});
