/**
 * /my-tasks: the person's own list, grouped by state, with their choices (record, forget
 * after), download, import and "Delete everything on this device" with a short undo.
 */
import { MAX_FILE_BYTES, type Keep } from '../../schemas/my-tasks-constants.ts';
import { Component, formatDay, startAll, store } from './component.ts';
import { emptyList, forDownload, merge, removeTask, stateOf, type MyTask, type MyTasksFile, type Problem, type TaskState } from './store.ts';

const STATES: TaskState[] = ['not-started', 'in-progress', 'finished'];
/** How long Undo is offered after deleting everything (decision 0024 says why it is short). */
const UNDO_MS = 60_000;

export class MyTasksPage extends Component {
  private list: MyTasksFile | undefined;
  private problem: Problem | undefined;
  private deleted: MyTasksFile | undefined;
  private undoTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly status = this.find('status');
  private readonly problemBox = this.find('problem');
  private readonly empty = this.find('empty');
  private readonly record = this.find<HTMLInputElement>('record');
  private readonly keeps = [...this.root.querySelectorAll<HTMLInputElement>('input[name="keep"]')];
  private readonly importInput = this.find<HTMLInputElement>('import');
  private readonly importError = this.find('import-error');
  private readonly undo = this.find('undo');

  constructor(root: HTMLElement) {
    super(root);
    void this.start();
  }

  private async start(): Promise<void> {
    await this.reload();
    for (const hide of this.root.querySelectorAll<HTMLElement>('[data-no-js]')) hide.hidden = true;
    this.reveal();
    this.root.addEventListener('click', (event) => {
      const button = (event.target as Element | null)?.closest?.<HTMLButtonElement>('button');
      if (button?.dataset.remove) this.removeOne(button.dataset.remove);
      else if (button?.dataset.download) this.download(button.dataset.download === 'json' ? 'json' : 'text');
      else if (button?.hasAttribute('data-delete')) this.deleteAll();
      else if (button?.hasAttribute('data-undo-button')) this.restore();
    });
    this.record.addEventListener('change', () => this.choose({ record: this.record.checked }, this.record.checked ? 'recordOn' : 'recordOff'));
    for (const keep of this.keeps) keep.addEventListener('change', () => keep.checked && this.choose({ keep: keep.value as Keep }, `keep.${keep.value}`));
    this.importInput.addEventListener('change', () => void this.importFile());
    window.addEventListener('storage', () => void this.reload());
  }

  private async reload(): Promise<void> {
    ({ list: this.list, problem: this.problem } = await this.openList());
    this.render();
  }

  private get writable(): boolean {
    return this.problem === undefined || this.problem === 'full';
  }

  private render(): void {
    const tasks = this.list?.tasks ?? [];
    for (const state of STATES) {
      const group = this.find(`group="${state}"`);
      const items = tasks.filter((task) => stateOf(task) === state).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      group.hidden = items.length === 0;
      group.querySelector('ul')!.replaceChildren(...items.map((task) => this.item(task)));
      group.querySelector('[data-count]')!.textContent = `(${items.length})`;
    }
    this.empty.hidden = tasks.length > 0 || this.problem === 'unreadable' || this.problem === 'newer';
    const settings = (this.list ?? emptyList()).settings;
    this.record.checked = settings.record;
    for (const keep of this.keeps) keep.checked = keep.value === settings.keep;
    for (const control of this.root.querySelectorAll<HTMLInputElement | HTMLButtonElement>('[data-needs-storage]')) control.disabled = !this.writable;
    this.problemBox.hidden = !this.problem;
    this.problemBox.textContent = this.problem ? this.problemText(this.problem) : '';
  }

  private item(task: MyTask): HTMLLIElement {
    const item = document.createElement('li');
    const link = document.createElement('a');
    // The slug was checked against the slug rule when read, so this stays a path on this site.
    link.href = `/${task.slug}`;
    link.textContent = task.title;
    const dates = document.createElement('p');
    dates.textContent = [
      this.text('added', { date: formatDay(task.addedAt) }),
      task.startedAt && this.text('started', { date: formatDay(task.startedAt) }),
      task.finishedAt && stateOf(task) === 'finished' && this.text('finished', { date: formatDay(task.finishedAt) }),
    ]
      .filter(Boolean)
      .join('. ') + '.';
    item.append(link, dates);
    const progress = this.progress(task);
    // Progress matters while a task is under way; "0 of 4" on a task not started is noise.
    if (progress && stateOf(task) === 'in-progress') {
      const line = document.createElement('p');
      line.className = 'my-tasks-progress';
      line.textContent = progress;
      item.append(line);
    }
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'button-secondary my-tasks-remove';
    remove.dataset.remove = task.slug;
    remove.dataset.needsStorage = '';
    remove.disabled = !this.writable;
    const hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = ` ${this.text('removeTaskHidden', { title: task.title })}`;
    remove.append(this.text('removeTask'), hidden);
    item.append(remove);
    return item;
  }

  private progress(task: MyTask): string {
    const parts = [];
    if (task.steps.total) parts.push(this.text('stepsDone', { done: task.steps.done.length, total: task.steps.total }));
    if (task.needs.total) parts.push(this.text('needsDone', { done: task.needs.done.length, total: task.needs.total }));
    return parts.join('. ');
  }

  private say(message: string): void {
    this.status.textContent = message;
  }

  /** Writes the list; on failure the page keeps showing what is stored and says why. */
  private commit(next: MyTasksFile): boolean {
    const problem = store.write(next);
    if (problem) {
      this.problem = problem;
      this.render();
      this.say(this.problemText(problem));
      return false;
    }
    this.list = next;
    this.problem = undefined;
    this.render();
    return true;
  }

  private choose(change: Partial<MyTasksFile['settings']>, message: string): void {
    const list = this.list ?? emptyList();
    if (this.commit({ ...list, settings: { ...list.settings, ...change } })) this.say(this.text(message));
  }

  private removeOne(slug: string): void {
    const task = this.list?.tasks.find((item) => item.slug === slug);
    if (!this.list || !task) return;
    const state = stateOf(task);
    if (!this.commit(removeTask(this.list, slug))) return;
    this.say(this.text('removedTask', { title: task.title }));
    // The button has gone: put focus on what is now in its place, its group or the list's heading.
    const group = this.find(`group="${state}"`);
    (group.hidden ? this.find('list-heading') : group.querySelector<HTMLElement>('h2')!).focus();
  }

  private download(kind: 'json' | 'text'): void {
    const now = new Date();
    const list = this.list ?? emptyList();
    const body = kind === 'json' ? `${JSON.stringify(forDownload(list, now), null, 2)}\n` : this.plainText(list, now);
    // A blob: address is made and read inside this browser; the file is never sent anywhere.
    const url = URL.createObjectURL(new Blob([body], { type: kind === 'json' ? 'application/json' : 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `my-tasks-${now.toISOString().slice(0, 10)}.${kind === 'json' ? 'json' : 'txt'}`;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.say(this.text('downloaded'));
  }

  /** The list as plain text, for reading or printing. */
  private plainText(list: MyTasksFile, now: Date): string {
    const lines = [this.text('text.title', { site: location.host }), this.text('text.made', { date: formatDay(now.toISOString()) }), ''];
    if (!list.tasks.length) lines.push(this.text('text.empty'));
    for (const state of STATES) {
      const tasks = list.tasks.filter((task) => stateOf(task) === state);
      if (!tasks.length) continue;
      lines.push(this.find(`group="${state}"`).querySelector('[data-label]')!.textContent!.trim(), '');
      for (const task of tasks) {
        lines.push(`${task.title}`, `  ${new URL(`/${task.slug}`, location.origin).href}`);
        const item = this.item(task);
        for (const line of item.querySelectorAll('p')) lines.push(`  ${line.textContent}`);
        lines.push('');
      }
    }
    return `${lines.join('\n').trimEnd()}\n`;
  }

  private async importFile(): Promise<void> {
    const file = this.importInput.files?.[0];
    if (!file) return;
    const showError = (message: string) => {
      this.importError.hidden = false;
      this.importError.querySelector('[data-message]')!.textContent = message;
      this.importInput.setAttribute('aria-invalid', 'true');
      this.importInput.closest('.field')?.classList.add('field-error');
      this.say(message);
    };
    try {
      if (file.size > MAX_FILE_BYTES) return showError(this.text('import.too-big'));
      const [{ parseMyTasksFile }, text] = await Promise.all([this.loadFileModule(), file.text()]);
      const result = parseMyTasksFile(text);
      if (!result.ok) return showError(this.text(`import.${result.error}`, { detail: result.detail ?? '' }));
      this.importError.hidden = true;
      this.importInput.removeAttribute('aria-invalid');
      this.importInput.closest('.field')?.classList.remove('field-error');
      if (this.commit(merge(this.list, result.list))) {
        const count = result.list.tasks.length;
        this.say(count === 1 ? this.text('imported.one') : this.text('imported.other', { count }));
      }
    } catch (error) {
      console.warn(error);
      showError(this.text('import.unreadable'));
    } finally {
      this.importInput.value = '';
    }
  }

  private deleteAll(): void {
    const problem = store.clear();
    if (problem) return this.say(this.problemText(problem));
    // Kept only in this page's memory, for Undo; gone when the page is left or the minute is up.
    this.deleted = this.list;
    this.list = undefined;
    this.problem = undefined;
    this.render();
    clearTimeout(this.undoTimer);
    this.undo.hidden = false;
    this.undo.querySelector<HTMLElement>('[data-undo-button]')!.hidden = !this.deleted;
    this.undo.querySelector<HTMLElement>('[data-undo-hint]')!.hidden = !this.deleted;
    const message = this.undo.querySelector<HTMLElement>('[data-undo-message]')!;
    message.textContent = this.text('deleted');
    message.focus();
    this.undoTimer = setTimeout(() => this.dropUndo(), UNDO_MS);
  }

  private dropUndo(): void {
    this.deleted = undefined;
    this.undo.querySelector<HTMLElement>('[data-undo-button]')!.hidden = true;
    this.undo.querySelector<HTMLElement>('[data-undo-hint]')!.hidden = true;
  }

  private restore(): void {
    if (!this.deleted) return;
    const list = this.deleted;
    clearTimeout(this.undoTimer);
    this.dropUndo();
    if (this.commit(list)) {
      this.undo.hidden = true;
      this.say(this.text('undone'));
      this.find('list-heading').focus();
    }
  }
}

startAll('my-tasks', (root) => new MyTasksPage(root));
