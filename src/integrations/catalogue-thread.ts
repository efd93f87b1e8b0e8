/**
 * The build's catalogue thread (catalogue.ts): makes the search data and the browser's index from
 * the content it is given, and answers with them. Node runs it as it is (type stripping), so it
 * and what it imports use TypeScript that only erases.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { makeSearch, type SearchWork } from './catalogue.ts';

const made = makeSearch(workerData as SearchWork);
parentPort?.postMessage(made, [made.searchFile.buffer as ArrayBuffer]);
