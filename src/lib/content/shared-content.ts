/**
 * The content of one folder, read once and shared by everything in a process that needs it: the build's content
 * guard, the collections' loader and the catalogue. Each of these is loaded by Astro into its own module graph, so the
 * content is kept on globalThis rather than in a module.
 *
 * Kept apart from load-content.ts, which reads and checks the files, so that a build's own thread need not load the
 * reader, its schemas and its YAML parser at all, twice over (natively for the integrations, and through Vite for the
 * content config): in a build the catalogue process reads the content (issue 17). What reads it when nothing is
 * shared yet (sharedContent, load-content.ts) is loaded only when it is needed.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ContentData, LoadOptions } from './load-content.ts';
import { CONTACT_FILE, contentFileKind } from './paths.ts';

/**
 * The folder's content as kept, or as `read` gives it when nothing is kept or a file has changed since (names, sizes
 * and modification times, which cost a stat, not a read), so `astro dev` still sees an editor's change. For
 * sharedContent (load-content.ts), which passes the reader.
 */
export function keptContent({ root = 'content', cwd = process.cwd() }: LoadOptions, read: () => ContentData): ContentData {
  const registry = sharedRegistry();
  const key = sharedKey(root, cwd);
  const cached = registry.get(key);
  if (cached?.held && cached.content) return cached.content;
  const stamp = cached?.held ? '' : folderStamp(root);
  if (cached?.content && cached.stamp === stamp) return cached.content;
  // Held but still being read on another thread (shareContentRead): a caller that cannot wait reads it here.
  const content = read();
  registry.set(key, { stamp, content, reads: (cached?.reads ?? 0) + 1, held: cached?.held ?? false });
  return content;
}

/**
 * For a build: the folder's content, being read on another thread (`read`), is what sharedContent gives from now
 * on, without looking at the files again. A build reads the content once; every later sharedContent call would
 * otherwise list and stat every file to see whether one changed, about 100 ms at 10,000 tasks, and a build asks a
 * dozen times (issue 17). If the read fails, the next caller reads the folder itself.
 */
export function shareContentRead(options: LoadOptions, read: Promise<ContentData>): void {
  const registry = sharedRegistry();
  const key = sharedKey(options.root, options.cwd);
  const entry: SharedEntry = { stamp: '', pending: read, reads: (registry.get(key)?.reads ?? 0) + 1, held: true };
  registry.set(key, entry);
  read.then(
    (content) => {
      entry.content ??= content;
      entry.pending = undefined;
    },
    () => {
      if (registry.get(key) === entry && !entry.content) registry.delete(key);
    },
  );
}

/**
 * The folder's content as sharedContent gives it, once a read on another thread (shareContentRead) has finished.
 * The reader (load-content.ts) is loaded only when the content is not held already.
 */
export async function sharedContentReady(options: LoadOptions = {}): Promise<ContentData> {
  const entry = sharedRegistry().get(sharedKey(options.root, options.cwd));
  if (entry?.pending) {
    try {
      return await entry.pending;
    } catch {
      // Read here instead (sharedContent); whoever started the read says why it failed.
    }
  } else if (entry?.held && entry.content) return entry.content;
  const { sharedContent } = await import('./load-content.ts');
  return sharedContent(options);
}

/**
 * Lets the folder's content go: for a build once Astro has its collections and the content is checked, so the build
 * does not hold a second copy of every task while it bundles and renders (35 MB at 10,000 tasks; issue 17). A later
 * sharedContent call reads the folder again.
 */
export function releaseSharedContent(options: LoadOptions = {}): void {
  sharedRegistry().delete(sharedKey(options.root, options.cwd));
}

/** Whether the folder's content is held for a build (shareContentRead). */
export function sharedContentHeld(options: LoadOptions = {}): boolean {
  return sharedRegistry().get(sharedKey(options.root, options.cwd))?.held ?? false;
}

/** How many times this folder has been read in this process (for tests and the build log). */
export function sharedContentReads({ root, cwd }: LoadOptions = {}): number {
  return sharedRegistry().get(sharedKey(root, cwd))?.reads ?? 0;
}

interface SharedEntry {
  stamp: string;
  /** Absent only while it is read on another thread. */
  content?: ContentData;
  /** The read on another thread, until it has finished (shareContentRead). */
  pending?: Promise<ContentData>;
  reads: number;
  /** Kept without looking at the files again (shareContentRead). */
  held: boolean;
}

function sharedKey(root = 'content', cwd = process.cwd()): string {
  return `${resolve(root)}\0${resolve(cwd)}`;
}

function sharedRegistry(): Map<string, SharedEntry> {
  return ((globalThis as Record<symbol, unknown>)[SHARED] ??= new Map<string, SharedEntry>()) as Map<string, SharedEntry>;
}

const SHARED = Symbol.for('taskfront.shared-content');
const STAMPED_FOLDERS = ['tasks', 'topics', 'search', 'journeys'];

function folderStamp(root: string): string {
  const parts: string[] = [];
  for (const folder of STAMPED_FOLDERS) {
    const dir = join(root, folder);
    if (!existsSync(dir)) {
      parts.push(`${folder}:-`);
      continue;
    }
    for (const name of readdirSync(dir).sort()) {
      if (contentFileKind(name) === 'ignored') continue;
      const stat = statSync(join(dir, name));
      parts.push(`${folder}/${name}:${stat.size}:${stat.mtimeMs}`);
    }
  }
  const contact = join(root, CONTACT_FILE);
  if (existsSync(contact)) {
    const stat = statSync(contact);
    parts.push(`${CONTACT_FILE}:${stat.size}:${stat.mtimeMs}`);
  }
  return parts.join('\n');
}
