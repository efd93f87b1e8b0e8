/**
 * Makes the catalogue the server needs (task slugs, titles and start URLs; the
 * search documents, synonyms and best bets) a virtual module, built from the content
 * the build has already read (sharedContent). The server imports it to answer /search
 * and /api/search; the build writes the browser's copy to /search-index.json.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { sharedContent } from '../lib/content/load-content.ts';
import { contentDir } from '../lib/content/paths.ts';
import { setting } from '../lib/settings/load-settings.ts';
import { browserSearchData, searchDataFor } from '../lib/search/search-data.ts';

const MODULE_ID = 'virtual:taskfront/catalogue';
const RESOLVED_ID = `\0${MODULE_ID}`;

/** Above this compressed size the browser asks /api/search instead of downloading the index. */
export function browserIndexLimitKb(env: NodeJS.ProcessEnv = process.env): number {
  return setting('TASKFRONT_BROWSER_INDEX_MAX_KB', env);
}

export default function catalogue(): AstroIntegration {
  return {
    name: 'taskfront:catalogue',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        const root = fileURLToPath(config.root);
        const limitKb = browserIndexLimitKb();
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'taskfront-catalogue',
                resolveId: (id: string) => (id === MODULE_ID ? RESOLVED_ID : undefined),
                load(id: string) {
                  if (id !== RESOLVED_ID) return undefined;
                  const content = sharedContent({ root: contentDir(root), cwd: root });
                  const data = searchDataFor(content);
                  const browser = JSON.stringify(browserSearchData(data));
                  const browserKb = gzipSync(browser).length / 1024;
                  const mode = browserKb <= limitKb ? 'index' : 'api';
                  const tasks = content.tasks.map((task) => ({ slug: task.slug, title: task.title, topic: task.topic, kind: task.kind, startUrl: task.start?.url ?? null }));
                  return [
                    `export const tasks = ${JSON.stringify(tasks)};`,
                    `export const searchData = ${JSON.stringify(data)};`,
                    `export const browserIndex = ${browser};`,
                    `export const browserMode = ${JSON.stringify(mode)};`,
                  ].join('\n');
                },
              },
            ],
          },
        });
      },
    },
  };
}
