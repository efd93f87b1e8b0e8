/**
 * Global setup for npm run test:faults: builds the portal once (TASKFRONT_REUSE_BUILD=1
 * reuses dist/), and at the end prints every fault's figures as one table.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildPortal, hasBuild } from '../../src/lib/portal/portal.ts';
import { formatFigures, type FaultFigures } from './helpers/figures.ts';

const ROOT = join(import.meta.dirname, '../..');

export default function setup(project: TestProject) {
  if (!(process.env.TASKFRONT_REUSE_BUILD === '1' && hasBuild(ROOT))) buildPortal({ root: ROOT, env: { TASKFRONT_CONTENT_DIR: '' } });
  const dir = mkdtempSync(join(tmpdir(), 'taskfront-fault-figures-'));
  const file = join(dir, 'figures.jsonl');
  project.provide('faultFiguresFile', file);
  return () => {
    const lines = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : [];
    const figures = lines.map((line) => JSON.parse(line) as FaultFigures);
    console.log(`\nFault figures (${figures.length}):\n${figures.map((row) => `  ${formatFigures(row)}`).join('\n') || '  none recorded'}\n`);
    rmSync(dir, { recursive: true, force: true });
  };
}
