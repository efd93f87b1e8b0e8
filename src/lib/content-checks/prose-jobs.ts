/**
 * The plain-language check's work as jobs on single texts: each job's result depends only
 * on its text and the rules, so a run does each distinct text once, can hand jobs to
 * worker threads, and can keep results across runs (prose-pool.ts).
 */
import { checkMarkdown, checkText, readingCounts, type ProseFinding, type ProseRules, type ReadingCounts } from './prose.ts';

/** `text`: a front matter field; `markdown`: a body; `reading`: a text's share of its page's reading age. */
export type ProseJobKind = 'text' | 'markdown' | 'reading';

export interface ProseJob {
  kind: ProseJobKind;
  text: string;
}

export type ProseResult = ProseFinding[] | ReadingCounts;

export async function runProseJob(job: ProseJob, rules: ProseRules): Promise<ProseResult> {
  if (job.kind === 'text') return checkText(job.text, rules);
  if (job.kind === 'markdown') return checkMarkdown(job.text, rules);
  return readingCounts(job.text);
}

/** One key per distinct job; the NUL cannot appear in a kind. */
export function jobKey(job: ProseJob): string {
  return `${job.kind}\0${job.text}`;
}
