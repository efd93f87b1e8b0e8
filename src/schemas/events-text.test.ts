/** Query and comment text must be something both stores hold as sent; a 400 names the field otherwise. */
import { describe, expect, it } from 'vitest';
import { eventSchemaFor } from './events.ts';

const schema = eventSchemaFor(new Set(['a-task']));
const id = '0b8e7d52-5a4c-4c47-9a7e-9d0f3f1d6a11';
const issues = (event: unknown) => {
  const result = schema.safeParse(event);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('storable text in events', () => {
  it.each([
    ['NUL', 'council\u0000tax'],
    ['escape', 'council\u001btax'],
    ['delete', 'council\u007ftax'],
    ['vertical tab', 'council\u000btax'],
  ])('refuses a %s in a query or a comment, naming the field', (_name, text) => {
    expect(issues({ type: 'search', id, query: text, results: 0 })).toEqual(['query: query must not contain control characters (such as NUL)']);
    expect(issues({ type: 'feedback', id, task: 'a-task', useful: false, comment: text })).toEqual(['comment: comment must not contain control characters (such as NUL)']);
  });

  it('refuses a lone surrogate', () => {
    expect(issues({ type: 'feedback', id, task: 'a-task', useful: false, comment: 'ok \ud800' })).toEqual(['comment: comment must be valid Unicode text (it holds a lone surrogate)']);
  });

  it('keeps line breaks, tabs, accents and emoji', () => {
    expect(issues({ type: 'feedback', id, task: 'a-task', useful: true, comment: 'Line one\r\nline two\tcafé 😀' })).toEqual([]);
    expect(issues({ type: 'search', id, query: 'café 😀', results: 2 })).toEqual([]);
  });
});
