/**
 * The checklist on a task page: "Save to my tasks", ticks on "You will need" and the steps,
 * and the "Keep a record" choice. Ticks are kept only once the task is saved; choosing
 * Start on this page is added with its date when the task is saved or a record is kept.
 */
import { Component, formatDay, startAll, store } from './component.ts';
import { emptyList, findTask, markStarted, removeTask, setTick, upsertTask, type MyTask, type MyTasksFile, type Problem, type TaskInfo } from './store.ts';

type ListName = 'needs' | 'steps';

export class TaskChecklist extends Component {
  private list: MyTasksFile | undefined;
  private problem: Problem | undefined;
  private warnedNotKept = false;
  private readonly info: TaskInfo;
  private readonly boxes: HTMLInputElement[];
  private readonly save = this.find<HTMLButtonElement>('save');
  private readonly record = this.find<HTMLInputElement>('record');
  private readonly note = this.find('saved-note');
  private readonly status = this.find('status');
  private readonly problemBox = this.find('problem');

  constructor(root: HTMLElement) {
    super(root);
    this.boxes = [...root.querySelectorAll<HTMLInputElement>('input[data-list]')];
    const count = (name: ListName) => this.boxes.filter((box) => box.dataset.list === name).length;
    this.info = { slug: root.dataset.slug!, title: root.dataset.title!, needs: count('needs'), steps: count('steps') };
    void this.start();
  }

  private async start(): Promise<void> {
    ({ list: this.list, problem: this.problem } = await this.openList());
    // Keep the saved task in step with the page (its title or number of steps may have changed).
    const mine = findTask(this.list, this.info.slug);
    if (this.list && mine && !this.problem) {
      const fitted = upsertTask(this.list, this.info, new Date(mine.updatedAt));
      if (JSON.stringify(fitted) !== JSON.stringify(this.list)) this.commit(fitted);
    }
    this.render(true);
    this.reveal();
    for (const box of this.boxes) box.addEventListener('change', () => this.tick(box));
    this.save.addEventListener('click', () => this.toggleSaved());
    this.record.addEventListener('change', () => this.setRecord(this.record.checked));
    // Start links may sit anywhere on the page; they are recorded as the browser follows them.
    document.addEventListener('click', (event) => {
      const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>('a[href]');
      if (link && new URL(link.href, location.href).pathname === `/start/${this.info.slug}`) this.started();
    });
    // Another tab changed the list: show what it holds now.
    window.addEventListener('storage', () => void this.openList().then((opened) => ((this.list = opened.list), (this.problem = opened.problem), this.render(true))));
  }

  private get task(): MyTask | undefined {
    return findTask(this.list, this.info.slug);
  }

  /** Storage can be written: read fine, or empty. */
  private get writable(): boolean {
    return this.problem === undefined || this.problem === 'full';
  }

  /** Shows the list's state; the ticks only when asked, so a failed write never unticks what the person just ticked. */
  private render(withTicks = false): void {
    const task = this.task;
    for (const box of this.boxes) {
      if (task && withTicks) box.checked = task[box.dataset.list as ListName].done.includes(Number(box.value));
    }
    this.save.textContent = this.text(task ? 'remove' : 'save');
    this.save.disabled = !this.writable;
    this.record.checked = this.list?.settings.record ?? false;
    this.record.disabled = !this.writable;
    this.note.textContent = task ? this.text('savedOn', { date: formatDay(task.addedAt) }) : this.text('notSaved');
    this.problemBox.hidden = !this.problem;
    this.problemBox.textContent = this.problem ? this.problemText(this.problem) : '';
  }

  /** Writes the list; on failure keeps the page as the person left it and says what happened. */
  private commit(next: MyTasksFile): boolean {
    const problem = store.write(next);
    if (problem) {
      this.problem = problem;
      this.render();
      this.status.textContent = this.problemText(problem);
      return false;
    }
    this.list = next;
    this.problem = undefined;
    return true;
  }

  private ticksOnPage(name: ListName) {
    const done = this.boxes.filter((box) => box.dataset.list === name && box.checked).map((box) => Number(box.value));
    return { done, total: this.info[name] ?? 0 };
  }

  private tick(box: HTMLInputElement): void {
    const name = box.dataset.list as ListName;
    if (!this.list || !this.task || !this.writable) {
      if (!this.warnedNotKept) this.status.textContent = this.text('tickNotKept');
      this.warnedNotKept = true;
      return;
    }
    const next = upsertTask(this.list, this.info, new Date(), (task) => ({ ...task, [name]: setTick(task[name], Number(box.value), box.checked) }));
    if (this.commit(next)) {
      const steps = findTask(next, this.info.slug)!.steps;
      this.status.textContent = this.text('tickKept', { done: steps.done.length, total: steps.total });
    }
  }

  private toggleSaved(): void {
    const list = this.list ?? emptyList();
    if (this.task) {
      if (this.commit(removeTask(list, this.info.slug))) this.status.textContent = this.text('removed');
    } else {
      // Ticks made before saving are kept with it.
      const next = upsertTask(list, this.info, new Date(), (task) => ({ ...task, needs: this.ticksOnPage('needs'), steps: this.ticksOnPage('steps') }));
      if (this.commit(next)) this.status.textContent = this.text('saved');
    }
    this.render();
  }

  private setRecord(record: boolean): void {
    const list = this.list ?? emptyList();
    if (this.commit({ ...list, settings: { ...list.settings, record } })) this.status.textContent = this.text(record ? 'recordOn' : 'recordOff');
    this.render();
  }

  private started(): void {
    if (!this.list || !this.writable || (!this.task && !this.list.settings.record)) return;
    const now = new Date();
    this.commit(upsertTask(this.list, this.info, now, (task) => markStarted(task, now)));
  }
}

startAll('my-task', (root) => new TaskChecklist(root));
