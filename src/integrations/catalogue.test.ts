import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../lib/content/load-content.ts';
import { englishNear } from '../lib/search/dictionary.ts';
import { correctionTargetsOf } from '../lib/search/engine.ts';
import { decodeSearchFile } from '../lib/search/search-file.ts';
import { searchDataFor, toSearchData } from '../lib/search/search-data.ts';
import { BUNDLE_BESIDE_CATALOGUE_MAX_TASKS, RECORDS_FILE, SEARCH_FILE, startCatalogueProcess, taskFileCount } from './catalogue.ts';
import { makeSearch } from './catalogue-search.ts';

const root = join(import.meta.dirname, '../../content');
const content = loadContent({ root, cwd: root });
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const staging = () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskfront-catalogue-'));
  dirs.push(dir);
  return dir;
};

describe('makeSearch (the build’s catalogue process)', () => {
  it('writes the search file and the records for the server, and gives the browser its index', async () => {
    const made = await makeSearch({ content, limitKb: 1000, stagingDir: staging() });
    expect(made.mode).toBe('index');
    expect(made.staged.search.endsWith(SEARCH_FILE)).toBe(true);
    const search = decodeSearchFile(readFileSync(made.staged.search));
    expect(search.docs.map((doc) => doc.slug)).toContain('report-a-pothole');
    expect(search.dictionary?.length).toBeGreaterThan(1000);

    expect(made.staged.records.endsWith(RECORDS_FILE)).toBe(true);
    const records = JSON.parse(readFileSync(made.staged.records, 'utf8')) as { tasks: Record<string, unknown>[]; topics: Record<string, unknown>[] };
    expect(records.tasks.map((task) => task.slug)).toEqual(content.tasks.map((task) => task.slug));
    expect(records.topics.map((topic) => topic.slug)).toEqual(content.topics.map((topic) => topic.slug));
    // The pages rendered on request need the fields, never the Markdown or where it came from.
    expect(records.tasks.filter((task) => 'body' in task || 'file' in task || 'bodyLine' in task)).toEqual([]);
    expect(records.topics.filter((topic) => 'body' in topic || 'file' in topic || 'bodyLine' in topic)).toEqual([]);
    const pothole = records.tasks.find((task) => task.slug === 'report-a-pothole')!;
    expect(pothole.title).toBe(content.tasks.find((task) => task.slug === 'report-a-pothole')!.title);

    expect((JSON.parse(made.browserJson) as { docs: unknown[] }).docs.length).toBeGreaterThan(content.tasks.length - 1);
  });

  it('leaves the browser index out when the catalogue is too large for the browser (it asks /api/search)', async () => {
    const made = await makeSearch({ content, limitKb: 1, stagingDir: staging() });
    expect(made.mode).toBe('api');
    expect(made.browserJson).toBe('');
    // The server still gets everything.
    expect(decodeSearchFile(readFileSync(made.staged.search)).docs.length).toBeGreaterThan(content.tasks.length - 1);
  });

  it('puts the same dictionary in the search file whether its English words were found beside it or by it', async () => {
    const dictionaryOf = async (near?: Promise<readonly string[] | undefined>) =>
      decodeSearchFile(readFileSync((await makeSearch({ content, limitKb: 1000, stagingDir: staging() }, near)).staged.search)).dictionary;
    const itself = await dictionaryOf();
    const data = toSearchData(content);
    expect(await dictionaryOf(Promise.resolve(englishNear(correctionTargetsOf(data))))).toEqual(itself);
    // The other thread failed: it finds them itself.
    expect(await dictionaryOf(Promise.resolve(undefined))).toEqual(itself);
    // The English words near ours are more than the dictionary: our own words among them are never listed.
    expect(itself).not.toContain('council');
  });
});

describe('startCatalogueProcess (a build’s content and search data, made in a process of its own)', () => {
  const work = () => ({ root, cwd: root, limitKb: 1000, stagingDir: staging() });

  it('answers with the content, then the search data, then ends', async () => {
    const warnings: string[] = [];
    const started = startCatalogueProcess(work(), (message) => warnings.push(message));
    const read = await started.content;
    expect(read.tasks.map((task) => task.slug)).toEqual(content.tasks.map((task) => task.slug));
    const derived = await started.derived;
    expect(derived.tasks.find((task) => task.slug === 'report-a-pothole')?.title).toBe(content.tasks.find((task) => task.slug === 'report-a-pothole')!.title);
    expect(decodeSearchFile(readFileSync(derived.staged!.search)).docs.map((doc) => doc.slug)).toEqual(expect.arrayContaining(content.tasks.map((task) => task.slug)));
    // Its dictionary, whose English words were found on a thread of their own, is the one made here in one go.
    expect(decodeSearchFile(readFileSync(derived.staged!.search)).dictionary).toEqual(searchDataFor(content).dictionary);
    await started.ended;
    expect(warnings).toEqual([]);
  });

  it('makes them on the build’s own thread, and says so, when the process fails', async () => {
    const failing = join(staging(), 'fails.mjs');
    writeFileSync(failing, 'process.exit(3);\n');
    const warnings: string[] = [];
    const started = startCatalogueProcess(work(), (message) => warnings.push(message), { script: failing });
    const derived = await started.derived;
    expect(decodeSearchFile(readFileSync(derived.staged!.search)).docs.map((doc) => doc.slug)).toEqual(expect.arrayContaining(content.tasks.map((task) => task.slug)));
    expect((await started.content).tasks.length).toBe(content.tasks.length);
    await started.ended;
    expect(warnings).toEqual([expect.stringContaining('its process failed (it stopped with exit code 3 before it answered)')]);
  });

  it('runs at the lowest priority with a small young generation when it works beside Vite’s bundles', async () => {
    // A stand-in that says how it was started, then stops: the work is then done here, as when a process fails.
    const telling = join(staging(), 'tells.mjs');
    writeFileSync(telling, "import { getPriority } from 'node:os';\nprocess.send({ warning: `priority ${getPriority()}; ${process.execArgv.join(' ')}` }, () => process.exit(0));\n");
    const warnings: string[] = [];
    const started = startCatalogueProcess(work(), (message) => warnings.push(message), { script: telling, yieldToBuild: true });
    await started.derived;
    await started.ended;
    expect(warnings[0]).toMatch(/^priority 19; .*--max-semi-space-size=2/);
    const plain: string[] = [];
    const again = startCatalogueProcess(work(), (message) => plain.push(message), { script: telling });
    await again.derived;
    await again.ended;
    expect(plain[0]).toMatch(/^priority 0;/);
    expect(plain[0]).not.toContain('--max-semi-space-size');
  });

  it('makes the same search data when it yields, with the dictionary made on its one thread', async () => {
    const warnings: string[] = [];
    const started = startCatalogueProcess(work(), (message) => warnings.push(message), { yieldToBuild: true });
    const derived = await started.derived;
    expect(decodeSearchFile(readFileSync(derived.staged!.search)).dictionary).toEqual(searchDataFor(content).dictionary);
    await started.ended;
    expect(warnings).toEqual([]);
  });
});

describe('taskFileCount (whether Vite bundles beside the catalogue process)', () => {
  it('counts task files as the loader does, without reading them', () => {
    const dir = staging();
    mkdirSync(join(dir, 'tasks'));
    for (const name of ['report-a-pothole.md', 'pay-a-fine.md', '_draft.md', '.pay-a-fine.md.swp', 'notes.txt']) writeFileSync(join(dir, 'tasks', name), '');
    expect(taskFileCount(dir)).toBe(2);
    expect(taskFileCount(join(dir, 'missing'))).toBe(0);
    // The demo is far below the limit; 10,000 tasks far above it.
    expect(taskFileCount(root)).toBe(content.tasks.length);
    expect(content.tasks.length).toBeLessThan(BUNDLE_BESIDE_CATALOGUE_MAX_TASKS);
  });
});
