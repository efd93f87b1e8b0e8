import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bodyFor, chooseEncoding, renderOnce } from './rendered.ts';

describe('figures bodies written once per read', () => {
  it('writes a body once per figures object and kind', () => {
    const figures = { period: 90 };
    let writes = 0;
    const render = () => `${++writes}`;
    const first = renderOnce(figures, 'json', render);
    expect(renderOnce(figures, 'json', render)).toBe(first);
    expect(renderOnce(figures, 'csv', render).body.toString()).toBe('2');
    expect(renderOnce({ period: 90 }, 'json', render).body.toString()).toBe('3');
    expect(writes).toBe(3);
  });

  // A run of expect(f(x)).toBe(y), alike in shape to other formatter tests (wcag, incidents, scrub): each pins its own answers.
  it('chooses brotli, then gzip, as the request allows', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('gzip, deflate')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(chooseEncoding('GZIP')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*, br;q=0')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeUndefined();
    expect(chooseEncoding('')).toBeUndefined();
    expect(chooseEncoding(null)).toBeUndefined();
  });

  it('compresses each copy once, to the same bytes, and leaves small bodies alone', async () => {
    const text = JSON.stringify(Array.from({ length: 400 }, (_, index) => ({ task: `task-${index}`, views: index })));
    const rendered = renderOnce({}, 'json', () => text);
    const [one, two] = await Promise.all([bodyFor(rendered, 'gzip'), bodyFor(rendered, 'gzip')]);
    expect(one.encoding).toBe('gzip');
    expect(two.body).toBe(one.body);
    expect(gunzipSync(one.body).toString()).toBe(text);
    const br = await bodyFor(rendered, 'br, gzip');
    expect(br.encoding).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(text);
    expect((await bodyFor(rendered, null)).body.toString()).toBe(text);
    const small = await bodyFor(renderOnce({}, 'json', () => '{"ok":true}'), 'br');
    expect(small).toEqual({ body: Buffer.from('{"ok":true}') });
  });
});
