/**
 * Search: the expectations in content/search/expectations.yml, through both engines, held
 * to the gates of assessSearch (every editor and search-log query in the top 3, the
 * held-out scores, honest no-answers). The same assessment as npm run check:search.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentCheck } from './types.ts';

export const searchCheck: ContentCheck = {
  id: 'search',
  description: 'the search expectations find their tasks, held-out scores meet their gates, no-answer queries say so',
  wholeContent: 'search ranks every task against the others, so it runs when all files are checked (npm run check:content with no file names)',
  async run({ content, root, cwd }) {
    // A content folder without expectations (another council's, a test's) has nothing to measure.
    if (!existsSync(join(root, 'search/expectations.yml'))) return [];
    // Loaded here, not at the top: the search engines are most of a one-file check's start-up time.
    const [{ assessSearch, readExpectations }, { searchableSlugs, searchDataFor }] = await Promise.all([import('../search/expectations.ts'), import('../search/search-data.ts')]);
    const file = readExpectations(root, { cwd, tasks: searchableSlugs(content) });
    if (file.problems.length || content.problems.some((problem) => problem.severity === 'error' && problem.check === 'schema')) return file.problems;
    const quality = assessSearch(searchDataFor(content), file);
    // Gates on the scores belong to no one line: they are reported on the file.
    const gates = quality.failures
      .filter((failure) => !/expectation\(s\) do not find|no-answer queries show/.test(failure))
      .map((message) => ({ file: file.file, line: 1, message: `${message} Run npm run check:search for the scores`, severity: 'error' as const, check: 'search' }));
    return [...quality.problems, ...gates];
  },
};
