/**
 * Links and structure: related tasks and topics exist, titles and slugs are unique
 * and clear of the portal's own pages, every topic has tasks. (Start links for
 * transactions and reports, and https for outside addresses, are schema rules.)
 */
import type { ContentCheck } from './types.ts';

export const linksCheck: ContentCheck = {
  id: 'links',
  description: 'links between files resolve; titles, slugs and topics fit together',
  run: ({ content }) => content.problems.filter((problem) => problem.check === 'links'),
};
