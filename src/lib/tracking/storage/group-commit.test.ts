/**
 * Group commit shares one transaction between requests; a value the database refuses
 * must fail only the request that sent it. Runs on SQLite, and on PostgreSQL when
 * DATABASE_URL is set.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../schemas/events.ts';
import { createEventStore } from './event-store.ts';
import { openPostgres } from './postgres.ts';
import { openSqlite } from './sqlite.ts';
import { StorageRejectedError, type SqlDriver } from './types.ts';

const dir = mkdtempSync(join(tmpdir(), 'taskfront-group-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const poisons: { name: string; event: () => StoredEvent; stores: string[] }[] = [
  // Validation refuses both at the API; these reach the store only if something skips it.
  { name: 'a missing day (NOT NULL)', event: () => ({ id: randomUUID(), type: 'task_view', task: 'a', day: null }) as unknown as StoredEvent, stores: ['sqlite', 'postgres'] },
  { name: 'a NUL in a query', event: () => ({ id: randomUUID(), type: 'search', query: 'council\u0000tax', results: 1, day: '2026-11-23' }) as StoredEvent, stores: ['postgres'] },
];

const adapters: { name: string; open: () => Promise<SqlDriver> }[] = [{ name: 'sqlite', open: async () => openSqlite(join(dir, `${randomUUID()}.sqlite`), { watchIntervalMs: 0 }) }];
if (process.env.DATABASE_URL) adapters.push({ name: 'postgres', open: () => openPostgres(process.env.DATABASE_URL!) });

describe.each(adapters)('group commit on $name', ({ name, open }) => {
  it.each(poisons.filter((poison) => poison.stores.includes(name)))('fails only the request with $name', async ({ event }) => {
    const driver = await open();
    const store = createEventStore(driver);
    try {
      const good = Array.from({ length: 40 }, () => [{ id: randomUUID(), type: 'task_view', task: 'group-commit', day: '2026-11-23' } as StoredEvent]);
      const outcomes = await Promise.allSettled([...good.slice(0, 20).map((events) => store.insert(events)), store.insert([event()]), ...good.slice(20).map((events) => store.insert(events))]);
      const poisoned = outcomes[20]!;
      expect(poisoned.status).toBe('rejected');
      expect((poisoned as PromiseRejectedResult).reason).toBeInstanceOf(StorageRejectedError);
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(1);
      const stored = new Set((await driver.all("SELECT id FROM events WHERE task = 'group-commit'", [])).map((row) => String(row.id)));
      expect(good.every(([goodEvent]) => stored.has(goodEvent!.id))).toBe(true);
      // The database was never thought unavailable.
      expect(driver.health!().ok).toBe(true);
    } finally {
      await store.close();
    }
  });
});
