/** How many task or topic files a content folder holds, counted by the loader's one inclusion rule. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { contentFileKind } from '../content/paths.ts';

export function countEntries(root: string, folder: 'tasks' | 'topics'): number {
  const dir = join(root, folder);
  return existsSync(dir) ? readdirSync(dir).filter((name) => contentFileKind(name) === 'entry').length : 0;
}
