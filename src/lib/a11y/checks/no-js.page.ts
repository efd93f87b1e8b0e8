/** Page side of the no-JavaScript check: the forms on the page and how to send each. */
import { ref, selectorOf } from '../page/elements.ts';
import type { FormInfo } from '../page/types.ts';
import { clippedAway, rendered } from '../page/visibility.ts';

export function forms(): FormInfo[] {
  return [...document.forms].map((form, index) => {
    const search = form.querySelector<HTMLInputElement>('input[type="search"], input[name="q"]');
    const submitter = form.querySelector('button:not([type]), button[type="submit"], input[type="submit"], input[type="image"]');
    const field = search ?? form.querySelector('input:not([type]), input[type="text"], input[type="email"], input[type="number"], input[type="tel"]');
    return {
      index,
      method: (form.getAttribute('method') ?? 'get').toLowerCase(),
      action: form.action,
      search: Boolean(search),
      visible: rendered(form) && !clippedAway(form),
      submitter: submitter ? selectorOf(submitter) : null,
      field: field ? selectorOf(field) : null,
      ref: ref(form),
    };
  });
}
