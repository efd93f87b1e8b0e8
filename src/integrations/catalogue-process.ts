/**
 * The build's catalogue process (catalogue.ts): reads the content and answers with it, then makes the search data,
 * the records and the browser's index from it, writes the first two into the staging folder, answers with where they
 * are, and ends. A process, not a worker thread: when a worker thread ends, V8 keeps its memory pooled for the build's
 * own thread for several seconds, which at 10,000 tasks is 300 MB held while Vite bundles (decision 0046). When a
 * process ends, its memory goes back at once. Node runs it as it is (type stripping), so it and what it imports use
 * TypeScript that only erases.
 */
import { Worker } from 'node:worker_threads';
import { errorsOf } from '../lib/content/problem.ts';
import { toSearchData } from '../lib/search/search-data.ts';
import type { SearchData } from '../lib/search/engine.ts';
import type { CatalogueProcessMessage, CatalogueProcessWork } from './catalogue.ts';
import { makeSearch, readContent } from './catalogue-search.ts';

const send = (message: CatalogueProcessMessage) =>
  new Promise<void>((resolve, reject) => {
    if (!process.send) return reject(new Error('the catalogue process was started without a channel to the build'));
    process.send(message, undefined, undefined, (error) => (error ? reject(error) : resolve()));
  });

// The build has ended (or failed) without waiting for the answer: there is no one to answer.
process.once('disconnect', () => process.exit(0));

const work = JSON.parse(process.argv[2] ?? '{}') as CatalogueProcessWork;

/**
 * The dictionary's English words found on a thread of their own while this one makes the index (issue 17): at 10,000
 * tasks each takes seconds, and the build waits for this process. Started first, so it reads the English list while
 * the content is read. Unref'd: it never keeps this process from ending. Not for a build that bundles beside this
 * process (work.dictionaryThread false): nothing waits for it then, and the thread's own start and copies of the
 * modules cost more processor time than they save (1,000 tasks: the answer 25 ms later, the build 0.14 s sooner).
 */
function dictionaryThread(): { ask: (data: Pick<SearchData, 'docs' | 'synonyms'>) => void; near: Promise<readonly string[] | undefined> } {
  const dictionary = new Worker(new URL('../lib/search/dictionary-worker.ts', import.meta.url));
  dictionary.unref();
  const near = new Promise<readonly string[] | undefined>((resolve) => {
    let answered = false;
    const without = (why: string) => {
      if (answered) return;
      answered = true;
      resolve(undefined);
      void send({ warning: `the search dictionary was made after the search index, not beside it: its thread ${why}` }).catch(() => undefined);
    };
    dictionary.once('message', (words: readonly string[]) => {
      answered = true;
      resolve(words);
    });
    dictionary.once('error', (error) => without(`failed (${error.message})`));
    dictionary.once('exit', (code) => without(`stopped with exit code ${code} before it answered`));
  });
  return { ask: (data) => dictionary.postMessage(data), near };
}
const thread = work.dictionaryThread ? dictionaryThread() : undefined;

const content = readContent(work);
await send({ content });
if (errorsOf(content).length > 0) await send({ made: null });
else {
  if (thread) {
    const { docs, synonyms } = toSearchData(content);
    thread.ask({ docs, synonyms });
  }
  await send({ made: await makeSearch({ content, limitKb: work.limitKb, stagingDir: work.stagingDir }, thread?.near) });
}
process.disconnect();
