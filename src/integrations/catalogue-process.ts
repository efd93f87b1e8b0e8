/**
 * The build's catalogue process (catalogue.ts): reads the content and answers with it, then makes the search data,
 * the records and the browser's index from it, writes the first two into the staging folder, answers with where they
 * are, and ends. A process, not a worker thread: when a worker thread ends, V8 keeps its memory pooled for the build's
 * own thread for several seconds, which at 10,000 tasks is 300 MB held while Vite bundles (decision 0046). When a
 * process ends, its memory goes back at once. Node runs it as it is (type stripping), so it and what it imports use
 * TypeScript that only erases.
 */
import { contentData, errorsOf, loadContent } from '../lib/content/load-content.ts';
import { makeSearch, type CatalogueProcessMessage, type CatalogueProcessWork } from './catalogue.ts';

const send = (message: CatalogueProcessMessage) =>
  new Promise<void>((resolve, reject) => {
    if (!process.send) return reject(new Error('the catalogue process was started without a channel to the build'));
    process.send(message, undefined, undefined, (error) => (error ? reject(error) : resolve()));
  });

// The build has ended (or failed) without waiting for the answer: there is no one to answer.
process.once('disconnect', () => process.exit(0));

const work = JSON.parse(process.argv[2] ?? '{}') as CatalogueProcessWork;
const content = contentData(loadContent({ root: work.root, cwd: work.cwd }));
await send({ content });
await send({ made: errorsOf(content).length > 0 ? null : makeSearch({ content, limitKb: work.limitKb, stagingDir: work.stagingDir }) });
process.disconnect();
