/** The server's one search engine, built once when the server first needs it. */
import { searchData } from 'virtual:taskfront/catalogue';
import { createSearchEngine } from './engine.ts';

export const serverEngine = createSearchEngine(searchData);
