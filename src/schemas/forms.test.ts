import { describe, expect, it } from 'vitest';
import { feedbackFormSchema, readForm, satisfactionFormSchema } from './forms.ts';

const post = (body: string, type = 'application/x-www-form-urlencoded') => new Request('http://portal.test/done/x', { method: 'POST', headers: { 'Content-Type': type }, body });

describe('readForm', () => {
  it('gives the checked data, and what was typed; a repeated field keeps its first value', async () => {
    const form = await readForm(post('rating=4&rating=1&comment=%20Quick%20'), satisfactionFormSchema);
    expect(form).toEqual({ values: { rating: '4', comment: ' Quick ' }, ok: true, data: { rating: 4, comment: 'Quick' } });
  });

  it('names the first problem of each field, in the words the error summary shows', async () => {
    const form = await readForm(post(`comment=${'a'.repeat(1201)}`), satisfactionFormSchema);
    expect(form.ok).toBe(false);
    if (!form.ok) expect(form.errors).toEqual({ rating: 'Select how you felt about the service', comment: expect.stringMatching(/^Your comment must be \d+ characters or fewer$/) });
  });

  it('treats a body it cannot read as an empty form, never as an exception', async () => {
    const form = await readForm(post('{not a form', 'multipart/form-data; boundary=x'), feedbackFormSchema);
    expect(form).toEqual({ values: {}, ok: true, data: {} });
  });
});
