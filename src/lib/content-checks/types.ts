/** The shape every content check shares (one module per check, like a link checker's rules). */
import type { Content } from '../content/load-content.ts';
import type { ContentProblem } from '../content/problem.ts';

export interface CheckContext {
  content: Content;
  /** The content folder (absolute). */
  root: string;
  /** Where file names in messages are relative to. */
  cwd: string;
  /** Today, YYYY-MM-DD. */
  today: string;
  /** `files`: only the named task and topic files were read (see loadContent's `only`). */
  scope: 'all' | 'files';
  /** Threads a check may use, this one included (1 when not given). */
  threads?: number;
  /** Folder where a check may keep results between runs; without it, nothing is kept. */
  cacheDir?: string;
}

export interface ContentCheck {
  /** Short name shown with each problem, e.g. "plain-language". */
  id: string;
  description: string;
  /**
   * Set (to the reason, for the report) when the check measures all the content together,
   * so it cannot run on a few files: it then runs only when everything is checked.
   */
  wholeContent?: string;
  run(context: CheckContext): Promise<ContentProblem[]> | ContentProblem[];
  /** Called before the content is read, to start work that can overlap reading it (e.g. worker threads). */
  prepare?(context: Pick<CheckContext, 'root' | 'scope' | 'threads'>): void;
}
