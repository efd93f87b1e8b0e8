declare module 'virtual:taskfront/catalogue' {
  import type { SearchData } from './lib/search/engine.ts';
  /** Every task: what the server needs to record events and send people to a service. */
  export const tasks: { slug: string; title: string; topic: string; kind: 'transaction' | 'report' | 'information'; startUrl: string | null }[];
  /** Every task as a search document, with synonyms and best bets. */
  export const searchData: SearchData;
  /** The smaller copy the browser downloads. */
  export const browserIndex: SearchData;
  /** "index": the browser downloads /search-index.json; "api": it asks /api/search. */
  export const browserMode: 'index' | 'api';
}

declare module '*?worker&url' {
  const url: string;
  export default url;
}
