import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BaselineEntry, Problem } from '../../schemas/a11y.ts';
import { baselineStatus, loadBaseline, matchBaseline, urlMatches } from './baseline.ts';

const dir = mkdtempSync(join(tmpdir(), 'a11y-baseline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const entry = (fields: Partial<BaselineEntry> = {}): BaselineEntry => ({
  rule: 'color-contrast',
  url: '/performance/*',
  selector: '*',
  owner: 'Data team',
  reason: 'Chart text colours are being redesigned',
  expires: '2030-01-31',
  ...fields,
});
const problem = (fields: Partial<Problem> = {}) => ({ rule: 'color-contrast', page: '/performance/pay-a-bill', selector: 'svg > text', known: null, ...fields }) as Problem;

describe('URL patterns', () => {
  it('* stays within one path segment; ** crosses them; ? and . are plain characters', () => {
    expect(urlMatches('/performance/*', '/performance/pay-a-bill')).toBe(true);
    expect(urlMatches('/performance/*', '/performance/pay-a-bill/more')).toBe(false);
    expect(urlMatches('/performance/**', '/performance/pay-a-bill/more')).toBe(true);
    expect(urlMatches('/**', '/')).toBe(true);
    expect(urlMatches('/search?q=*', '/search?q=pothole')).toBe(true);
    expect(urlMatches('/search?q=*', '/searchXq=pothole')).toBe(false);
    expect(urlMatches('/a.html', '/aXhtml')).toBe(false);
  });
});

describe('matching problems', () => {
  it('matches on rule, page and selector ("*" is any element)', () => {
    expect(matchBaseline([entry()], problem(), '2026-11-23')).toBeDefined();
    expect(matchBaseline([entry({ selector: 'svg > text' })], problem(), '2026-11-23')).toBeDefined();
    expect(matchBaseline([entry({ selector: 'svg > rect' })], problem(), '2026-11-23')).toBeUndefined();
    expect(matchBaseline([entry({ rule: 'image-alt' })], problem(), '2026-11-23')).toBeUndefined();
    expect(matchBaseline([entry({ url: '/browse/*' })], problem(), '2026-11-23')).toBeUndefined();
  });

  it('an entry past its date covers nothing; on its last day it still does', () => {
    expect(matchBaseline([entry({ expires: '2026-11-22' })], problem(), '2026-11-23')).toBeUndefined();
    expect(matchBaseline([entry({ expires: '2026-11-23' })], problem(), '2026-11-23')).toBeDefined();
  });

  it('sorts entries into expired, fixed (page audited, no match) and not audited', () => {
    const used = entry();
    const expired = entry({ expires: '2020-01-01' });
    const fixed = entry({ rule: 'label' });
    const elsewhere = entry({ url: '/browse/*' });
    const status = baselineStatus([used, expired, fixed, elsewhere], [problem({ known: { owner: 'x', reason: 'y', expires: 'z' } })], ['/performance/pay-a-bill'], '2026-11-23');
    expect(status).toEqual({ expired: [expired], fixed: [fixed], notAudited: [elsewhere] });
  });
});

describe('reading a11y-baseline.yml', () => {
  it('treats a missing or empty file as an empty baseline', () => {
    expect(loadBaseline(join(dir, 'none.yml'), dir)).toEqual({ ok: true, entries: [] });
    expect(loadBaseline(file('empty.yml', '# nothing yet\n'), dir)).toEqual({ ok: true, entries: [] });
  });

  it('reads good entries', () => {
    const result = loadBaseline(file('good.yml', 'known:\n  - rule: color-contrast\n    url: /performance/*\n    selector: "*"\n    owner: Data team\n    reason: Chart colours are being redesigned\n    expires: 2030-01-31\n'), dir);
    expect(result).toEqual({ ok: true, entries: [entry({ reason: 'Chart colours are being redesigned' })] });
  });

  it('says exactly what is wrong with a bad entry, with its line', () => {
    const result = loadBaseline(
      file(
        'bad.yml',
        [
          'known:',
          '  - rule: color-contrast',
          '    url: performance',
          '    selector: "*"',
          '    owner: Data team',
          '    reason: short',
          '    expires: 31/01/2030',
          '  - rule: Color Contrast',
          '    url: /**',
          '    selector: ""',
          '    ownr: Data team',
          '    reason: Chart colours are being redesigned',
          '    expires: 2030-02-30',
        ].join('\n'),
      ),
      dir,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      'bad.yml:3 known[0].url: must be a path on the site starting with "/" (e.g. "/browse/*"), or "**" for every page',
      'bad.yml:6 known[0].reason: must say why it cannot be fixed now (at least 10 characters)',
      'bad.yml:7 known[0].expires: "31/01/2030" is not a date (use YYYY-MM-DD)',
      'bad.yml:8 known[1].rule: must be a rule id as the report shows it, e.g. "color-contrast" or "focus-not-visible"',
      // A missing field points at the start of its entry.
      'bad.yml:8 known[1].owner: is missing: add this field',
      'bad.yml:10 known[1].selector: must not be empty: copy it from the report, or use "*" for any element',
      'bad.yml:11 known[1]: unknown field "ownr": check the spelling or remove it',
      'bad.yml:13 known[1].expires: "2030-02-30" is not a date: February 2030 has no 30th; its last day is 2030-02-28',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const result = loadBaseline(file('syntax.yml', 'known:\n  - rule: x\n   url: [\n'), dir);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toMatch(/^syntax\.yml:3 (url: )?this line is not lined up with the field above it/);
  });

  it('the project baseline is valid', () => {
    const result = loadBaseline(join(import.meta.dirname, '../../../a11y-baseline.yml'), join(import.meta.dirname, '../../..'));
    expect(result.ok ? [] : result.errors).toEqual([]);
  });
});
