/**
 * npm run test:faults: the portal under database faults, one fault at a time (each
 * starts its own portal and its own SQLite file or throwaway PostgreSQL, and times
 * are part of what is measured). Not part of npm test: it needs a minute or two,
 * root for the full-disk test's tmpfs, and PostgreSQL server programs.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'faults',
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/faults/**/*.test.ts'],
    globalSetup: ['tests/faults/setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
