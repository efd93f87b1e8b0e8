/**
 * Checks every content file with the same loader the command-line tools use, and
 * stops the build with one clear list before Astro bundles or writes anything. The
 * content it checks is shared (sharedContent) with the collections' loader and the
 * catalogue, so the build reads each file once: the catalogue reads it on a thread of
 * its own as the build starts (issue 17), and this check waits for that read. Astro's
 * own collection errors name the entry but not always the line or the fix, and cannot
 * see links between files (related tasks, topics, an empty folder).
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import type { ContentData } from '../lib/content/load-content.ts';
import { contentDir } from '../lib/content/paths.ts';
import { errorsOf, formatProblem } from '../lib/content/problem.ts';
import { releaseSharedContent, sharedContentReady } from '../lib/content/shared-content.ts';

export class ContentError extends Error {
  constructor(lines: string[]) {
    super(`Content has ${lines.length} problem${lines.length === 1 ? '' : 's'}. Fix ${lines.length === 1 ? 'it' : 'them'} and build again:\n${lines.map((line) => `  ${line}`).join('\n')}`);
    this.name = 'ContentError';
  }
}

export function assertContentValid(content: ContentData): void {
  const errors = errorsOf(content);
  if (errors.length) throw new ContentError(errors.map(formatProblem));
}

export default function contentGuard(): AstroIntegration {
  let cwd = '';
  return {
    name: 'taskfront:content-guard',
    hooks: {
      'astro:config:setup': ({ config }) => {
        cwd = fileURLToPath(config.root);
      },
      // In dev an editor is mid-change; Astro shows the page error instead of stopping the server. What is checked
      // here is the content Astro has synced its collections from, so what every page is built from; nothing is
      // bundled or written before this hook.
      'astro:build:start': async () => {
        const options = { root: contentDir(cwd), cwd };
        assertContentValid(await sharedContentReady(options));
        // Astro has the content in its collections, and the catalogue has what it needs of it.
        releaseSharedContent(options);
      },
    },
  };
}
