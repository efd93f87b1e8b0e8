// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import contentGuard from './src/integrations/content-guard.ts';
import catalogue from './src/integrations/catalogue.ts';
import serverLifecycle from './src/integrations/server-lifecycle.ts';

export default defineConfig({
  site: process.env.TASKFRONT_SITE ?? 'http://localhost:4321',
  // Static first: every page is prerendered unless it sets `prerender = false`.
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  integrations: [contentGuard(), catalogue(), serverLifecycle()],
  trailingSlash: 'never',
  // 'preserve': browse/index.astro becomes browse/index.html, so /browse and /browse/<topic> can both be static.
  build: { format: 'preserve' },
  devToolbar: { enabled: false },
  // The live search bundle is built as a standalone ES module (see SearchForm.astro).
  vite: { worker: { format: 'es' } },
});
