/**
 * The server's one search engine. Its data, with the engine's index made at build time, is
 * read from the build's search file (src/integrations/catalogue.ts, decision 0039) when this
 * module is first imported: only the search routes import it, so no other request pays for it,
 * and the index is loaded, not rebuilt.
 */
import { loadSearchData } from 'virtual:taskfront/search-data';
import { createSearchEngine } from './engine.ts';

export const serverEngine = createSearchEngine(loadSearchData());
