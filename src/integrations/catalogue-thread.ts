/**
 * The build's catalogue thread (catalogue.ts): reads the content and answers with it, then makes the search data,
 * the records and the browser's index from it, writes the first two into the staging folder, and answers with
 * where they are. Node runs it as it is (type stripping), so it and what it imports use TypeScript that only erases.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { contentData, errorsOf, loadContent } from '../lib/content/load-content.ts';
import { makeSearch, type CatalogueThreadMessage, type CatalogueThreadWork } from './catalogue.ts';

const { root, cwd, limitKb, stagingDir } = workerData as CatalogueThreadWork;
const content = contentData(loadContent({ root, cwd }));
const answer = (message: CatalogueThreadMessage) => parentPort?.postMessage(message);
answer({ content });
answer({ made: errorsOf(content).length > 0 ? null : makeSearch({ content, limitKb, stagingDir }) });
