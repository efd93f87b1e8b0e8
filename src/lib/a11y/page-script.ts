/**
 * Builds the script the audit puts into every page: page/kit.ts and the page-side modules
 * it imports (checks/*.page.ts, page/*.ts) bundled by esbuild into one browser script.
 * Bundling is what keeps that code self-contained: an import the browser cannot have
 * (node:fs, a Node-only package) fails the build instead of failing in the page.
 * Built once per process, at the first page, in about 50 ms.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('./page/kit.ts', import.meta.url));

let script: Promise<string> | undefined;

export async function bundlePageScript(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    // Debian's Chromium, and nothing older: no down-levelling needed.
    target: 'chrome120',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no page script');
  return file.text;
}

/** The page script, built on first use and kept for the rest of the run. */
export function pageScript(): Promise<string> {
  script ??= bundlePageScript();
  return script;
}
