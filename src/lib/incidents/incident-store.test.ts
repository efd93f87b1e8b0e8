import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createIncidentStore } from './incident-store.ts';

const FIXTURE = join(import.meta.dirname, '../../../tests/fixtures/incidents/valid/2026-11-20-card-payments-down.md');

describe('the live incident store', () => {
  it('sees a new file through the watcher, and keeps the last good version of a broken one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'incidents-'));
    const log = vi.fn();
    const store = createIncidentStore({ dir, log });
    try {
      expect(store.incidents()).toEqual([]);
      const before = store.version();
      writeFileSync(join(dir, '2026-11-20-card-payments-down.md'), readFileSync(FIXTURE));
      await vi.waitFor(() => expect(store.incidents().map((incident) => incident.id)).toEqual(['2026-11-20-card-payments-down']), { timeout: 5000 });
      expect(store.version()).toBe(before + 1);
      writeFileSync(join(dir, '2026-11-20-card-payments-down.md'), '---\ntitle: [broken\n---\n');
      await vi.waitFor(() => expect(log).toHaveBeenCalled(), { timeout: 5000 });
      expect(String(log.mock.calls[0]?.[0])).toMatch(/last good version/);
      expect(store.incidents()).toHaveLength(1);
      rmSync(join(dir, '2026-11-20-card-payments-down.md'));
      await vi.waitFor(() => expect(store.incidents()).toEqual([]), { timeout: 5000 });
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds a change by polling when watching is off', () => {
    const dir = mkdtempSync(join(tmpdir(), 'incidents-'));
    const store = createIncidentStore({ dir, watch: false });
    try {
      writeFileSync(join(dir, '2026-11-20-card-payments-down.md'), readFileSync(FIXTURE));
      expect(store.incidents()).toEqual([]);
      // What the poll timer calls.
      expect(store.refresh()).toBe(true);
      expect(store.incidents()).toHaveLength(1);
      expect(store.refresh()).toBe(false);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
