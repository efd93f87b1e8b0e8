/**
 * "Did this page help you?" answered in place, started from data-module="page-feedback"
 * (PageFeedback.astro). It posts the same plain form the page posts without JavaScript
 * (/feedback/<task>), so the server records it once, in one place. After "No" it shows
 * the comment field from the component's <template> (CommentField.astro). Any failure
 * falls back to submitting the plain form.
 */
import { startOnce } from './start-once.ts';

export const startPageFeedback = startOnce((section: HTMLElement): void => {
  const status = section.querySelector<HTMLElement>('[data-feedback-status]');
  const ask = section.querySelector<HTMLFormElement>('form');
  const template = section.querySelector<HTMLTemplateElement>('template[data-feedback-more]');
  if (!status || !ask || !template) return;

  const post = async (fields: Record<string, string>) => {
    const response = await fetch(ask.action, { method: 'POST', body: new URLSearchParams(fields) });
    if (!response.ok) throw new Error(String(response.status));
    return new URL(response.url).searchParams;
  };
  const thank = () => {
    section.replaceChildren(status);
    status.tabIndex = -1;
    status.textContent = section.dataset.thanks ?? '';
    status.focus();
  };

  ask.addEventListener('submit', async (event) => {
    const useful = (event.submitter as HTMLButtonElement | null)?.value;
    if (!useful) return;
    event.preventDefault();
    try {
      const result = await post({ useful });
      if (!result.get('more')) return thank();
      const more = template.content.firstElementChild!.cloneNode(true) as HTMLFormElement;
      ask.replaceWith(more);
      const comment = more.querySelector('textarea')!;
      comment.focus();
      more.addEventListener('submit', async (submit) => {
        submit.preventDefault();
        if (comment.value.trim()) await post({ id: result.get('id') ?? '', comment: comment.value }).catch(() => {});
        thank();
      });
    } catch {
      ask.requestSubmit(event.submitter as HTMLButtonElement);
    }
  });
});
