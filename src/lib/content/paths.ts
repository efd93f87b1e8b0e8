/**
 * Where content lives. TASKFRONT_CONTENT_DIR lets tests and other councils
 * build from another folder; relative paths are taken from the project root.
 */
import { resolve } from 'node:path';

export function contentDir(root: string = process.cwd()): string {
  return resolve(root, process.env.TASKFRONT_CONTENT_DIR || 'content');
}
