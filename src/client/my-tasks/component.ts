/**
 * What the My tasks components share: starting once from a data-module attribute, their
 * strings (handed over by the component in data-i18n), dates, and opening the list.
 */
import { fill } from '../../i18n/fill.ts';
import { browserStorages, MyTasksStore, type MyTasksFile, type Problem } from './store.ts';
type FileModule = Pick<typeof import('./file.ts'), 'parseMyTasksFile' | 'readList'>;

/**
 * The schema-checking code in file.ts (with zod/mini, about 9 KB compressed), fetched only to
 * import a file or migrate an old list. The component gives its address in data-file-module:
 * it is built on its own, like this script, from file-entry.ts.
 */
async function loadFileModule(url: string): Promise<FileModule> {
  await import(/* @vite-ignore */ url);
  // Same name as FILE_MODULE_KEY in file-entry.ts; importing it from there would bundle zod here.
  const loaded = (globalThis as Record<string, unknown>).taskfrontMyTasksFile as FileModule | undefined;
  if (!loaded) throw new Error('the My tasks file checker did not load');
  return loaded;
}

export abstract class Component {
  protected readonly strings: Record<string, string>;

  constructor(protected readonly root: HTMLElement) {
    if (root.hasAttribute('data-started')) throw new Error(`${root.dataset.module} is already started on this element`);
    root.setAttribute('data-started', '');
    this.strings = JSON.parse(root.dataset.i18n ?? '{}') as Record<string, string>;
  }

  /** A string from en.json's myTasks.js.* keys, with {name} filled in. */
  protected text(key: string, values: Record<string, string | number> = {}): string {
    const template = this.strings[key];
    if (template === undefined) throw new Error(`missing string myTasks.js.${key}`);
    return fill(template, values);
  }

  protected find<T extends HTMLElement = HTMLElement>(hook: string): T {
    const element = this.root.querySelector<T>(`[data-${hook}]`);
    if (!element) throw new Error(`${this.root.dataset.module} has no [data-${hook}]`);
    return element;
  }

  /**
   * The parts that only work with JavaScript are hidden in the HTML; show them now. This can happen while someone
   * tabs down the page (the module loads as they near it): what has focus stays where it was on the screen, so new
   * content above it never pushes it out of sight (WCAG 2.4.7 and 2.4.11).
   */
  protected reveal(): void {
    const focused = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    const top = focused?.getBoundingClientRect().top;
    for (const part of this.root.querySelectorAll<HTMLElement>('[data-js-only]')) part.hidden = false;
    if (focused && top !== undefined) {
      const moved = focused.getBoundingClientRect().top - top;
      if (moved) window.scrollBy(0, moved);
    }
  }

  /** The list as stored, migrated first if an older version stored it. */
  protected openList(): Promise<Opened> {
    return openList(this.root.dataset.fileModule ?? '');
  }

  protected loadFileModule(): Promise<FileModule> {
    return loadFileModule(this.root.dataset.fileModule ?? '');
  }

  protected problemText(problem: Problem): string {
    return this.text(`problem.${problem === 'older' ? 'unreadable' : problem}`);
  }
}

/** Starts every element with data-module="name"; one failing never stops the others. */
export function startAll(name: string, start: (root: HTMLElement) => unknown): void {
  for (const root of document.querySelectorAll<HTMLElement>(`[data-module="${name}"]`)) {
    try {
      start(root);
    } catch (error) {
      console.warn(error);
    }
  }
}

export const store = new MyTasksStore(browserStorages());

export interface Opened {
  list?: MyTasksFile | undefined;
  problem?: Problem | undefined;
}

/** Reads the list; a list from an older version is checked and migrated first (loading the schema only then). */
async function openList(fileModuleUrl: string): Promise<Opened> {
  const read = store.read();
  if (read.problem !== 'older') return read;
  const { readList } = await loadFileModule(fileModuleUrl);
  const migrated = readList(read.stored);
  if (!migrated.ok) return { problem: 'unreadable' };
  return { list: migrated.list, problem: store.write(migrated.list) };
}

/** "4 March 2026", in the person's time zone. */
export function formatDay(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}
