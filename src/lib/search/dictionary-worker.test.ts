import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../content/load-content.ts';
import { englishNear, wordsNotToCorrect } from './dictionary.ts';
import { correctionTargetsOf, createSearchEngine } from './engine.ts';
import { toSearchData } from './search-data.ts';

const root = join(import.meta.dirname, '../../../content');
const data = toSearchData(loadContent({ root, cwd: root }));

describe('the dictionary worker (the build’s catalogue process starts it)', () => {
  it('answers the docs and synonyms it is sent with the English words near their correction targets, and ends', async () => {
    const worker = new Worker(join(import.meta.dirname, 'dictionary-worker.ts'));
    const ended = once(worker, 'exit');
    worker.postMessage({ docs: data.docs, synonyms: data.synonyms });
    const [near] = (await once(worker, 'message')) as [string[]];
    expect(near).toEqual(englishNear(correctionTargetsOf(data)));
    // What the engine then leaves out of them is exactly the dictionary made in one go.
    const engine = createSearchEngine(data);
    expect(wordsNotToCorrect(engine, undefined, near)).toEqual(wordsNotToCorrect(engine));
    expect(near.length).toBeGreaterThan(wordsNotToCorrect(engine).length);
    expect((await ended)[0]).toBe(0);
  });

  it('gives the same correction targets as the engine itself', () => {
    expect(correctionTargetsOf(data)).toEqual(createSearchEngine(data).correctionTargets);
  });
});
