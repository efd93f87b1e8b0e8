/**
 * Placeholders: `npm run new-task` writes [[…]] where only the editor knows the answer
 * (who can use it, the cost, the steps). Each one left is an error naming its line, so an
 * untouched template can never pass, and its generic guesses cannot reach the live site.
 */
import { editorFieldName, type ContentProblem } from '../content/problem.ts';
import { PLACEHOLDER } from './prose.ts';
import type { ContentCheck } from './types.ts';

export const placeholdersCheck: ContentCheck = {
  id: 'placeholders',
  description: 'no [[placeholder]] from the new-task template is left',
  run({ content }) {
    const problems: ContentProblem[] = [];
    const entries = [...content.tasks, ...content.topics];
    for (const file of new Set([...entries.map((entry) => entry.file), ...content.problems.map((problem) => problem.file)])) {
      const source = content.sourceOf(file);
      if (!source?.includes('[[')) continue;
      const entry = entries.find((candidate) => candidate.file === file);
      const fields = entry ? fieldsByLine(entry, (path) => content.lineOf(file, path)) : new Map<number, string>();
      const lines = source.split(/\r?\n/);
      // The template's own comments name the marker; they are not fields.
      const fence = lines[0]?.replace(/^\uFEFF/, '').trim() === '---' ? lines.indexOf('---', 1) : -1;
      lines.forEach((text, index) => {
        if (index < fence && /^\s*#/.test(text)) return;
        for (const match of text.matchAll(PLACEHOLDER)) {
          const line = index + 1;
          const field = fields.get(line) ?? (entry && 'bodyLine' in entry && line >= entry.bodyLine ? 'body' : undefined);
          problems.push({ file, line, ...(field ? { field } : {}), severity: 'error', check: 'placeholders', message: `replace the placeholder with the real text: ${match[0]}` });
        }
      });
    }
    return problems;
  },
};

/** Line → field name, for every text field that still holds a placeholder. */
function fieldsByLine(entry: object, lineOf: (path: (string | number)[]) => number): Map<number, string> {
  const found = new Map<number, string>();
  const walk = (value: unknown, path: (string | number)[]) => {
    if (typeof value === 'string') {
      if (path[0] !== 'body' && value.includes('[[')) found.set(lineOf(path), editorFieldName(path));
    } else if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...path, index]));
    else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  walk(entry, []);
  return found;
}
