/**
 * Vitest global setup for the site suites: builds the demo portal once.
 * TASKFRONT_REUSE_BUILD=1 skips the build when dist/ exists (for quick local reruns).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');

export default function setup() {
  if (process.env.TASKFRONT_REUSE_BUILD === '1' && existsSync(join(ROOT, 'dist/server/entry.mjs'))) return;
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', TASKFRONT_CONTENT_DIR: '' },
  });
  if (result.status !== 0) {
    throw new Error(`The demo portal did not build:\n${result.stdout}\n${result.stderr}`);
  }
}
