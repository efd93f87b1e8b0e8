/** Search: every query in content/search/expectations.yml finds its task in the top 3. */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readYamlFile, type ContentProblem } from '../content/load-content.ts';
import { createSearchEngine } from '../search/engine.ts';
import { measureSearchQuality } from '../search/expectations.ts';
import { toSearchData } from '../search/search-data.ts';
import { expectationsFileSchema } from '../../schemas/search.ts';
import type { ContentCheck } from './types.ts';

export const searchCheck: ContentCheck = {
  id: 'search',
  description: 'the search expectations all find their task in the top 3',
  run({ content, root, cwd }) {
    const path = join(root, 'search/expectations.yml');
    if (!existsSync(path)) return [];
    const problems: ContentProblem[] = [];
    const file = readYamlFile(path, expectationsFileSchema, problems, (p) => relative(cwd, p) || p);
    problems.forEach((problem) => (problem.check = 'search'));
    if (!file || content.problems.some((problem) => problem.severity === 'error' && problem.check === 'schema')) return problems;
    const report = measureSearchQuality(createSearchEngine(toSearchData(content)), file.value);
    for (const failure of report.failures) {
      const index = file.value.findIndex((expectation) => expectation.query === failure.query && expectation.task === failure.task);
      problems.push({
        file: file.file,
        line: file.source.lineOf([index, 'query']),
        severity: 'error',
        check: 'search',
        message: `"${failure.query}" should find ${failure.task} in the top 3, but ${failure.rank ? `it is at ${failure.rank}` : 'it is not found'} (top 3: ${failure.top.join(', ') || 'nothing'}). Add words people use to that task's keywords, or a synonym`,
      });
    }
    return problems;
  },
};
