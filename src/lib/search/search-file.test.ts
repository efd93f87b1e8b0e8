import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadContent } from '../content/load-content.ts';
import { createSearchEngine, prepareSearch } from './engine.ts';
import { decodeSearchFile, encodeSearchFile } from './search-file.ts';
import { searchDataFor } from './search-data.ts';

const root = join(import.meta.dirname, '../../../content');
const data = searchDataFor(loadContent({ root, cwd: root }));
const file = encodeSearchFile({ ...data, prepared: prepareSearch(data) });
const fromDocuments = createSearchEngine(data);

const expectations = (parse(readFileSync(join(root, 'search/expectations.yml'), 'utf8')) as { query: string }[]).map((item) => item.query);
// The editors' expectations, plus typos, prefixes, stop words only, and words nobody uses.
const queries = [...expectations, 'councel tax', 'libary card', 'poth', 'bin', 'the and of', 'zzzz qqqq', 'bin men didnt come', ''];

describe('the search file', () => {
  it('gives the same answers as an engine made from the documents, for every expectation and more', () => {
    const engine = createSearchEngine(decodeSearchFile(file));
    expect(queries.length).toBeGreaterThan(20);
    for (const query of queries) {
      for (const options of [{ limit: 50 }, { limit: 5, prefix: true }]) {
        expect(engine.search(query, options), `${query} ${JSON.stringify(options)}`).toEqual(fromDocuments.search(query, options));
      }
    }
  }, 60_000);

  it('leaves out step titles, which the prepared index already holds, so it is smaller than the same data as JSON', () => {
    const decoded = decodeSearchFile(file);
    expect(decoded.docs.every((doc) => doc.steps.length === 0)).toBe(true);
    expect(decoded.docs.map((doc) => doc.slug)).toEqual(data.docs.map((doc) => doc.slug));
    expect(file.length).toBeLessThan(JSON.stringify({ ...data, prepared: prepareSearch(data) }).length);
  });

  it('reads a file whose bytes do not start on an 8-byte boundary', () => {
    const shifted = Buffer.alloc(file.length + 3);
    file.copy(shifted, 3);
    const engine = createSearchEngine(decodeSearchFile(shifted.subarray(3)));
    expect(engine.search('council tax')).toEqual(fromDocuments.search('council tax'));
  });

  it('refuses a file that is not search data, or is cut short, saying to build again', () => {
    expect(() => decodeSearchFile(Buffer.from('{"docs":[]}'), 'dist/server/search-data.bin')).toThrow(/dist\/server\/search-data.bin is not Taskfront search data.*npm run build/);
    expect(() => decodeSearchFile(file.subarray(0, file.length - 16), 'x.bin')).toThrow(/x.bin is cut short.*npm run build/);
  });
});
