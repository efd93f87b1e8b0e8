/**
 * The build's catalogue thread (catalogue.ts): makes the search data, the records and the browser's
 * index from the content it is given, writes the first two into the staging folder, and answers
 * with where they are. Node runs it as it is (type stripping), so it and what it imports use
 * TypeScript that only erases.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { makeSearch, type SearchWork } from './catalogue.ts';

parentPort?.postMessage(makeSearch(workerData as SearchWork));
