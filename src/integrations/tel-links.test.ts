import { markdownToHtml } from 'satteri';
import { describe, expect, it } from 'vitest';
import { telLinks } from './tel-links.ts';

const html = async (markdown: string) => (await markdownToHtml(markdown, { hastPlugins: [telLinks] })).html.trim();

describe('the tel: links Markdown plugin', async () => {
  it('turns each phone number in a paragraph into a tel: link with the number as its text', async () => {
    expect(await html('If a hole could cause a crash right now, call us at any time on 01632 960 400.')).toBe(
      '<p>If a hole could cause a crash right now, call us at any time on <a href="tel:+441632960400">01632 960 400</a>.</p>',
    );
  });

  it('links several numbers in one text, inside emphasis and list items too', async () => {
    expect(await html('- call the police on 101\n- **in an emergency, call 999**')).toBe(
      '<ul>\n<li>call the police on <a href="tel:101">101</a></li>\n<li><strong>in an emergency, call <a href="tel:999">999</a></strong></li>\n</ul>',
    );
  });

  it('leaves numbers already in a link, and in code, as they are', async () => {
    expect(await html('[Call 01632 960 400](https://example.org/contact) or `01632 960 401`')).toBe(
      '<p><a href="https://example.org/contact">Call 01632 960 400</a> or <code>01632 960 401</code></p>',
    );
  });

  it('changes nothing in text without a phone number', async () => {
    expect(await html('It costs £105 and takes 10 working days (from 2026-09-03).')).toBe('<p>It costs £105 and takes 10 working days (from 2026-09-03).</p>');
  });
});
