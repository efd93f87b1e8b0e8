import { describe, expect, it } from 'vitest';
import { measure, treeRssMb } from './spawn.ts';

describe('measure: peak memory of a command and the processes it starts', () => {
  it('counts a child process’s memory with its parent’s, where GNU time sees only the larger one', async () => {
    // The parent holds 200 MB while it runs a child that holds 200 MB for a second.
    const child = 'const b = Buffer.alloc(200 * 1024 * 1024, 1); setTimeout(() => b.length, 1000);';
    const parent = `const b = Buffer.alloc(200 * 1024 * 1024, 1); require('node:child_process').spawnSync(process.execPath, ['-e', ${JSON.stringify(child)}]); b.length;`;
    const run = await measure(process.execPath, ['-e', parent]);
    expect(run.code).toBe(0);
    // Each process alone is 200 MB and Node's own 40 to 60; together at least 400.
    expect(run.peakMb).toBeGreaterThan(400);
  });

  it('reads this process’s resident memory from /proc, and nothing for a process that is not there', () => {
    const mine = treeRssMb(process.pid)!;
    expect(mine).toBeGreaterThan(process.memoryUsage().rss / 1024 / 1024 / 2);
    expect(treeRssMb(2 ** 22 + 1)).toBeNull();
  });
});
