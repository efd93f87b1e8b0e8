/**
 * The dictionary's costly part (englishNear, dictionary.ts) on a thread of its own, for the build's catalogue process:
 * it needs the content's words, not the engine's index, so it runs while the index is made. It reads the English
 * list as it starts, while the content is read, then answers the one search data it is sent (docs and synonyms)
 * with the English words near its correction targets, and ends.
 */
import { parentPort } from 'node:worker_threads';
import { englishNear, englishWords } from './dictionary.ts';
import { correctionTargetsOf, type SearchData } from './engine.ts';

if (!parentPort) throw new Error('dictionary-worker.ts runs as a worker thread (catalogue-process.ts starts it)');
const port = parentPort;
const words = englishWords();
port.once('message', (data: Pick<SearchData, 'docs' | 'synonyms'>) => port.postMessage(englishNear(correctionTargetsOf(data), words)));
