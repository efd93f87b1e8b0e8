/**
 * Checks every content file with the same loader the command-line tools use,
 * before Astro builds anything. The content it reads is shared (sharedContent) with
 * the collections' loader and the catalogue, so the build reads each file once. Astro's own collection errors name the entry but
 * not always the line or the fix, and cannot see links between files (related
 * tasks, topics, an empty folder), so this stops the build with one clear list.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { errorsOf, formatProblem, holdSharedContent, sharedContent } from '../lib/content/load-content.ts';
import { contentDir } from '../lib/content/paths.ts';

export class ContentError extends Error {
  constructor(lines: string[]) {
    super(`Content has ${lines.length} problem${lines.length === 1 ? '' : 's'}. Fix ${lines.length === 1 ? 'it' : 'them'} and build again:\n${lines.map((line) => `  ${line}`).join('\n')}`);
    this.name = 'ContentError';
  }
}

export function assertContentValid(root: string, cwd: string, { hold = false } = {}): void {
  const errors = errorsOf(hold ? holdSharedContent({ root, cwd }) : sharedContent({ root, cwd }));
  if (errors.length) throw new ContentError(errors.map(formatProblem));
}

export default function contentGuard(): AstroIntegration {
  return {
    name: 'taskfront:content-guard',
    hooks: {
      'astro:config:setup': ({ config, command }) => {
        const cwd = fileURLToPath(config.root);
        // In dev an editor is mid-change; Astro shows the page error instead of stopping the server.
        // A build reads the content once: what is read here is what every page is built from.
        if (command === 'build') assertContentValid(contentDir(cwd), cwd, { hold: true });
      },
    },
  };
}
