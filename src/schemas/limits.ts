/**
 * Limits shared by schemas and by code that must not load zod (the browser's search).
 * No imports here, so anything can use them.
 */

/** The longest search query we read, in characters; the rest is ignored. */
export const QUERY_MAX = 100;

/** The longest search phrase an editor writes: a task keyword or a synonym. */
export const PHRASE_MAX = 60;
