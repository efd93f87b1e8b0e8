/** Each file against its schema: fields, types, dates, YAML syntax. Found by the content loader. */
import type { ContentCheck } from './types.ts';

export const schemaCheck: ContentCheck = {
  id: 'schema',
  description: 'every field of every file matches the content model',
  run: ({ content }) => content.problems.filter((problem) => problem.check === 'schema'),
};
