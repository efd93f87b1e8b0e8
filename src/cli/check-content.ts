/**
 * npm run check:content — validates content files (schema and links for now).
 */
import { errorsOf, formatProblem, loadContent } from '../lib/content/load-content.ts';

const content = loadContent();
for (const problem of content.problems) console.log(`${problem.severity}: ${formatProblem(problem)}`);
const errors = errorsOf(content).length;
console.log(`${content.tasks.length} tasks, ${content.topics.length} topics, ${errors} errors`);
process.exit(errors ? 1 : 0);
