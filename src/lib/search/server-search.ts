/**
 * The server's one search engine. Its data, with the engine's index made at build time,
 * comes from its own module (src/integrations/catalogue.ts), which only the search routes
 * import: the index is loaded, not rebuilt, and no other request pays for it.
 */
import { searchData } from 'virtual:taskfront/search-data';
import { createSearchEngine } from './engine.ts';

export const serverEngine = createSearchEngine(searchData);
