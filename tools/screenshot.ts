/**
 * npm run screenshot -- <url> [<url>…] [--out reports/screenshots] [--widths 320,1280] [--no-js] [--slices]
 * Takes full-page screenshots in headless Chromium, so people can look at what they built.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../src/lib/browser/find-chromium.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string', default: 'reports/screenshots' },
    widths: { type: 'string', default: '320,1280' },
    'no-js': { type: 'boolean', default: false },
    slices: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help || positionals.length === 0) {
  console.log('Usage: npm run screenshot -- <url> [<url>…] [--out DIR] [--widths 320,1280] [--no-js] [--slices]\n  Saves full-page PNGs named after each path and width; --slices also saves 800 px tall pieces.');
  process.exit(values.help ? 0 : 2);
}

const widths = values.widths.split(',').map(Number);
if (widths.some((width) => !Number.isInteger(width) || width < 200 || width > 4000)) {
  console.error(`--widths must be whole numbers of pixels between 200 and 4000, e.g. 320,1280 (got "${values.widths}")`);
  process.exit(2);
}
mkdirSync(values.out, { recursive: true });
const browser = await launchChromium();
try {
  for (const width of widths) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: !values['no-js'] });
    const page = await context.newPage();
    for (const url of positionals) {
      await page.goto(url, { waitUntil: 'load' });
      const name = (new URL(url).pathname + new URL(url).search).replace(/^\/$/, '/home').replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
      const file = join(values.out, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      if (values.slices) {
        // Tall phone pages shrink to nothing in an image viewer; cut them into screen-sized pieces too.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        for (let y = 0, part = 1; y < height; y += 800, part++) {
          const slice = file.replace(/\.png$/, `-part${part}.png`);
          await page.screenshot({ path: slice, fullPage: true, clip: { x: 0, y, width, height: Math.min(800, height - y) } });
          console.log(slice);
        }
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
}
