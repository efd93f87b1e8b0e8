/**
 * The content collections' loader: it hands Astro the tasks and topics our own loader
 * has already read and checked (sharedContent), instead of Astro reading the folders
 * again with its own file rule. One read, one inclusion rule, one schema check.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ContentData } from './load-content.ts';
import { CONTACT_FILE, contentDir } from './paths.ts';
import { formatProblem } from './problem.ts';
import { sharedContentHeld, sharedContentReady } from './shared-content.ts';
import { linkPhonesInHtml } from './phone-numbers.ts';

export type CollectionName = 'tasks' | 'topics' | 'journeys' | 'contact';

/** What a collection watches in `astro dev`, under the content folder. */
const WATCHED: Record<CollectionName, string> = { tasks: 'tasks', topics: 'topics', journeys: 'journeys', contact: CONTACT_FILE };

export function contentLoader(collection: CollectionName): Loader {
  return {
    name: `taskfront:${collection}`,
    async load(context) {
      const cwd = fileURLToPath(context.config.root);
      const options = { root: contentDir(cwd), cwd };
      // In a build the content is being read on the catalogue's thread (catalogue.ts); it is waited for here.
      await fill(context, collection, await sharedContentReady(options), cwd, !sharedContentHeld(options));
      // In `astro dev` a change to a content file reloads the collection; the build never watches.
      const watcher = context.watcher;
      if (watcher) {
        const watched = join(contentDir(cwd), WATCHED[collection]);
        watcher.add(watched);
        const reload = (path: string) => {
          if (!path.startsWith(watched)) return;
          sharedContentReady(options)
            .then((content) => fill(context, collection, content, cwd, true))
            .catch((error: unknown) => context.logger.error(`the ${collection} collection was not reloaded: ${error instanceof Error ? error.message : String(error)}`));
        };
        watcher.on('change', reload).on('add', reload).on('unlink', reload);
      }
    },
  };
}

async function fill(context: LoaderContext, collection: CollectionName, content: ContentData, cwd: string, warn: boolean): Promise<void> {
  const { store, logger, generateDigest, renderMarkdown } = context;
  // A build stops on these, listed once, before it bundles anything (content-guard.ts); in dev the editor sees them
  // here and every valid page keeps working while one file is mid-change.
  const own = warn ? content.problems.filter((problem) => problem.severity === 'error' && problem.file.includes(collection === 'contact' ? CONTACT_FILE : `${collection}/`)) : [];
  for (const problem of own) logger.warn(formatProblem(problem));

  if (collection === 'contact') {
    // One entry, or none while the file has a problem (the build has stopped on it already).
    store.clear();
    if (content.contact) {
      const { file, ...data } = content.contact;
      store.set({ id: 'contact', data, filePath: file, digest: generateDigest(data) });
    }
    return;
  }
  const entries = collection === 'tasks' ? content.tasks : collection === 'topics' ? content.topics : content.journeys;
  const keep = new Set(entries.map((entry) => entry.slug));
  for (const id of store.keys()) if (!keep.has(id)) store.delete(id);

  for (const { slug, file, body, bodyLine: _bodyLine, ...data } of entries) {
    const digest = generateDigest({ data, body });
    // Unchanged since the last build (Astro keeps the store in .astro/): keep its rendered HTML.
    if (store.get(slug)?.digest === digest) continue;
    const rendered = await renderMarkdown(body, { fileURL: pathToFileURL(join(cwd, file)) });
    // Phone numbers become tel: links (decision 0030). The Markdown itself is not kept: pages show the HTML, and Astro
    // writes every entry into its store and bundles the store into the build: 2.6 MB of bodies at 10,000 tasks.
    store.set({ id: slug, data, filePath: file, digest, rendered: { ...rendered, html: linkPhonesInHtml(rendered.html) } });
  }
}
