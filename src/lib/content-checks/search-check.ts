/** Search: every query in content/search/expectations.yml finds its task in the top 3. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createSearchEngine } from '../search/engine.ts';
import { measureSearchQuality, readExpectations } from '../search/expectations.ts';
import { toSearchData } from '../search/search-data.ts';
import type { ContentCheck } from './types.ts';

export const searchCheck: ContentCheck = {
  id: 'search',
  description: 'the search expectations all find their task in the top 3',
  run({ content, root, cwd }) {
    // A content folder without expectations (another council's, a test's) has nothing to measure.
    if (!existsSync(join(root, 'search/expectations.yml'))) return [];
    const { file, expectations, problems } = readExpectations(root, { cwd, tasks: content.tasks.map((task) => task.slug) });
    if (problems.length || content.problems.some((problem) => problem.severity === 'error' && problem.check === 'schema')) return problems;
    const report = measureSearchQuality(createSearchEngine(toSearchData(content)), expectations);
    return report.failures.map((failure) => ({
      file,
      line: failure.line,
      severity: 'error' as const,
      check: 'search',
      message: `"${failure.query}" should find ${failure.task} in the top 3, but ${failure.rank ? `it is at ${failure.rank}` : 'it is not found'} (top 3: ${failure.top.join(', ') || 'nothing'}). Add words people use to that task's keywords, or a synonym`,
    }));
  },
};
