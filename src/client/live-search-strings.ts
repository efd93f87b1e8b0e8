/**
 * The UI strings the live search shows. The search form hands them to the script in a data attribute (scriptStrings),
 * so the script does not carry the whole string file: 11 KB of a first search's download (issue 17).
 */
import type { UiKey } from '../i18n/t.ts';

export const LIVE_SEARCH_KEYS = [
  'search.live.count.none',
  'search.live.count.one',
  'search.live.count.other',
  'search.live.error',
  'search.live.seeAll',
  'search.resultsLabel',
  'results.live.partial',
  'results.matches',
  'results.notCouncil',
  'journey.searchLabel',
  'contact.searchLabel',
] as const satisfies readonly UiKey[];

export type LiveSearchKey = (typeof LIVE_SEARCH_KEYS)[number];
