/**
 * The build baseline: a bare Astro project over the same Markdown files. One
 * `[slug].astro` page, a `glob()` collection with no schema, static output, no adapter, no
 * integrations: what Astro itself costs for these pages. Written into a temporary folder
 * and built with the Astro this project has installed, so both builds use the same Astro.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Writes the bare project into `dir` (emptied first), reading tasks from `tasksDir`. */
export function writeBareAstro(dir: string, tasksDir: string, nodeModules: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src/pages'), { recursive: true });
  symlinkSync(resolve(nodeModules), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bare-astro-baseline', private: true, type: 'module' }, null, 2));
  writeFileSync(join(dir, 'astro.config.mjs'), `import { defineConfig } from 'astro/config';\nexport default defineConfig({ output: 'static', devToolbar: { enabled: false } });\n`);
  writeFileSync(
    join(dir, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';\nimport { glob } from 'astro/loaders';\n` +
      `export const collections = { tasks: defineCollection({ loader: glob({ pattern: '*.md', base: ${JSON.stringify(resolve(tasksDir))} }) }) };\n`,
  );
  writeFileSync(
    join(dir, 'src/pages/[slug].astro'),
    `---\nimport { getCollection, render } from 'astro:content';\n` +
      `export async function getStaticPaths() {\n  return (await getCollection('tasks')).map((entry) => ({ params: { slug: entry.id }, props: { entry } }));\n}\n` +
      `const { entry } = Astro.props;\nconst { Content } = await render(entry);\n---\n` +
      `<html lang="en"><head><meta charset="utf-8"><title>{entry.data.title}</title></head>\n` +
      `<body><main><h1>{entry.data.title}</h1><p>{entry.data.summary}</p><Content /></main></body></html>\n`,
  );
}
