import { describe, expect, it } from 'vitest';
import { parseFrontMatter, splitFrontMatter } from './front-matter.ts';

describe('splitFrontMatter', () => {
  it.each([
    ['LF', '---\ntitle: A\n---\nBody\n'],
    ['CRLF', '---\r\ntitle: A\r\n---\r\nBody\r\n'],
    ['a byte order mark', '\uFEFF---\ntitle: A\n---\n'],
    ['no body and no final line break', '---\ntitle: A\n---'],
    ['empty front matter', '---\n---\nBody'],
  ])('cuts a file with %s into parts that join back to the same bytes', (_name, source) => {
    const parts = splitFrontMatter(source);
    if ('error' in parts) throw new Error(parts.error);
    expect(parts.open + parts.yaml + parts.close + parts.body).toBe(source);
  });

  it('says what is wrong when the fences are missing', () => {
    expect(splitFrontMatter('title: A\n')).toEqual({ error: 'the file must start with a line "---", then the fields, then another "---"' });
    expect(splitFrontMatter('---\ntitle: A\n')).toEqual({ error: 'the front matter has no closing "---" line' });
  });
});

describe('parseFrontMatter', () => {
  it('gives the lines of fields and of the body in the whole file', () => {
    const parsed = parseFrontMatter('---\ntitle: A\nsteps:\n  - title: B\n---\nBody line\n');
    expect(parsed.data).toEqual({ title: 'A', steps: [{ title: 'B' }] });
    expect(parsed.lineOf(['title'])).toBe(2);
    expect(parsed.lineOf(['steps', 0, 'title'])).toBe(4);
    expect(parsed.bodyLine).toBe(6);
    expect(parsed.body).toBe('Body line\n');
  });

  it('reports a file without front matter on line 1', () => {
    expect(parseFrontMatter('Just text').syntaxErrors).toEqual([{ line: 1, message: 'the file must start with a line "---", then the fields, then another "---"' }]);
  });
});
