import { describe, expect, it } from 'vitest';
import { cleanQuery, isStopWord, meaningfulWords, stem, words } from './text.ts';

describe('search text', () => {
  it('lowercases, drops accents and apostrophes, splits on anything else', () => {
    expect(words("Bin men DIDN'T come!")).toEqual(['bin', 'men', 'didnt', 'come']);
    expect(words('Café crème – 5cm')).toEqual(['cafe', 'creme', '5cm']);
    expect(words('fish & chips')).toEqual(['fish', 'and', 'chips']);
  });

  it('reads lunr operators typed by a person as plain separators', () => {
    expect(words('+council -tax ~2 bin^10 title:pothole pot*')).toEqual(['council', 'tax', '2', 'bin', '10', 'title', 'pothole', 'pot']);
    expect(words('+* ~~~ ^ :')).toEqual([]);
  });

  it('keeps letters of any script and drops emoji', () => {
    expect(words('ضريبة 🗑️ bin')).toEqual(['ضريبة', 'bin']);
  });

  it('trims whitespace and cuts queries at 100 characters', () => {
    expect(cleanQuery('   pay   council tax  ')).toBe('pay council tax');
    expect(cleanQuery('a'.repeat(10_000))).toHaveLength(100);
    expect(cleanQuery(undefined)).toBe('');
    expect(cleanQuery(['array'])).toBe('');
  });

  it('removes stop words and question filler, keeps words that matter', () => {
    expect(meaningfulWords('How do I pay my council tax please')).toEqual(['pay', 'council', 'tax']);
    expect(isStopWord('the')).toBe(true);
    expect(isStopWord('bin')).toBe(false);
  });

  it('stems the way the index does', () => {
    expect(stem('collected')).toBe(stem('collection'));
    expect(stem('bins')).toBe('bin');
  });
});
