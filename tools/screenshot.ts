/**
 * npm run screenshot -- <url> [<url>…] [--out reports/screenshots] [--widths 320,1280] [--no-js] [--slices] [--json]
 * Takes full-page screenshots in headless Chromium, so people can look at what they built.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fail, intListOption, parseCli } from '../src/lib/cli/cli.ts';
import { launchChromium } from '../src/lib/browser/find-chromium.ts';

const { values, positionals } = parseCli({
  usage: 'npm run screenshot -- <url> [<url>…] [options]',
  summary: 'Saves full-page PNGs of each address at each width, named after the path and width.',
  positionals: '<url>…',
  options: {
    out: { type: 'string', default: 'reports/screenshots', valueName: 'dir', description: 'folder to save them in (default reports/screenshots)' },
    widths: { type: 'string', default: '320,1280', valueName: 'px,px', description: 'viewport widths in pixels (default 320,1280)' },
    'no-js': { type: 'boolean', description: 'load the pages with JavaScript off, as some people do' },
    slices: { type: 'boolean', description: 'also save 800 px tall pieces of each page' },
  },
  json: 'print the list of files written as JSON',
  cannotRun: 'could not run (wrong options, no browser, or a page would not load)',
});

const example = 'npm run screenshot -- http://localhost:4321/';
if (!positionals.length) fail(`Give at least one address to screenshot, e.g. ${example}`);
const urls = positionals.map((raw) => {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol)) fail(`"${raw}" is not a web address: give a full http(s) address, e.g. ${example}`);
  return url;
});
const widths = intListOption('widths', values.widths, { min: 200, max: 4000, example: '320,1280' });

mkdirSync(values.out, { recursive: true });
let browser;
try {
  browser = await launchChromium();
} catch (error) {
  fail(`Cannot start Chromium: ${(error as Error).message.split('\n')[0]}`);
}
const written: string[] = [];
// Each file is named as soon as it is written (unless --json), so a long run shows its progress.
const wrote = (file: string) => {
  written.push(file);
  if (!values.json) console.log(file);
};
let problem: string | undefined;
try {
  for (const width of widths) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: !values['no-js'] });
    const page = await context.newPage();
    for (const url of urls) {
      try {
        await page.goto(url.href, { waitUntil: 'load' });
      } catch (error) {
        // Playwright's first line names the address and the network error; the rest is its call log.
        problem = `Could not load ${url.href}: ${(error as Error).message.split('\n')[0]}. Is the portal running (npm start)?`;
        break;
      }
      const name = (url.pathname + url.search).replace(/^\/$/, '/home').replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
      const file = join(values.out, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      wrote(file);
      if (values.slices) {
        // Tall phone pages shrink to nothing in an image viewer; cut them into screen-sized pieces too.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        for (let y = 0, part = 1; y < height; y += 800, part++) {
          const slice = file.replace(/\.png$/, `-part${part}.png`);
          await page.screenshot({ path: slice, fullPage: true, clip: { x: 0, y, width, height: Math.min(800, height - y) } });
          wrote(slice);
        }
      }
    }
    await context.close();
    if (problem) break;
  }
} finally {
  await browser.close();
}
if (problem) fail(problem);
if (values.json) console.log(JSON.stringify({ files: written }, null, 2));
