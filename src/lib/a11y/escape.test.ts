import { describe, expect, it } from 'vitest';
import { decodeEntities, escapeMarkup } from './escape.ts';

describe('escaping for HTML and XML', () => {
  it('escapes the five markup characters and drops what XML cannot hold', () => {
    expect(escapeMarkup(`<a href="x">Tom & Jerry's</a>\u0007`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });

  it('keeps tabs, new lines and any other text as it is', () => {
    expect(escapeMarkup('a\tb\nc – ü 😀')).toBe('a\tb\nc – ü 😀');
  });

  it('decodes named, decimal and hexadecimal references, and leaves bare ampersands alone', () => {
    expect(decodeEntities('/a?x=1&amp;y=2&#39;&#x41;&eacute; & more')).toBe("/a?x=1&y=2'Aé & more");
  });

  it('round-trips', () => {
    const text = `if (a < b && c > "d") { 'e' }`;
    expect(decodeEntities(escapeMarkup(text))).toBe(text);
  });
});
