/**
 * Where content lives, and which files in it count. TASKFRONT_CONTENT_DIR lets tests
 * and other councils build from another folder; relative paths are taken from the project root.
 */
import { resolve } from 'node:path';

export function contentDir(root: string = process.cwd()): string {
  return resolve(root, process.env.TASKFRONT_CONTENT_DIR || 'content');
}

/** The contact details, at the top of the content folder. */
export const CONTACT_FILE = 'contact.yml';

/**
 * How a name in content/tasks/ or content/topics/ is treated: the one inclusion rule,
 * used by the loader and so by the build, the server, the collections and every tool.
 * - `ignored`: starts with "." or "_" (editor swap files, drafts, a tool's temporary file).
 * - `entry`: a .md file; its name is the slug (a badly formed name is reported, not skipped).
 * - `stray`: anything else, reported so a misnamed file ("pothole.txt") is not silently left out.
 */
export type ContentFileKind = 'ignored' | 'entry' | 'stray';

export function contentFileKind(name: string): ContentFileKind {
  if (name.startsWith('.') || name.startsWith('_')) return 'ignored';
  return name.endsWith('.md') ? 'entry' : 'stray';
}
