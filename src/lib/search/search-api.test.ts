import { describe, expect, it } from 'vitest';
import { parseSearchParams } from './search-api.ts';

const parse = (query: string) => parseSearchParams(new URLSearchParams(query));

describe('parseSearchParams', () => {
  it('defaults q to empty and limit to 10', () => {
    expect(parse('')).toEqual({ ok: true, q: '', limit: 10 });
    expect(parse('q=bin')).toEqual({ ok: true, q: 'bin', limit: 10 });
  });

  it('accepts limits from 1 to 50', () => {
    expect(parse('q=bin&limit=1')).toEqual({ ok: true, q: 'bin', limit: 1 });
    expect(parse('q=bin&limit=50')).toEqual({ ok: true, q: 'bin', limit: 50 });
  });

  it.each(['0', '51', '-1', '2.5', 'abc', '', '1e2', '9999999999'])('refuses limit=%s with a message saying what is allowed', (limit) => {
    expect(parse(`q=bin&limit=${limit}`)).toEqual({ ok: false, issues: [{ path: 'limit', message: 'limit must be a whole number from 1 to 50' }] });
  });
});
