/**
 * Vitest global setup for the site suites: builds the demo portal once.
 * TASKFRONT_REUSE_BUILD=1 skips the build when dist/ exists (for quick local reruns).
 */
import { join } from 'node:path';
import { buildPortal, hasBuild } from '../../src/lib/portal/portal.ts';

const ROOT = join(import.meta.dirname, '../..');

export default function setup() {
  if (process.env.TASKFRONT_REUSE_BUILD === '1' && hasBuild(ROOT)) return;
  // The demo content, whatever the calling shell has set.
  buildPortal({ root: ROOT, env: { TASKFRONT_CONTENT_DIR: '' } });
}
