import { describe, expect, it } from 'vitest';
import { externalResource, localAssets } from './fixture-index.ts';

describe('what an ACT example page needs offline', () => {
  it('finds the W3C assets a page loads or links to, absolute or relative, once each', () => {
    const html = `<img src="/WAI/content-assets/wcag-act-rules/test-assets/shared/w3c-logo.png">
      <link rel="stylesheet" href="../../test-assets/ffbc54/styles.css">
      <a href="/WAI/content-assets/wcag-act-rules/test-assets/bypass-blocks-cf77f2/chapter2.html">Next</a>
      <div style="background: url('/WAI/content-assets/wcag-act-rules/test-assets/shared/background.png')"></div>
      <img src="/WAI/content-assets/wcag-act-rules/test-assets/shared/w3c-logo.png" alt="again">`;
    expect(localAssets(html, 'testcases/ffbc54/abc.html')).toEqual([
      { path: 'test-assets/bypass-blocks-cf77f2/chapter2.html', loads: false },
      { path: 'test-assets/ffbc54/styles.css', loads: true },
      { path: 'test-assets/shared/background.png', loads: true },
      { path: 'test-assets/shared/w3c-logo.png', loads: true },
    ]);
  });

  it('ignores fragments, data URLs, mailto links and paths outside the W3C folder', () => {
    expect(localAssets('<a href="#main">Skip</a><img src="data:image/png;base64,AAAA"><a href="mailto:a@b.c">Mail</a><img src="/other/x.png">', 'testcases/x/y.html')).toEqual([]);
  });

  it('says a page cannot run offline when it loads something from another site, but not for a plain link', () => {
    expect(externalResource('<a href="https://www.w3.org/">W3C</a><a href="//example.org/">x</a>')).toBeNull();
    expect(externalResource('<iframe src="https://www.w3.org/TR/WCAG22/#abstract"></iframe>')).toBe('loads https://www.w3.org/TR/WCAG22/#abstract from www.w3.org, which is not available offline');
    expect(externalResource('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=X">')).toMatch(/from fonts\.googleapis\.com/);
    expect(externalResource('<link rel="canonical" href="https://example.org/">')).toBeNull();
    expect(externalResource('<p style="background:url(https://example.org/a.png)">x</p>')).toMatch(/from example\.org/);
  });
});
