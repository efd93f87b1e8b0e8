import { describe, expect, it } from 'vitest';
import { markdownToHtml } from 'satteri';
import { isPhoneNumber, linkPhonesInHtml, phoneSegments, telHref } from './phone-numbers.ts';

const numbers = (text: string) => phoneSegments(text).filter((segment) => segment.tel).map((segment) => [segment.text, segment.tel]);

describe('phone numbers in text', () => {
  it('finds full UK numbers however they are grouped, and keeps the text around them', () => {
    expect(phoneSegments('Call us on 01632 960 400 at any time.')).toEqual([
      { text: 'Call us on ' },
      { text: '01632 960 400', tel: 'tel:+441632960400' },
      { text: ' at any time.' },
    ]);
    expect(numbers('Ring 0300 123 5000 or 0800-111-999.')).toEqual([
      ['0300 123 5000', 'tel:+443001235000'],
      ['0800-111-999', 'tel:+44800111999'],
    ]);
    expect(numbers('From abroad: +44 1632 960400')).toEqual([['+44 1632 960400', 'tel:+441632960400']]);
  });

  it('links a short national line only where it is clearly a number to ring', () => {
    expect(numbers('If someone is in danger, call 999.')).toEqual([['999', 'tel:999']]);
    expect(numbers('call the police on 101. If anyone is hurt, call 999')).toEqual([['101', 'tel:101'], ['999', 'tel:999']]);
    expect(numbers('101 (or 999 in an emergency)')).toEqual([['101', 'tel:101'], ['999', 'tel:999']]);
    expect(numbers('call your GP or 111')).toEqual([['111', 'tel:111']]);
    expect(numbers('NHS 111 helps when you need medical help fast.')).toEqual([]);
    expect(numbers('Report a power cut on the 105 website, or visit 111.nhs.uk')).toEqual([]);
  });

  it('leaves dates, money, reference numbers and too-short or too-long digit runs alone', () => {
    for (const text of ['Checked on 2026-09-03.', 'It costs £105 a year.', 'Account numbers start with 5 and have 8 digits: 51234567.', 'Dial 0123 45.', 'Code 0123 4567 8901 2345']) {
      expect(numbers(text), text).toEqual([]);
    }
  });

  it('returns text without a number as one plain run, even when empty', () => {
    expect(phoneSegments('No number here.')).toEqual([{ text: 'No number here.' }]);
    expect(phoneSegments('')).toEqual([{ text: '' }]);
  });

  it('makes E.164 tel: addresses and tells a bare number from a sentence', () => {
    expect(telHref('01632 960 400')).toBe('tel:+441632960400');
    expect(telHref('+44 (0)1632 960400')).toBe('tel:+441632960400');
    expect(telHref('105')).toBe('tel:105');
    expect(isPhoneNumber('01632 960 400')).toBe(true);
    expect(isPhoneNumber('999')).toBe(true);
    expect(isPhoneNumber('call 01632 960 400')).toBe(false);
    expect(isPhoneNumber('12345')).toBe(false);
  });
});

/** A task body as the build makes it: Markdown to HTML by Astro's processor, then the numbers linked. */
const html = async (markdown: string) => linkPhonesInHtml((await markdownToHtml(markdown)).html).trim();

describe('phone numbers in a task body', () => {
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

  it('leaves numbers already in a link, in code, and in attributes as they are', async () => {
    expect(await html('[Call 01632 960 400](https://example.org/contact) or `01632 960 401`')).toBe(
      '<p><a href="https://example.org/contact">Call 01632 960 400</a> or <code>01632 960 401</code></p>',
    );
    expect(await html('```\nring 01632 960 402\n```\n\n![call 01632 960 403](/map.png "on 01632 960 404") then 01632 960 405')).toBe(
      '<pre><code>ring 01632 960 402\n</code></pre>\n<p><img src="/map.png" alt="call 01632 960 403" title="on 01632 960 404"> then <a href="tel:+441632960405">01632 960 405</a></p>',
    );
  });

  it('links text after a kept element closes, and ignores a comment', () => {
    expect(linkPhonesInHtml('<p><code>0</code> call 999 <!-- 01632 960 400 --></p>')).toBe('<p><code>0</code> call <a href="tel:999">999</a> <!-- 01632 960 400 --></p>');
  });

  it('changes nothing in text without a phone number', async () => {
    expect(await html('It costs £105 and takes 10 working days (from 2026-09-03).')).toBe('<p>It costs £105 and takes 10 working days (from 2026-09-03).</p>');
  });
});
