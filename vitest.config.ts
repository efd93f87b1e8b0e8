import { getViteConfig } from 'astro/config';
import { defineConfig } from 'vitest/config';

// getViteConfig adds Astro's Vite plugins, so unit tests can render .astro
// components with the container API (experimental_AstroContainer).
export default getViteConfig(defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'tools/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'site',
          include: ['tests/**/*.test.ts'],
          // Builds the demo portal once; every site test reads or serves that build.
          globalSetup: ['tests/setup/build-site.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
}));
