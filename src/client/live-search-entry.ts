/**
 * Entry of the live search bundle. It is built on its own and fetched by the
 * search box's inline loader on first use; importing it starts every search form.
 */
import { startLiveSearch } from './live-search.ts';

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-module="live-search"]')) startLiveSearch(form);
