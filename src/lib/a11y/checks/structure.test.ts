import { describe, expect, it } from 'vitest';
import type { StructureInfo } from '../page/types.ts';
import { duplicateTitles, structureFindings } from './structure.ts';

const ref = (selector: string, text = '') => ({ selector, html: `<${selector}>`, text });
const good: StructureInfo = {
  documentKind: 'html',
  landmarks: 5,
  lang: 'en-GB',
  title: 'Report a pothole – Riverton City Council',
  h1: [{ ...ref('h1', 'Report a pothole'), level: 1, empty: false }],
  headings: [
    { ...ref('h1', 'Report a pothole'), level: 1, empty: false },
    { ...ref('h2', 'Who can use this'), level: 2, empty: false },
    { ...ref('h3', 'Step'), level: 3, empty: false },
    { ...ref('h2', 'Related'), level: 2, empty: false },
  ],
  mains: [ref('main')],
  banners: 1,
  contentinfos: 1,
  navs: [{ ...ref('nav', ''), name: 'Main' }, { ...ref('nav', ''), name: 'Support links' }],
  refreshes: [],
  unusedHeaders: [],
};
const rules = (info: Partial<StructureInfo>) => structureFindings({ ...good, ...info }).map((finding) => finding.rule);

describe('structure findings', () => {
  it('finds nothing on a well-built page', () => {
    expect(structureFindings(good)).toEqual([]);
  });

  it('needs a valid lang and a title', () => {
    expect(rules({ lang: null })).toEqual(['page-lang']);
    expect(rules({ lang: 'english please' })).toEqual(['page-lang']);
    expect(rules({ title: '' })).toEqual(['page-title']);
  });

  it('needs exactly one h1 and no skipped heading level', () => {
    expect(rules({ h1: [] })).toEqual(['one-h1']);
    expect(rules({ h1: [good.h1[0]!, { ...ref('h1.two', 'Two'), level: 1, empty: false }] })).toEqual(['one-h1']);
    const skipped = structureFindings({ ...good, headings: [good.headings[0]!, { ...ref('h4', 'Deep'), level: 4, empty: false }] });
    expect(skipped.map((finding) => [finding.rule, finding.selector, finding.criteria, finding.advice])).toEqual([['heading-levels', 'h4', [], true]]);
    expect(skipped[0]!.detail).toBe('h1 "Report a pothole" is followed by h4 "Deep", so the outline has a gap.');
    // Going back up any number of levels is fine.
    expect(rules({ headings: [good.headings[0]!, { ...ref('h2'), level: 2, empty: false }, { ...ref('h3'), level: 3, empty: false }, { ...ref('h2'), level: 2, empty: false }] })).toEqual([]);
  });

  it('needs one main, a banner, a contentinfo and named navigation when there is more than one', () => {
    expect(rules({ mains: [] })).toEqual(['landmark-main']);
    expect(rules({ mains: [ref('main'), ref('main.two')] })).toEqual(['landmark-main']);
    expect(rules({ banners: 0, contentinfos: 2 })).toEqual(['landmark-banner', 'landmark-contentinfo']);
    expect(rules({ navs: [{ ...ref('nav'), name: 'Main' }, { ...ref('nav.b'), name: '' }] })).toEqual(['landmark-nav-label']);
    expect(rules({ navs: [{ ...ref('nav'), name: 'Main' }, { ...ref('nav.b'), name: 'main' }] })).toEqual(['landmark-nav-label', 'landmark-nav-label']);
    expect(rules({ navs: [{ ...ref('nav'), name: '' }] })).toEqual([]);
  });

  it('fails a heading with nothing in it, whatever else is right', () => {
    const empty = structureFindings({ ...good, headings: [...good.headings, { ...ref('h2.blank'), level: 2, empty: true }] });
    expect(empty.map((finding) => [finding.rule, finding.selector, finding.criteria])).toEqual([['empty-heading', 'h2.blank', ['1.3.1', '2.4.6']]]);
  });

  it('gives house rules WCAG does not require (one h1, landmarks, heading levels) as advice on no criterion, never as failures', () => {
    const noMain = structureFindings({ ...good, mains: [], h1: [], banners: 0 });
    expect(noMain.map((finding) => [finding.rule, finding.criteria, finding.advice])).toEqual([
      ['one-h1', [], true],
      ['landmark-main', [], true],
      ['landmark-banner', [], true],
    ]);
    const failures = structureFindings({ ...good, lang: null, headings: [...good.headings, { ...ref('h2.blank'), level: 2, empty: true }] });
    expect(failures.map((finding) => [finding.rule, finding.advice])).toEqual([['page-lang', undefined], ['empty-heading', undefined]]);
  });

  it('fails the meta refresh the browser acts on when it sets a time limit', () => {
    const meta = (content: string) => ({ ...ref('meta'), content });
    expect(rules({ refreshes: [meta('0: https://w3.org'), meta('5; https://w3.org')] })).toEqual(['meta-refresh']);
    expect(rules({ refreshes: [meta('0; https://w3.org'), meta('5; https://w3.org')] })).toEqual([]);
    expect(rules({ refreshes: [meta('72001')] })).toEqual([]);
  });

  it('finds nothing to say about the structure of an SVG or XML document', () => {
    expect(structureFindings({ ...good, documentKind: 'svg', lang: null, title: '', h1: [], headings: [], mains: [], banners: 0, contentinfos: 0 })).toEqual([]);
  });
});

describe('titles shared between pages', () => {
  it('flags every page that shares its title with another address, but not the same page with another query', () => {
    const found = duplicateTitles(
      new Map([
        ['/a', 'Same'],
        ['/b', 'Same'],
        ['/performance', 'Figures'],
        ['/performance?period=7', 'Figures'],
        ['/c', 'Other'],
      ]),
    );
    expect([...found.keys()]).toEqual(['/a', '/b']);
    expect(found.get('/a')!.detail).toBe('"Same" is also the title of /b.');
  });
});
