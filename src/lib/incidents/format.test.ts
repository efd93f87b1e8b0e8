import { describe, expect, it } from 'vitest';
import { linkPhonesHtml } from '../content/phone-numbers.ts';
import { escapeHtml, formatMoment, formatPeriod, formatTime } from './format.ts';

// Runs of expect(format(x)).toBe(text) here, in wcag.test and scrub.test, are alike only in shape: each pins the exact words people read.
describe('incident times', () => {
  it('reads in UK time, GOV.UK style', () => {
    expect(formatTime('2026-11-26T09:15:00Z')).toBe('9:15am');
    expect(formatTime('2026-11-26T18:00:00Z')).toBe('6pm');
    expect(formatTime('2026-11-26T12:00:00Z')).toBe('midday');
    expect(formatTime('2026-11-26T00:00:00Z')).toBe('midnight');
    // British Summer Time: 23:30 UTC on 1 July is 00:30 on 2 July in Riverton.
    expect(formatMoment('2026-07-01T23:30:00Z')).toBe('12:30am on Thursday 2 July 2026');
  });
  it('says a period within a day, or across days', () => {
    expect(formatPeriod('2026-12-05T08:00:00Z', '2026-12-05T11:00:00Z')).toBe('on Saturday 5 December 2026 from 8am to 11am');
    expect(formatPeriod('2026-12-05T20:00:00Z', '2026-12-06T06:00:00Z')).toBe('from 8pm on Saturday 5 December 2026 to 6am on Sunday 6 December 2026');
  });
});

describe('phone numbers in a workaround', () => {
  it('become tel: links in international form', () => {
    expect(linkPhonesHtml('Call 0300 123 4567, Monday to Friday')).toBe('Call <a href="tel:+443001234567" class="tel-link">0300 123 4567</a>, Monday to Friday');
  });
  it('leaves other numbers alone and escapes the rest', () => {
    expect(linkPhonesHtml('Open 9 to 5 <b>& more</b>')).toBe('Open 9 to 5 &lt;b&gt;&amp; more&lt;/b&gt;');
    expect(linkPhonesHtml('Pay by phone on 01632 960 000.')).toBe('Pay by phone on <a href="tel:+441632960000" class="tel-link">01632 960 000</a>.');
    expect(escapeHtml(`"'`)).toBe('&quot;&#39;');
  });
});
