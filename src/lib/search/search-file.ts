/**
 * The server's search data as one file, written at build time and read as the server starts
 * (decision 0039). At 10,000 tasks the same data as JSON was about 11 MB, and parsing it cost
 * over a second on the first request; most of it was the posting lists' weights as decimal text.
 *
 * Layout: "TFS1", then the byte length of a UTF-8 JSON part as a 32-bit little-endian number,
 * the JSON part (documents without step titles, synonyms, best bets, dictionary, the index's
 * terms, vocabulary and phrases), padding to 8 bytes, then the posting lists as typed arrays:
 * the end of each term's list (Uint32), every list's task positions (Uint32) and weights
 * (Float64). The weights are lunr's own doubles, kept exact, so the ranking is the same.
 */
import type { PreparedSearch, SearchData, SearchDoc } from './engine.ts';

const MAGIC = 'TFS1';

interface JsonPart {
  docs: Omit<SearchDoc, 'steps'>[];
  synonyms: SearchData['synonyms'];
  bestBets: SearchData['bestBets'];
  dictionary: string[];
  terms: string[];
  vocabulary: PreparedSearch['vocabulary'];
  phrases: PreparedSearch['phrases'];
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

/**
 * Step titles are left out: with the index prepared, the engine reads them only to make the
 * vocabulary and posting lists, which the file already holds.
 */
export function encodeSearchFile(data: SearchData & { prepared: PreparedSearch }): Buffer {
  const { terms, lists, vocabulary, phrases } = data.prepared;
  const part: JsonPart = {
    docs: data.docs.map(({ steps: _steps, ...doc }) => doc),
    synonyms: data.synonyms,
    bestBets: data.bestBets,
    dictionary: data.dictionary ?? [],
    terms,
    vocabulary,
    phrases,
  };
  const json = Buffer.from(JSON.stringify(part), 'utf8');
  const postings = lists.reduce((sum, [docs]) => sum + docs.length, 0);
  const ends = new Uint32Array(lists.length);
  const docs = new Uint32Array(postings);
  const weights = new Float64Array(postings);
  let at = 0;
  lists.forEach(([listDocs, listWeights], id) => {
    docs.set(listDocs, at);
    weights.set(listWeights, at);
    at += listDocs.length;
    ends[id] = at;
  });
  const head = align8(8 + json.length);
  const out = Buffer.alloc(head + align8(ends.byteLength) + align8(docs.byteLength) + weights.byteLength);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(json.length, 4);
  json.copy(out, 8);
  let offset = head;
  for (const array of [ends, docs, weights]) {
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
    offset += align8(array.byteLength);
  }
  return out;
}

/** Reads a file made by encodeSearchFile; the posting lists are views on its bytes, not copies. */
export function decodeSearchFile(file: Uint8Array, name = 'the search data file'): SearchData & { prepared: PreparedSearch } {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (bytes.length < 8 || bytes.toString('latin1', 0, 4) !== MAGIC) {
    throw new Error(`${name} is not Taskfront search data (it does not start with "${MAGIC}"): build the site again with npm run build`);
  }
  const jsonLength = bytes.readUInt32LE(4);
  const cutShort = () => new Error(`${name} is cut short (${bytes.length} bytes): build the site again with npm run build`);
  if (8 + jsonLength > bytes.length) throw cutShort();
  const part = JSON.parse(bytes.toString('utf8', 8, 8 + jsonLength)) as JsonPart;
  const termCount = part.terms.length;
  // A Float64Array must start at a multiple of 8; a Buffer from Node's pool may not, so copy once if so.
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
  // Views are checked against the file's own length: the buffer under it may be longer.
  const view = <T>(make: (buffer: ArrayBufferLike, at: number, length: number) => T, at: number, length: number, size: number): T => {
    if (at + length * size > bytes.length) throw cutShort();
    return make(aligned.buffer, aligned.byteOffset + at, length);
  };
  let offset = align8(8 + jsonLength);
  const ends = view((buffer, at, length) => new Uint32Array(buffer, at, length), offset, termCount, 4);
  const postings = termCount ? ends[termCount - 1]! : 0;
  offset += align8(ends.byteLength);
  const docs = view((buffer, at, length) => new Uint32Array(buffer, at, length), offset, postings, 4);
  offset += align8(docs.byteLength);
  const weights = view((buffer, at, length) => new Float64Array(buffer, at, length), offset, postings, 8);
  const lists: PreparedSearch['lists'] = [];
  let start = 0;
  for (let id = 0; id < termCount; id++) {
    const end = ends[id]!;
    lists.push([docs.subarray(start, end), weights.subarray(start, end)]);
    start = end;
  }
  return {
    docs: part.docs.map((doc) => ({ ...doc, steps: [] })),
    synonyms: part.synonyms,
    bestBets: part.bestBets,
    dictionary: part.dictionary,
    prepared: { terms: part.terms, lists, vocabulary: part.vocabulary, phrases: part.phrases },
  };
}
