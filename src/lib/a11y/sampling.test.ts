import { describe, expect, it } from 'vitest';
import { addressPattern, choosePages, defaultSeed, fingerprintHtml, fingerprintOther, groupByTemplate, seededShuffle, templateKey, type FoundPage } from './sampling.ts';

const page = (main: string, extra = '') => `<!doctype html><html lang="en"><head><title>x</title><script>if (a < b) document.write("<h6>")</script></head>
<body><header><a href="/">Home</a><form role="search" action="/search"><input name="q"><button>Search</button></form></header>${extra}
<main id="main">${main}</main><footer><h2>Footer</h2></footer></body></html>`;

describe('template fingerprints', () => {
  it('ignore text and counts, keep landmarks, heading levels, forms and components', () => {
    const three = fingerprintHtml(page('<h1>Pay your council tax</h1><h2>Cost</h2><p>£5</p><h2>Steps</h2><ol><li>a</li><li>b</li><li>c</li></ol>'));
    const five = fingerprintHtml(page('<h1>Report a pothole</h1><h2>Steps</h2><ol><li>a</li><li>b</li><li>c</li><li>d</li><li>e</li></ol><h2>After</h2><h2>Contact</h2>'));
    expect(templateKey(three)).toBe(templateKey(five));
    expect(three.landmarks).toEqual(['banner', 'contentinfo', 'main', 'search']);
    // The footer's h2 and the script's "<h6>" are not the main content's outline.
    expect(three.outline).toEqual(['h1', 'h2']);
    expect(three.forms).toEqual(['get:submit,text']);
    expect(three.components).toEqual(['ol']);
    // The test page's inline script is its only code.
    expect(three.code).toEqual([expect.stringMatching(/^inline:[0-9a-f]{8}$/)]);
  });

  it('tell apart pages with another form shape, a table, an extra landmark or deeper headings', () => {
    const base = templateKey(fingerprintHtml(page('<h1>A</h1><h2>B</h2>')));
    const variants = [
      page('<h1>A</h1><h2>B</h2><form method="post"><fieldset><input type="radio" name="r"></fieldset><textarea></textarea><button type="submit">Send</button></form>'),
      page('<h1>A</h1><h2>B</h2><table><tr><td>1</td></tr></table>'),
      page('<h1>A</h1><h2>B</h2>', '<nav aria-label="Breadcrumb"><a href="/">Home</a></nav>'),
      page('<h1>A</h1><h2>B</h2><h3>C</h3>'),
      page('<h1>A</h1><h2>B</h2><div data-module="page-feedback"></div>'),
    ];
    const keys = variants.map((html) => templateKey(fingerprintHtml(html)));
    expect(new Set([base, ...keys]).size).toBe(variants.length + 1);
  });

  it('tell apart pages that run other code, but not pages that only carry other data', () => {
    const withCode = (head: string) => templateKey(fingerprintHtml(page('<h1>A</h1>', '').replace('</head>', `${head}</head>`)));
    const bundle = withCode('<script type="module" src="/_astro/task.1a2b.js?v=3"></script><link rel="stylesheet" href="/_astro/task.css">');
    expect(withCode('<link rel="stylesheet" href="/_astro/task.css"><script type="module" src="/_astro/task.1a2b.js"></script>')).toBe(bundle);
    expect(withCode('<script type="module" src="/_astro/task.1a2b.js"></script><link rel="stylesheet" href="/_astro/task.css"><script type="application/json">{"n":5}</script>')).toBe(bundle);
    expect(withCode('<script type="module" src="/_astro/search.9f.js"></script><link rel="stylesheet" href="/_astro/task.css">')).not.toBe(bundle);
    expect(withCode('<style>:focus { outline: none }</style>')).not.toBe(withCode('<style>:focus { outline: 3px solid }</style>'));
  });

  it('read a page without <main> whole, and <div role="main"> as main', () => {
    expect(fingerprintHtml('<body><h1>A</h1><h3>B</h3></body>').outline).toEqual(['h1', 'h3']);
    const roleMain = fingerprintHtml('<body><div role="banner"><h4>Logo</h4></div><div role="main"><h1>A</h1><table></table></div></body>');
    expect(roleMain.landmarks).toEqual(['banner', 'main']);
    expect(roleMain.outline).toEqual(['h1']);
    expect(roleMain.components).toEqual(['table']);
  });

  it('group documents that are not HTML by their kind', () => {
    expect(templateKey(fingerprintOther('xml'))).toBe('xml');
    expect(templateKey(fingerprintOther('xml'))).not.toBe(templateKey(fingerprintHtml('')));
  });
});

const found = (groups: Record<string, string[]>): FoundPage[] =>
  Object.entries(groups).flatMap(([kind, paths]) => paths.map((path) => ({ path, fingerprint: fingerprintOther(kind) })));

describe('grouping by template', () => {
  it('numbers templates in the order found and names them by their address pattern', () => {
    const templates = groupByTemplate(found({ home: ['/'], task: ['/pay', '/apply', '/report'], perf: ['/performance/pay', '/performance/apply'] }));
    expect(templates.map((template) => [template.id, template.pages.length, template.pattern])).toEqual([
      ['T1', 1, '/'],
      ['T2', 3, '/*'],
      ['T3', 2, '/performance/*'],
    ]);
    expect(addressPattern(['/browse/a', '/help/b', '/browse/c/d'])).toBe('/browse/a and 2 like it');
    expect(addressPattern(['/pay/checklist', '/apply/checklist'])).toBe('/*/checklist');
    expect(addressPattern(['/performance', '/performance?period=7'])).toBe('/performance?…');
  });
});

describe('choosing the sample', () => {
  const templates = groupByTemplate(
    found({
      home: ['/'],
      task: Array.from({ length: 40 }, (_, index) => `/task-${index}`),
      perf: Array.from({ length: 30 }, (_, index) => `/performance/task-${index}`),
      form: ['/done/pay'],
    }),
  );

  it('audits one page of every template, the required pages and a seeded random sample of the rest', () => {
    const choice = choosePages(templates, { sample: 5, seed: 42, maxPages: 400, required: ['/performance/task-7'] });
    const byReason = (reason: string) => choice.chosen.filter((item) => item.reason === reason).map((item) => item.path);
    expect(byReason('template').sort()).toEqual(['/', '/done/pay', '/performance/task-7', '/task-0']);
    expect(byReason('random')).toHaveLength(5);
    expect(choice.chosen).toHaveLength(9);
    expect(choice.leftOut).toHaveLength(72 - 9);
    expect(new Set([...choice.chosen.map((item) => item.path), ...choice.leftOut.map((item) => item.path)]).size).toBe(72);
    // The same seed gives the same sample; another seed another one.
    expect(choosePages(templates, { sample: 5, seed: 42, maxPages: 400 }).chosen).toEqual(choosePages(templates, { sample: 5, seed: 42, maxPages: 400 }).chosen);
    expect(byReason('random')).not.toEqual(choosePages(templates, { sample: 5, seed: 43, maxPages: 400, required: ['/performance/task-7'] }).chosen.filter((item) => item.reason === 'random').map((item) => item.path));
  });

  it('with --max-pages covers every template first, then fills with the random draw', () => {
    const choice = choosePages(templates, { sample: Infinity, seed: 1, maxPages: 6 });
    expect(choice.chosen).toHaveLength(6);
    expect(new Set(choice.chosen.map((item) => item.template))).toEqual(new Set(['T1', 'T2', 'T3', 'T4']));
    expect(choice.chosen.filter((item) => item.reason === 'random')).toHaveLength(2);
    expect(choice.templatesLeftOut).toEqual([]);
  });

  it('keeps the biggest templates when --max-pages is below the number of templates, and says which were left out', () => {
    const choice = choosePages(templates, { sample: Infinity, seed: 1, maxPages: 2 });
    expect(choice.chosen.map((item) => item.template).sort()).toEqual(['T2', 'T3']);
    expect(choice.templatesLeftOut).toEqual(['T1', 'T4']);
  });

  it('audits every page with an unlimited sample, and lists the chosen pages in the order found', () => {
    const choice = choosePages(templates, { sample: Infinity, seed: 7, maxPages: 1000 });
    expect(choice.leftOut).toEqual([]);
    expect(choice.chosen.map((item) => item.path)).toEqual(templates.flatMap((template) => template.pages).sort((a, b) => order(a) - order(b)));
  });
  const all = templates.flatMap((template) => template.pages);
  const order = (path: string) => ['/', ...all.filter((item) => item !== '/')].indexOf(path);
});

describe('seeds', () => {
  it('shuffle the same way every time for a seed, and the default seed is the day', () => {
    const items = Array.from({ length: 20 }, (_, index) => index);
    expect(seededShuffle(items, 9)).toEqual(seededShuffle(items, 9));
    expect(seededShuffle(items, 9)).not.toEqual(items);
    expect([...seededShuffle(items, 9)].sort((a, b) => a - b)).toEqual(items);
    expect(defaultSeed(new Date('2026-11-26T23:59:00Z'))).toBe(20261126);
  });
});
