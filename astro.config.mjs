// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import { satteri } from '@astrojs/markdown-satteri';
import contentGuard from './src/integrations/content-guard.ts';
import catalogue from './src/integrations/catalogue.ts';
import precompress from './src/lib/http/precompress.ts';

/**
 * @astrojs/node, with our own server entry (src/server/entry.ts) in place of its
 * standalone server. The adapter runs in middleware mode (it renders on-demand
 * routes and nothing else); our entry serves the static files, adds the security
 * headers to every response, bounds requests and compresses. See decision 0019.
 * Tests, `npm start` and `npm run preview` all run dist/server/entry.mjs, which is
 * built from our entry, so there is one way the portal is served.
 * @param {import('astro').AstroIntegration} integration
 * @param {string} serverEntrypoint
 * @returns {import('astro').AstroIntegration}
 */
function withServerEntry(integration, serverEntrypoint) {
  const configDone = integration.hooks['astro:config:done'];
  return {
    ...integration,
    hooks: {
      ...integration.hooks,
      'astro:config:done': (options) =>
        configDone?.({ ...options, setAdapter: (adapter) => options.setAdapter({ ...adapter, serverEntrypoint }) }),
    },
  };
}

export default defineConfig({
  site: process.env.TASKFRONT_SITE ?? 'http://localhost:4321',
  // Static first: every page is prerendered unless it sets `prerender = false`.
  output: 'static',
  // staticHeaders: the CSP of each prerendered page goes to dist/_headers.json
  // (sent as a header by our entry) rather than a <meta>, where frame-ancestors
  // would be ignored.
  adapter: withServerEntry(node({ mode: 'middleware', staticHeaders: true }), './src/server/entry.ts'),
  integrations: [contentGuard(), catalogue(), precompress()],
  trailingSlash: 'never',
  // 'preserve': browse/index.astro becomes browse/index.html, so /browse and /browse/<topic> can both be static.
  // concurrency: pages are rendered while earlier ones are written, rather than one after the other. At 4 the
  // 1,000-task build wrote its pages 25 to 35% sooner than at 1 (decision 0046); at 32 it is 0.2 to 0.3 s quicker
  // again, with less processor time (decision 0047); 64 and 128 are no quicker.
  build: { format: 'preserve', concurrency: 32 },
  devToolbar: { enabled: false },
  // Astro keeps its content store (data-store.json) here. Its default, node_modules/.astro, is shared by
  // every checkout that links one node_modules, so parallel builds overwrote each other's collections.
  cacheDir: './.astro/cache',
  // Task pages have no code blocks; Shiki's colours would be inline styles, which the CSP refuses.
  markdown: {
    syntaxHighlight: false,
    // Sätteri renders Markdown in native code. Phone numbers in task bodies become tel: links after it, in the
    // collections' loader (linkPhonesInHtml; decisions 0030 and 0046): a hast plugin here made it 3 to 4 times slower.
    processor: satteri(),
  },
  // The live search bundle is built as a standalone ES module (see SearchForm.astro).
  vite: { worker: { format: 'es' } },
  security: {
    // Astro hashes every script and style it renders (bundled, and inline ones
    // such as the search loader) into script-src and style-src with 'self', so
    // neither needs 'unsafe-inline'. The rest is ours; docs/security.md says why.
    csp: {
      algorithm: 'SHA-256',
      directives: [
        "default-src 'self'",
        "base-uri 'none'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "font-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
      ],
    },
  },
});
