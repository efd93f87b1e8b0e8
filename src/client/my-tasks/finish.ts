/**
 * On a task's done page: adds the finish to My tasks when the task is saved or a record is
 * kept; otherwise offers "Keep a record on this device" once, as a button.
 */
import { Component, startAll, store } from './component.ts';
import { emptyList, findTask, markFinished, upsertTask, type MyTasksFile, type TaskInfo } from './store.ts';

export class FinishRecord extends Component {
  private readonly info: TaskInfo;
  private readonly offer = this.find('offer');
  private readonly keep = this.find<HTMLButtonElement>('keep');
  private readonly status = this.find('status');
  private readonly link = this.find('link');

  constructor(root: HTMLElement) {
    super(root);
    this.info = { slug: root.dataset.slug!, title: root.dataset.title! };
    void this.start();
  }

  private async start(): Promise<void> {
    const { list, problem } = await this.openList();
    // Storage refused or damaged: nothing useful to offer here; the task page and My tasks say why.
    if (problem && problem !== 'full') return;
    if (list && (findTask(list, this.info.slug) || list.settings.record)) {
      if (this.finish(list)) this.done(this.text('finishRecorded'));
      return;
    }
    this.offer.hidden = false;
    this.reveal();
    this.keep.addEventListener('click', () => {
      const base = list ?? emptyList();
      if (this.finish({ ...base, settings: { ...base.settings, record: true } })) {
        this.offer.hidden = true;
        this.done(this.text('finishKept'));
        this.status.focus();
      }
    });
  }

  private finish(list: MyTasksFile): boolean {
    const now = new Date();
    const problem = store.write(upsertTask(list, this.info, now, (task) => markFinished(task, now)));
    if (problem) this.done(this.problemText(problem));
    return !problem;
  }

  private done(message: string): void {
    this.reveal();
    this.status.textContent = message;
    this.link.hidden = false;
  }
}

startAll('my-task-finish', (root) => new FinishRecord(root));
