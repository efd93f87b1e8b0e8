import { describe, expect, it } from 'vitest';
import { isPhoneNumber, phoneSegments, telHref } from './phone-numbers.ts';

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
