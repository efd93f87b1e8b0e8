import { getViteConfig } from 'astro/config';
import { defineConfig } from 'vitest/config';

/**
 * The accessibility audit of the whole demo portal and the keyboard walk repeated under
 * load take minutes and load both cores on purpose: `npm run test:audit`, its own step in CI.
 */
const AUDIT_SUITES = ['tests/a11y-portal.test.ts', 'tests/a11y-keyboard-repeat.test.ts'];

// getViteConfig adds Astro's Vite plugins, so unit tests can render .astro
// components with the container API (experimental_AstroContainer).
export default getViteConfig(defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'tools/**/*.test.ts', 'bench/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'site',
          include: ['tests/**/*.test.ts'],
          // The fault suite has its own config (npm run test:faults); the whole-portal audits run as their own CI step.
          exclude: ['tests/faults/**', ...AUDIT_SUITES],
          // Builds the demo portal once; every site test reads or serves that build.
          globalSetup: ['tests/setup/build-site.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'audit',
          include: AUDIT_SUITES,
          globalSetup: ['tests/setup/build-site.ts'],
          testTimeout: 900_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
}));
