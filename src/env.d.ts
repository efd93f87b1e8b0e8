declare module 'virtual:taskfront/catalogue' {
  /** Every task: what the server needs to record events and send people to a service. */
  export const tasks: { slug: string; title: string; topic: string; kind: 'transaction' | 'report' | 'information'; startUrl: string | null }[];
  /** "index": the browser downloads /search-index.json; "api": it asks /api/search. */
  export const browserMode: 'index' | 'api';
}

declare module 'virtual:taskfront/search-data' {
  import type { SearchData } from './lib/search/engine.ts';
  /** Every task as a search document, with synonyms, best bets and the engine's index made at build time (read from the build's search file). */
  export function loadSearchData(): SearchData;
}

declare module 'virtual:taskfront/browser-index' {
  /** The smaller copy the browser downloads, as JSON text. */
  export const browserIndexJson: string;
}

declare module 'virtual:taskfront/task-slugs' {
  /** Every task's slug, the same as in virtual:taskfront/catalogue, without the rest of the catalogue. */
  export const taskSlugs: string[];
}

declare module 'virtual:taskfront/records' {
  import type { TaskRecord, TopicRecord } from './lib/content/records.ts';
  /** Every task (by title) and topic (in order) as the pages see them, without their Markdown (read from the build's records file). */
  export function loadRecords(): { tasks: TaskRecord[]; topics: TopicRecord[] };
}

declare module '*?worker&url' {
  const url: string;
  export default url;
}
