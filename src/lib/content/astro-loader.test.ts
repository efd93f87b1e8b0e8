import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoaderContext } from 'astro/loaders';
import { afterEach, describe, expect, it } from 'vitest';
import { contentLoader } from './astro-loader.ts';
import { sharedContent } from './load-content.ts';
import { sharedContentReads } from './shared-content.ts';

const fixture = join(import.meta.dirname, '../../../tests/fixtures/content');
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const edit = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, 'utf8')));

/** A project folder holding a copy of the fixture content, and a store that behaves like Astro's. */
function project() {
  const dir = mkdtempSync(join(tmpdir(), 'taskfront-loader-'));
  made.push(dir);
  cpSync(fixture, join(dir, 'content'), { recursive: true });
  const entries = new Map<string, { id: string; data: Record<string, unknown>; body?: string; digest?: string | number; rendered?: { html: string } }>();
  const rendered: string[] = [];
  const context = {
    collection: 'tasks',
    config: { root: pathToFileURL(`${dir}/`) },
    store: {
      keys: () => [...entries.keys()],
      get: (id: string) => entries.get(id),
      delete: (id: string) => entries.delete(id),
      set: (entry: { id: string; data: Record<string, unknown> }) => (entries.set(entry.id, entry), true),
    },
    logger: { warn: () => {}, info: () => {} },
    generateDigest: (value: unknown) => JSON.stringify(value),
    renderMarkdown: async (body: string) => (rendered.push(body), { html: `<p>${body.trim()}</p>` }),
  } as unknown as LoaderContext;
  return { dir, entries, rendered, context };
}

describe('contentLoader', () => {
  it('fills a collection from the content the build already read, without reading it again', async () => {
    const { dir, entries, context } = project();
    const content = sharedContent({ root: join(dir, 'content'), cwd: dir });
    await contentLoader('tasks').load(context);
    expect(sharedContentReads({ root: join(dir, 'content'), cwd: dir })).toBe(1);
    expect([...entries.keys()].sort()).toEqual(content.tasks.map((task) => task.slug).sort());
    const pothole = entries.get('report-a-pothole')!;
    expect(pothole.data.title).toBe('Report a pothole');
    expect(pothole.data).not.toHaveProperty('file');
    // The page shows the HTML; the Markdown is not kept in Astro's store.
    expect(pothole.body).toBeUndefined();
    expect(pothole.rendered?.html).toBe('<p>We fix the worst holes within 24 hours.</p>');
  });

  it('makes each phone number in a body a tel: link', async () => {
    const { dir, entries, context } = project();
    edit(join(dir, 'content/tasks/report-a-pothole.md'), (text) => text.replace('We fix the worst holes within 24 hours.', 'If it is dangerous, call 01632 960 400.'));
    await contentLoader('tasks').load(context);
    expect(entries.get('report-a-pothole')!.rendered?.html).toBe('<p>If it is dangerous, call <a href="tel:+441632960400">01632 960 400</a>.</p>');
  });

  it('renders only what changed since the last build, and drops entries whose file is gone', async () => {
    const { dir, entries, rendered, context } = project();
    await contentLoader('tasks').load(context);
    const firstRun = rendered.length;
    entries.set('deleted-task', { id: 'deleted-task', data: {} });
    await contentLoader('tasks').load(context);
    expect(rendered.length).toBe(firstRun);
    expect(entries.has('deleted-task')).toBe(false);
    expect(sharedContentReads({ root: join(dir, 'content'), cwd: dir })).toBe(1);
  });
});
