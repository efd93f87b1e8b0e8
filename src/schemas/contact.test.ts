import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../lib/content/yaml-source.ts';
import { contactSchema, type ContactInput } from './contact.ts';
import { telHref } from '../lib/content/phone-numbers.ts';
import { phoneNumber } from './phone.ts';

const ROOT = join(import.meta.dirname, '../..');
/** The demo's own file doubles as the fixture: the schema must take what editors are shown. */
const demo = parseYaml(readFileSync(join(ROOT, 'content/contact.yml'), 'utf8')).data as ContactInput;

function problems(input: unknown): string[] {
  const result = contactSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('contactSchema', () => {
  it('accepts the demo contact file', () => {
    expect(problems(demo)).toEqual([]);
  });

  it('needs hours for every phone line, so nobody calls a line that is closed', () => {
    const phones = [{ label: 'General enquiries', number: '01632 960 000' }];
    expect(problems({ ...demo, phones })).toEqual(['phones.0.hours: is missing: add this field']);
  });

  it('needs an out-of-hours number and a named map link', () => {
    expect(problems({ ...demo, emergencies: [] })).toEqual(['emergencies: needs at least 1 number: say who to call out of hours']);
    expect(problems({ ...demo, address: { ...demo.address, map: { url: 'http://maps.example/x', linkText: 'Map' } } })).toEqual([
      "address.map.url: must be an https URL of the other body's page (https://…)",
    ]);
  });

  it('refuses a review date before the last review', () => {
    expect(problems({ ...demo, lastReviewed: '2026-11-20', reviewBy: '2026-01-01' })).toEqual(['reviewBy: must be after lastReviewed']);
  });
});

describe('phone numbers', () => {
  it.each([
    ['01632 960 000', 'tel:+441632960000'],
    ['+44 1632 960000', 'tel:+441632960000'],
    ['999', 'tel:999'],
    ['18001 01632 960 000', 'tel:1800101632960000'],
  ])('dials %s as %s', (written, href) => {
    expect(telHref(phoneNumber.parse(written))).toBe(href);
  });

  it('takes an unquoted short code (YAML reads 999 as a number) as written', () => {
    expect(phoneNumber.parse(999)).toBe('999');
  });

  it.each([
    ['01632-960-000', '"01632-960-000" is not a phone number: use digits and spaces only, e.g. "01632 960 000" (write words such as "free" in the hours or the label)'],
    ['0800 FREE', '"0800 FREE" is not a phone number: use digits and spaces only, e.g. "01632 960 000" (write words such as "free" in the hours or the label)'],
    ['12', 'must have 3 to 16 digits, e.g. "999" or "01632 960 000"'],
  ])('refuses %s', (written, message) => {
    const result = phoneNumber.safeParse(written);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([message]);
  });
});
