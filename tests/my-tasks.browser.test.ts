/**
 * My tasks in Chromium (issue 16, decision 0024): save, tick, reload, /my-tasks, Start and
 * finish, download, delete, import on a fresh profile, "this session only", storage that
 * refuses, and pages without JavaScript. Every request made is logged; the last test checks
 * that none carries anything from the list, and every context is checked for 0 cookies.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MY_TASKS_KEY, myTasksFileSchema, type MyTasksFile } from '../src/schemas/my-tasks.ts';
import { browserSuite } from './helpers/browser-suite.ts';

const suite = browserSuite('my-tasks');

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string;
}
const sent: Promise<Sent>[] = [];
/** Every value the list held at some point, to look for in the requests. */
const storedValues = new Set<string>([MY_TASKS_KEY]);
let downloaded: string | undefined;

/** A new profile whose every request is logged. */
async function profile(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await suite.browser.newContext({ acceptDownloads: true, ...options });
  context.on('request', (request) => {
    const url = request.url();
    const body = request.postData() ?? '';
    // A request made as a profile closes may have no full header list left to read: keep the
    // headers the browser sent, which are always there, rather than lose the request.
    sent.push(request.allHeaders().catch(() => request.headers()).then((headers) => ({ url, headers, body })));
  });
  return context;
}

/** Closes a profile after checking it holds no cookies. */
async function finish(context: BrowserContext): Promise<void> {
  expect(await context.cookies()).toEqual([]);
  await context.close();
}

/** Our keys in both storages, and the list if there is one (remembering its values for the network check). */
async function storage(page: Page) {
  const found = await page.evaluate(() => ({
    local: Object.keys(localStorage).filter((key) => key.startsWith('taskfront')),
    session: Object.keys(sessionStorage).filter((key) => key.startsWith('taskfront')),
    value: localStorage.getItem('taskfront:my-tasks') ?? sessionStorage.getItem('taskfront:my-tasks'),
  }));
  const list = found.value ? (JSON.parse(found.value) as MyTasksFile) : undefined;
  if (list) remember(list);
  return { ...found, list };
}

function remember(list: MyTasksFile): void {
  for (const task of list.tasks) {
    for (const time of [task.addedAt, task.updatedAt, task.startedAt, task.finishedAt]) if (time) storedValues.add(time);
    storedValues.add(JSON.stringify(task.steps));
    storedValues.add(JSON.stringify(task));
  }
}

async function openTask(page: Page, slug: string): Promise<void> {
  await page.goto(`${suite.server.url}/${slug}`);
  // The script loads as the checklist comes near the screen; its controls are hidden until it has read the list.
  await page.locator('[data-module="my-task"]').scrollIntoViewIfNeeded();
  await page.locator('[data-module="my-task"] [data-save]').waitFor({ state: 'visible' });
}

/** Opens a task and saves it, waiting until the page says it is saved. */
async function saveTask(page: Page, slug: string): Promise<void> {
  await openTask(page, slug);
  await page.getByRole('button', { name: 'Save to my tasks' }).click();
  await page.getByRole('button', { name: 'Remove from my tasks' }).waitFor();
}

const status = (page: Page) => page.locator('[data-module] [data-status]');
const group = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`^${name}`) });

async function openList(page: Page): Promise<void> {
  await page.goto(`${suite.server.url}/my-tasks`);
  await page.getByRole('heading', { name: 'Your choices' }).waitFor();
}

describe('My tasks, kept on this device', () => {
  it('keeps nothing until the task is saved; then keeps ticks across a reload', async () => {
    const context = await profile();
    const page = await context.newPage();
    await openTask(page, 'report-a-pothole');
    const step1 = page.getByRole('checkbox', { name: '1. Mark the spot on the map' });
    await step1.check();
    await expect.poll(() => status(page).textContent()).toContain('Your ticks are not kept');
    expect((await storage(page)).local).toEqual([]);

    await page.getByRole('button', { name: 'Save to my tasks' }).click();
    await expect.poll(() => status(page).textContent()).toBe('Saved to my tasks on this device.');
    await page.getByRole('checkbox', { name: '2. Tell us how big it is' }).check();
    await expect.poll(() => status(page).textContent()).toBe('Saved: 2 of 4 steps done.');
    await page.getByRole('checkbox', { name: 'a photo, if it is safe to take one' }).check();
    await expect.poll(async () => (await storage(page)).list?.tasks[0]?.needs.done).toEqual([3]);

    await page.reload();
    await page.getByRole('button', { name: 'Remove from my tasks' }).waitFor();
    expect(await step1.isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: '2. Tell us how big it is' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: '3. Add a photo if it is safe' }).isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: 'a photo, if it is safe to take one' }).isChecked()).toBe(true);
    const { local, session, list } = await storage(page);
    expect([local, session]).toEqual([[MY_TASKS_KEY], []]);
    expect(myTasksFileSchema.safeParse(list).success).toBe(true);
    expect(list?.tasks[0]).toMatchObject({ slug: 'report-a-pothole', steps: { done: [1, 2], total: 4 }, needs: { done: [3], total: 3 } });
    await finish(context);
  });

  it('shows saved, started and finished tasks on /my-tasks, with dates, then downloads, deletes with undo, and imports on a fresh profile', async () => {
    const context = await profile();
    const page = await context.newPage();
    // Not started: saved only.
    await saveTask(page, 'report-noise');
    // In progress: saved with a step ticked.
    await saveTask(page, 'report-graffiti');
    await page.locator('#my-task-step-1').check();
    await expect.poll(() => status(page).textContent()).toMatch(/^Saved: 1 of \d+ steps done\.$/);
    // Finished: saved, Start, then the done page.
    await saveTask(page, 'report-a-pothole');
    await page.getByRole('link', { name: 'Report a pothole' }).last().click();
    await page.waitForURL(/\/demo-service\/report-a-pothole\?journey=[\w-]+$/);
    expect((await storage(page)).list?.tasks.find((task) => task.slug === 'report-a-pothole')?.startedAt).toBeDefined();
    await page.getByRole('button', { name: 'Finish the demo' }).click();
    await page.waitForURL(/\/done\/report-a-pothole\?journey=[\w-]+$/);
    await page.locator('[data-module="my-task-finish"]').scrollIntoViewIfNeeded();
    await expect.poll(() => status(page).textContent()).toBe('This task is in your tasks as finished. It is kept only on this device.');

    await openList(page);
    await expect.poll(() => group(page, 'Not started').textContent()).toContain('Report noise');
    const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
    expect(await group(page, 'In progress').textContent()).toMatch(/Report graffiti.*1 of \d+ steps done/);
    const finished = await group(page, 'Finished').textContent();
    expect(finished).toContain('Report a pothole');
    expect(finished).toContain(`Started ${today}. Finished ${today}.`);
    expect(await page.getByText('only in this browser on this device. The council cannot see it').count()).toBe(1);
    expect(await group(page, 'Finished').getByRole('link', { name: 'Report a pothole' }).getAttribute('href')).toBe('/report-a-pothole');
    const before = (await storage(page)).list!;

    // Download: valid JSON matching the schema, and the same list; a text copy to read.
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as JSON' }).click()]);
    const file = join(suite.dir, json.suggestedFilename());
    await json.saveAs(file);
    expect(json.suggestedFilename()).toMatch(/^my-tasks-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = myTasksFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(exported.tasks).toEqual(before.tasks);
    remember(exported);
    storedValues.add(exported.exportedAt!);
    downloaded = file;
    const [plain] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as text' }).click()]);
    const text = readFileSync(await plain.path(), 'utf8');
    expect(text).toMatch(/Finished\n\nReport a pothole or damaged road\n {2}http:\/\/[^/]+\/report-a-pothole\n/);
    expect(text).toContain('Not started');

    // Delete everything: one click, an undo, and nothing left behind.
    await page.getByRole('button', { name: 'Delete everything on this device' }).click();
    await page.getByText('Everything is deleted from this device.').waitFor();
    expect(await storage(page)).toMatchObject({ local: [], session: [] });
    expect(await page.getByText('Your list is empty.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => status(page).textContent()).toBe('Your list is back.');
    expect((await storage(page)).list).toEqual(before);
    await page.getByRole('button', { name: 'Delete everything on this device' }).click();
    await page.getByRole('button', { name: 'Undo' }).waitFor();
    expect(await storage(page)).toMatchObject({ local: [], session: [], list: undefined });
    await page.reload();
    await openList(page);
    expect(await page.getByText('Your list is empty.').isVisible()).toBe(true);
    expect(await storage(page)).toMatchObject({ local: [], session: [] });
    await finish(context);

    // Import on a fresh profile: a bad file is refused whole, the download gives the same list.
    const fresh = await profile();
    const other = await fresh.newPage();
    await openList(other);
    const input = other.getByLabel('Choose a JSON file you downloaded from My tasks');
    const broken = join(suite.dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...exported, tasks: [...exported.tasks, { ...exported.tasks[0], slug: 'Not a slug' }] }));
    await input.setInputFiles(broken);
    await other.getByText('The file has been changed or damaged, so nothing was imported.').first().waitFor();
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await storage(other)).toMatchObject({ local: [], session: [] });
    const notOurs = join(suite.dir, 'photo.json');
    writeFileSync(notOurs, '{"width": 100}');
    await input.setInputFiles(notOurs);
    await expect.poll(() => status(other).textContent()).toContain('The file is not a My tasks download.');

    await input.setInputFiles(file);
    await expect.poll(() => status(other).textContent()).toBe('Added 3 tasks from your file.');
    expect(await input.getAttribute('aria-invalid')).toBeNull();
    expect((await storage(other)).list).toEqual({ ...before, settings: exported.settings });
    for (const [name, title] of [['Not started', 'Report noise'], ['In progress', 'Report graffiti'], ['Finished', 'Report a pothole']] as const) {
      expect(await group(other, name).textContent()).toContain(title);
    }
    await finish(fresh);
  });

  it('offers "Keep a record on this device" on a done page, and records Starts from then on', async () => {
    const context = await profile();
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/done/report-graffiti`);
    await page.locator('[data-module="my-task-finish"]').scrollIntoViewIfNeeded();
    const keep = page.getByRole('button', { name: 'Keep a record on this device' });
    await keep.waitFor();
    expect((await storage(page)).local).toEqual([]);
    await keep.click();
    await expect.poll(() => status(page).textContent()).toContain('This task is now in your tasks as finished.');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-status'))).toBe(true);
    const { list } = await storage(page);
    expect(list?.settings.record).toBe(true);
    expect(list?.tasks[0]).toMatchObject({ slug: 'report-graffiti', title: 'Report graffiti' });
    expect(list?.tasks[0]?.finishedAt).toBeDefined();

    // Not saved, but a record is kept: Start is added.
    await openTask(page, 'report-a-pothole');
    expect(await page.getByRole('checkbox', { name: /Keep a record on this device/ }).isChecked()).toBe(true);
    await page.getByRole('link', { name: 'Report a pothole' }).last().click();
    await page.waitForURL(/\/demo-service\/report-a-pothole\?journey=[\w-]+$/);
    expect((await storage(page)).list?.tasks.find((task) => task.slug === 'report-a-pothole')?.startedAt).toBeDefined();

    // Undo is as easy: turn it off on /my-tasks and a Start is no longer added.
    await openList(page);
    await page.getByRole('checkbox', { name: /Keep a record on this device/ }).uncheck();
    await expect.poll(() => status(page).textContent()).toContain('No record will be kept');
    await openTask(page, 'report-noise');
    await page.getByRole('link', { name: 'Report noise' }).last().click();
    await page.waitForURL(/\/demo-service\/report-noise\?journey=[\w-]+$/);
    expect((await storage(page)).list?.tasks.map((task) => task.slug)).toEqual(['report-graffiti', 'report-a-pothole']);
    await finish(context);
  });

  it('"this session only" keeps the list in sessionStorage, which a new session does not have', async () => {
    const context = await profile();
    const page = await context.newPage();
    await saveTask(page, 'report-noise');
    await openList(page);
    await page.getByRole('radio', { name: /When I close this browser tab or window/ }).check();
    await expect.poll(() => status(page).textContent()).toBe('Saved. Your list will be forgotten when you close this tab or window.');
    expect(await storage(page)).toMatchObject({ local: [], session: [MY_TASKS_KEY] });
    await page.reload();
    await openList(page);
    expect(await group(page, 'Not started').textContent()).toContain('Report noise');
    expect(await page.getByRole('radio', { name: /When I close this browser tab or window/ }).isChecked()).toBe(true);

    // Alike in shape to the delete-everything check above: both assert what a person sees and what the device still holds, after different actions.
    // A new tab typed by hand is a new session: nothing there, in either storage.
    const tab = await context.newPage();
    await openList(tab);
    expect(await tab.getByText('Your list is empty.').isVisible()).toBe(true);
    expect(await storage(tab)).toMatchObject({ local: [], session: [] });
    await finish(context);
    // And so is a new suite.browser.
    const next = await profile();
    const again = await next.newPage();
    await openList(again);
    expect(await again.getByText('Your list is empty.').isVisible()).toBe(true);
    await finish(next);
  });

  it('says so when the browser will not store anything, and loses nothing already saved when storage is full', async () => {
    const blocked = await profile();
    await blocked.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get: () => { throw new DOMException('Access denied', 'SecurityError'); } });
      Object.defineProperty(window, 'sessionStorage', { get: () => { throw new DOMException('Access denied', 'SecurityError'); } });
    });
    const page = await blocked.newPage();
    await openTask(page, 'report-noise');
    await page.getByText('This browser is not letting this site keep anything on this device').waitFor();
    expect(await page.getByRole('button', { name: 'Save to my tasks' }).isDisabled()).toBe(true);
    await page.locator('#my-task-step-1').check();
    expect(await page.locator('#my-task-step-1').isChecked()).toBe(true);
    await finish(blocked);

    const full = await profile();
    const first = await full.newPage();
    await saveTask(first, 'report-noise');
    const saved = (await storage(first)).value;
    await full.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    const second = await full.newPage();
    await openTask(second, 'report-noise');
    await second.locator('#my-task-step-2').check();
    await expect.poll(() => status(second).textContent()).toContain('storage for this site is full');
    await openTask(second, 'report-graffiti');
    await second.getByRole('button', { name: 'Save to my tasks' }).click();
    await expect.poll(() => status(second).textContent()).toContain('Everything saved before is still there.');
    expect((await storage(second)).value).toBe(saved);
    await finish(full);
  });

  it('without JavaScript: no controls, and a printable checklist instead', async () => {
    const context = await profile({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/report-a-pothole`);
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save to my tasks' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Report a pothole' }).last().getAttribute('href')).toBe('/start/report-a-pothole');
    await page.getByRole('link', { name: 'Print a checklist for this task' }).click();
    await page.waitForURL(/\/report-a-pothole\/checklist$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Checklist: Report a pothole or damaged road');
    expect(await page.locator('.print-boxes li').count()).toBe(7);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-footer').isVisible()).toBe(false);

    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${suite.server.url}/my-tasks`);
    expect(await page.getByText('Your list needs JavaScript').isVisible()).toBe(true);
    expect(await page.getByRole('button').count()).toBe(0);
    await page.getByText('Printable checklists for every task').click();
    expect(await page.getByRole('link', { name: 'Report graffiti' }).getAttribute('href')).toBe('/report-graffiti/checklist');
    expect((await page.request.get(`${suite.server.url}/not-a-task/checklist`)).status()).toBe(404);
    await finish(context);
  });

  it('migrates a list stored by an older version when a page opens', async () => {
    const context = await profile();
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/my-tasks`);
    await page.evaluate(() =>
      localStorage.setItem('taskfront:my-tasks', JSON.stringify({ version: 1, tasks: { 'report-graffiti': { title: 'Report graffiti', saved: Date.now(), steps: 3, needs: 2, ticks: ['step-2'] } } })),
    );
    await openTask(page, 'report-graffiti');
    await page.getByRole('button', { name: 'Remove from my tasks' }).waitFor();
    expect(await page.locator('#my-task-step-2').isChecked()).toBe(true);
    const { list } = await storage(page);
    expect(myTasksFileSchema.safeParse(list).success).toBe(true);
    expect(list?.tasks[0]?.steps.done).toEqual([2]);
    await finish(context);
  });

  it('loads under 5 KB of compressed script on the pages that use it, and none on others', async () => {
    const context = await profile();
    const page = await context.newPage();
    // Each script's size is read from its response body, which arrives after the response
    // event: keep the reads and wait for all of them before adding up.
    const scripts = new Map<string, Promise<number>>();
    page.on('response', (response) => {
      if (response.url().includes('/_astro/') && response.url().endsWith('.js')) scripts.set(response.url(), response.body().then((body) => gzipSync(body, { level: 9 }).length));
    });
    const weigh = async (path: string, ready: string) => {
      scripts.clear();
      await page.goto(`${suite.server.url}${path}`, { waitUntil: 'networkidle' });
      const part = page.locator('[data-module^="my-task"]');
      if (await part.count()) await part.first().scrollIntoViewIfNeeded();
      await page.locator(ready).first().waitFor();
      await page.waitForLoadState('networkidle');
      const sizes = await Promise.all([...scripts].filter(([url]) => !url.includes('live-search')).map(([, bytes]) => bytes));
      return sizes.reduce((sum, bytes) => sum + bytes, 0);
    };
    const task = await weigh('/report-a-pothole', '[data-module="my-task"] [data-save]');
    const list = await weigh('/my-tasks', '[data-module="my-tasks"] [data-delete]');
    expect(task).toBeGreaterThan(1000);
    expect(task).toBeLessThan(5 * 1024);
    expect(list).toBeLessThan(5 * 1024);
    expect(await weigh('/browse', 'h1')).toBe(0);
    expect(await weigh('/done/report-noise', '[data-module="my-task-finish"] [data-keep]')).toBeLessThan(5 * 1024);
    await finish(context);
  });

  it('sent nothing from the list anywhere: no address, header or body carries a stored value', async () => {
    expect(downloaded).toBeDefined();
    const requests = await Promise.all(sent);
    expect(requests.length).toBeGreaterThan(50);
    // Our own anonymous counts did go out (so the log is real), carrying no list data.
    expect(requests.some((request) => request.url.endsWith('/api/events') && request.body.includes('task_view'))).toBe(true);
    const leaks = requests.flatMap((request) => {
      const haystack = [request.url, JSON.stringify(request.headers), request.body].join('\n');
      return [...storedValues].filter((value) => haystack.includes(value)).map((value) => `${request.url} carries ${value}`);
    });
    expect(storedValues.size).toBeGreaterThan(10);
    expect(leaks).toEqual([]);
    for (const request of requests) {
      expect(request.headers.cookie).toBeUndefined();
      expect(request.body).not.toMatch(/addedAt|updatedAt|startedAt|finishedAt|"done":\[/);
    }
  });
});
