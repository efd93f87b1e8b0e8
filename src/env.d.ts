declare module 'virtual:taskfront/search-data' {
  import type { SearchData } from './lib/search/engine.ts';
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
