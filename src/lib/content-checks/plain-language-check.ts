/**
 * Plain language on every task's prose (summary, eligibility, what you need, steps,
 * body): the page's reading age; per sentence, its length, words to avoid, passive
 * voice and link text, merged so one sentence gives one finding.
 * Rules: GOV.UK's (reading age 9, 25 words a sentence) and content/style/words-to-avoid.yml.
 */
import { join, relative } from 'node:path';
import { z } from 'zod';
import type { Task } from '../content/load-content.ts';
import { editorFieldName, type ContentProblem } from '../content/problem.ts';
import { readYamlFile } from '../content/yaml-file.ts';
import { countEntries } from './count-entries.ts';
import type { ProseJob } from './prose-jobs.ts';
import { runProseJobs, startProseWorkers } from './prose-pool.ts';
import { pageReadingAge, type ProseFinding, type ProseRules, type ReadingCounts } from './prose.ts';
import type { ContentCheck } from './types.ts';

export const READING_AGE = 9;
export const MAX_SENTENCE_WORDS = 25;

const wordsToAvoidSchema = z.record(z.string().min(1), z.string().min(1, 'give the plain word to use instead'));

function proseFields(task: Task): { path: (string | number)[]; text: string }[] {
  if (task.kind === 'signpost') {
    return [
      { path: ['summary'], text: task.summary },
      { path: ['provider', 'does'], text: task.provider.does },
      ...(task.provider.hours ? [{ path: ['provider', 'hours'], text: task.provider.hours }] : []),
    ];
  }
  return [
    { path: ['summary'], text: task.summary },
    { path: ['eligibility'], text: task.eligibility },
    ...task.youWillNeed.map((text, index) => ({ path: ['youWillNeed', index], text })),
    ...task.steps.flatMap((step, index) => [
      { path: ['steps', index, 'title'], text: step.title },
      { path: ['steps', index, 'text'], text: step.text },
    ]),
  ];
}

export const plainLanguageCheck: ContentCheck = {
  id: 'plain-language',
  description: `reading age ${READING_AGE}, sentences of ${MAX_SENTENCE_WORDS} words at most, no words to avoid, active voice, clear link text`,
  prepare({ root, scope, threads = 1 }) {
    // Named files are few; a whole catalogue is worth starting the workers for while it loads.
    if (scope === 'all') startProseWorkers(countEntries(root, 'tasks'), threads);
  },
  async run({ content, root, cwd, threads = 1, cacheDir }) {
    const problems: ContentProblem[] = [];
    const listPath = join(root, 'style/words-to-avoid.yml');
    const list = readYamlFile(listPath, wordsToAvoidSchema, problems, { display: (path) => relative(cwd, path) || path, whenEmpty: {} });
    problems.forEach((problem) => (problem.check = 'plain-language'));
    const rules: ProseRules = {
      readingAge: READING_AGE,
      maxSentenceWords: MAX_SENTENCE_WORDS,
      wordsToAvoid: Object.fromEntries(Object.entries(list?.value ?? {}).map(([word, plain]) => [word.toLowerCase(), plain])),
    };

    // Every text is checked first, each distinct one once (and in parallel), then reported task by task below.
    const work = content.tasks.map((task) => {
      const fields = proseFields(task);
      // The page's running prose: lists and headings are not sentences, so they stay out of the figure.
      const page = [...(task.kind === 'signpost' ? [task.summary, task.provider.does] : [task.summary, task.eligibility, ...task.steps.map((step) => step.text)]), task.body];
      const jobs: ProseJob[] = [...fields.map((field) => ({ kind: 'text' as const, text: field.text })), ...(task.body.trim() ? [{ kind: 'markdown' as const, text: task.body }] : []), ...page.map((text) => ({ kind: 'reading' as const, text }))];
      return { task, fields, page, jobs };
    });
    const { resultOf } = await runProseJobs(work.flatMap((item) => item.jobs), rules, { threads, cacheDir });
    const findingsOf = (kind: 'text' | 'markdown', text: string) => resultOf({ kind, text }) as ProseFinding[];
    const countsOf = (text: string) => resultOf({ kind: 'reading', text }) as ReadingCounts;

    for (const { task, fields, page: prose } of work) {
      const found: { problem: ContentProblem; finding: ProseFinding }[] = [];
      for (const field of fields) {
        for (const finding of findingsOf('text', field.text)) {
          const line = content.lineOf(task.file, field.path);
          found.push({ finding, problem: { file: task.file, line, field: editorFieldName(field.path), severity: finding.severity, check: 'plain-language', message: finding.message } });
        }
      }
      if (task.body.trim()) {
        for (const finding of findingsOf('markdown', task.body)) {
          found.push({ finding, problem: { file: task.file, line: task.bodyLine + finding.line - 1, field: 'body', severity: finding.severity, check: 'plain-language', message: finding.message } });
        }
      }
      problems.push(...found.map((item) => item.problem));

      const page = pageReadingAge(prose, countsOf);
      if (page.age <= READING_AGE) continue;
      // One sentence, one finding: when the long sentences already reported are what lifts the
      // page over the age, the fix is theirs, and the page figure is told on them.
      const long = found.filter((item) => item.finding.rules.includes('sentence-length') && item.finding.sentence);
      const without = long.length ? pageReadingAge(prose.map((text) => long.reduce((rest, item) => rest.replace(item.finding.sentence!, ''), text))) : page;
      if (long.length && without.age <= READING_AGE) {
        const which = long.length === 1 ? ['it lifts', 'it'] : [`the ${long.length} long sentences lift`, 'them'];
        for (const item of long) item.problem.message += `; ${which[0]} the whole page to reading age ${page.age.toFixed(1)} (${without.age.toFixed(1)} without ${which[1]}; aim for ${READING_AGE})`;
        continue;
      }
      const hard = page.hardWords.slice(0, 5).map((word) => `"${word}"`);
      problems.push({
        file: task.file,
        line: 1,
        severity: 'error',
        check: 'plain-language',
        message: `the page reads at age ${page.age.toFixed(1)} (Flesch–Kincaid grade + 5); aim for ${READING_AGE} or under: use shorter sentences (about 10 words) and everyday words${hard.length ? ` in place of ${listOf(hard)}` : ''}`,
      });
    }
    return problems;
  },
};

function listOf(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : (items[0] ?? '');
}
