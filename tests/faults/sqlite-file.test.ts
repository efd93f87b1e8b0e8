/**
 * SQLite files that disappear or stop taking writes under a running server:
 * deleted under load (no 204 lost), a full disk on a small tmpfs, and a folder
 * read-only when the server starts that becomes writable. Nothing needs a restart.
 * The tmpfs tests need permission to mount; where it is refused they are skipped
 * with the reason.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { report, tally } from './helpers/figures.ts';
import { acknowledged, recoveryAfter, sleep, startLoad, until } from './helpers/load.ts';
import { logLines, portalOn } from './helpers/portal.ts';

const dir = mkdtempSync(join(tmpdir(), 'taskfront-fault-sqlite-'));
const mounts: string[] = [];
afterAll(() => {
  for (const mount of mounts) spawnSync('umount', [mount]);
  rmSync(dir, { recursive: true, force: true });
});

/** Mounts a tmpfs of `size` at a new folder, or says why it cannot. */
function tmpfs(size: string): { path: string } | { skip: string } {
  const path = join(dir, `tmpfs-${mounts.length}`);
  mkdirSync(path);
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', path], { encoding: 'utf8' });
  if (result.status !== 0) return { skip: `cannot mount a tmpfs here (${(result.stderr || result.error?.message || 'refused').trim()}); run as root on a machine that allows mounting` };
  mounts.push(path);
  return { path };
}
const canMount = (() => {
  const probe = tmpfs('1m');
  return 'skip' in probe ? probe.skip : undefined;
})();

describe('SQLite file faults', () => {
  it('deleted under load: the file is written back, no 204 lost', async () => {
    const path = join(dir, 'deleted', 'taskfront.sqlite');
    const portal = await portalOn({ kind: 'sqlite', path });
    const load = startLoad(portal.url, { clients: 8, maxMs: 30_000 });
    // The store opens on the first request: on a busy machine that can take longer than any fixed wait.
    await until(() => acknowledged(load.samples).length >= 10, 20_000);
    const deletedAt = load.now();
    // As `rm data/taskfront.sqlite*` would.
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    await sleep(1_000);
    await until(() => acknowledged(load.samples.filter((sample) => sample.at >= deletedAt)).length >= 40, 20_000);
    const samples = await load.stop();
    await portal.stop();

    const { acked, stored, figures } = await tally({ kind: 'sqlite', path }, samples);
    const afterDeletion = acknowledged(samples.filter((sample) => sample.at >= deletedAt)).length;
    report({
      fault: 'SQLite file deleted under load',
      store: 'sqlite',
      ...figures,
      recoveryMs: recoveryAfter(samples, deletedAt),
      note: `${afterDeletion} acknowledged after the deletion`,
    });
    expect(portal.output()).toContain('the file was deleted while open');
    expect(afterDeletion).toBeGreaterThanOrEqual(40);
    expect(stored.size).toBe(acked.length);
  });

  it.skipIf(canMount)(`full disk on a small tmpfs: 503 with the real cause logged once, recovers when space is freed${canMount ? ` (skipped: ${canMount})` : ''}`, async () => {
    const mount = tmpfs('8m') as { path: string };
    const path = join(mount.path, 'taskfront.sqlite');
    const portal = await portalOn({ kind: 'sqlite', path });
    const load = startLoad(portal.url, { clients: 8, maxMs: 60_000 });
    await sleep(500);
    // Leave about 256 KB: the load fills it within seconds.
    const filler = join(mount.path, 'filler');
    const free = Number(execFileSync('df', ['--output=avail', '-B1', mount.path], { encoding: 'utf8' }).trim().split('\n')[1]);
    writeFileSync(filler, Buffer.alloc(Math.max(0, free - 256 * 1024)));
    const fullAt = load.now();
    let fullFor = 0;
    while (load.now() - fullAt < 20_000 && fullFor < 2_000) {
      await sleep(100);
      fullFor = load.samples.some((sample) => sample.status === 503) ? fullFor + 100 : 0;
    }
    const freedAt = load.now();
    rmSync(filler);
    await sleep(2_000);
    const samples = await load.stop();
    await portal.stop();

    const { acked, stored, figures } = await tally({ kind: 'sqlite', path }, samples);
    const refused = samples.filter((sample) => sample.status === 503).length;
    const fullLines = logLines(portal, /^storage: .*\[SQLITE_FULL\]/);
    report({
      fault: 'full disk (8 MB tmpfs)',
      store: 'sqlite',
      ...figures,
      recoveryMs: recoveryAfter(samples, freedAt),
      note: `${fullLines.length} SQLITE_FULL log line(s) for ${refused} refusals`,
    });
    expect(refused).toBeGreaterThan(0);
    expect(portal.output()).not.toContain('cannot rollback');
    expect(fullLines.length).toBeGreaterThanOrEqual(1);
    expect(fullLines.length).toBeLessThanOrEqual(3);
    expect(recoveryAfter(samples, freedAt)).toBeLessThan(5_000);
    expect(stored.size).toBe(acked.length);
  });

  it.skipIf(canMount)(`read-only when the server starts, writable later: recovers without a restart${canMount ? ` (skipped: ${canMount})` : ''}`, async () => {
    const mount = tmpfs('8m') as { path: string };
    const path = join(mount.path, 'taskfront.sqlite');
    // A database made earlier, then the file system is read-only as the server starts.
    const first = await portalOn({ kind: 'sqlite', path });
    await fetch(`${first.url}/search?q=council+tax`);
    await first.stop();
    execFileSync('mount', ['-o', 'remount,ro', mount.path]);
    const portal = await portalOn({ kind: 'sqlite', path });
    const load = startLoad(portal.url, { clients: 4, maxMs: 30_000 });
    await sleep(1_500);
    const writableAt = load.now();
    execFileSync('mount', ['-o', 'remount,rw', mount.path]);
    // Wait for writes to be taken again, not a fixed time: a busy machine answers slowly.
    await until(() => acknowledged(load.samples.filter((sample) => sample.at >= writableAt)).length >= 5, 15_000);
    const samples = await load.stop();
    await portal.stop();

    const { acked, stored, figures } = await tally({ kind: 'sqlite', path }, samples);
    const refusedWhileReadOnly = samples.filter((sample) => sample.status === 503 && sample.at < writableAt).length;
    const readOnlyLines = logLines(portal, /^storage: .*\[(SQLITE_READONLY|EROFS|SQLITE_CANTOPEN)\]/);
    report({
      fault: 'read-only at start, then writable',
      store: 'sqlite',
      ...figures,
      recoveryMs: recoveryAfter(samples, writableAt),
      note: `${refusedWhileReadOnly} refused while read-only; ${readOnlyLines.length} storage log line(s) about it`,
    });
    expect(refusedWhileReadOnly).toBeGreaterThan(0);
    expect(readOnlyLines.length).toBeGreaterThanOrEqual(1);
    expect(readOnlyLines.length).toBeLessThanOrEqual(3);
    expect(recoveryAfter(samples, writableAt)).toBeLessThan(5_000);
    expect(stored.size).toBe(acked.length);
  });
});
