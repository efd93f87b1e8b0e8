/**
 * What a build makes from the content for search and for the pages rendered on request: the search file, the records
 * and the browser's index (catalogue.ts says what each is for). The catalogue process (catalogue-process.ts) does this;
 * the build's own thread loads this module only when that process failed, and `astro dev` when it first serves a page:
 * it brings the content reader, the search engine and lunr with it, which a build's own thread otherwise never loads
 * (issue 17).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { contentData, loadContent, type ContentData } from '../lib/content/load-content.ts';
import { prepareSearch, type PreparedSearch, type SearchData } from '../lib/search/engine.ts';
import { encodeSearchFile } from '../lib/search/search-file.ts';
import { browserSearchData, searchDataFor, toSearchData, type SearchContent } from '../lib/search/search-data.ts';
import { RECORDS_FILE, SEARCH_FILE, type Derived, type SearchMade, type SearchWork } from './catalogue.ts';

/** The content as a build reads it: in the catalogue process, or on the build's own thread when that failed. */
export const readContent = ({ root, cwd }: { root: string; cwd: string }): ContentData => contentData(loadContent({ root, cwd }));

/** What a content entry carries beside its fields: where it came from, and its Markdown. */
interface Sourced {
  file: string;
  body: string;
  bodyLine: number;
}

/** Every task and topic as the pages see them (records.ts): their fields and slug, without the Markdown or where it came from. */
function recordsOf(content: { tasks: readonly Sourced[]; topics: readonly Sourced[] }): string {
  const tasks = content.tasks.map(({ file: _file, body: _body, bodyLine: _bodyLine, ...record }) => record);
  const topics = content.topics.map(({ file: _file, body: _body, bodyLine: _bodyLine, ...record }) => record);
  return JSON.stringify({ tasks, topics });
}

/**
 * The search data and the browser's index from the content: the largest cost of this step (4 s at 10,000 tasks).
 * `near` is the dictionary's English words (englishNear) when they are being found elsewhere while the index is made;
 * when it gives undefined, they are found here.
 */
async function prepare(
  content: SearchContent,
  limitKb: number,
  near?: Promise<readonly string[] | undefined>,
): Promise<{ data: SearchData & { prepared: PreparedSearch }; browserJson: string; mode: Derived['mode'] }> {
  // One index for the dictionary and the server.
  const prepared = prepareSearch(toSearchData(content));
  const data = searchDataFor(content, { prepared, near: await near });
  const browserJson = JSON.stringify(browserSearchData(data));
  const browserKb = gzipSync(browserJson).length / 1024;
  return { data: { ...data, prepared }, browserJson, mode: browserKb <= limitKb ? 'index' : 'api' };
}

/** The catalogue process's work: what a build needs, ready to write. `near` as for prepare. */
export async function makeSearch({ content, limitKb, stagingDir }: SearchWork, near?: Promise<readonly string[] | undefined>): Promise<SearchMade> {
  const { data, browserJson, mode } = await prepare(content, limitKb, near);
  const staged = { search: join(stagingDir, SEARCH_FILE), records: join(stagingDir, RECORDS_FILE) };
  writeFileSync(staged.search, encodeSearchFile(data));
  writeFileSync(staged.records, recordsOf(content));
  return { browserJson: mode === 'index' ? browserJson : '', mode, staged };
}

/** In `astro dev`: the search data and the records themselves, put into the modules. */
export async function prepareForDev(content: ContentData, limitKb: number): Promise<Omit<Derived, 'tasks' | 'staged'>> {
  const { data, browserJson, mode } = await prepare(content, limitKb);
  return { searchData: data, browserJson, mode, recordsJson: recordsOf(content) };
}
