/**
 * A UK phone number as editors write it ("01632 960 000", "999", "0800 123 4567",
 * "+44 1632 960000"). Pages dial it through telHref in src/lib/content/phone-numbers.ts,
 * the one place a number becomes a tel: address.
 */
import { z } from 'zod';
import { expected } from './common.ts';

/** Digits with single spaces, optionally after "+": what people read aloud and what a phone dials. */
const PHONE_PATTERN = /^\+?\d+(?: \d+)*$/;

export const phoneNumber = z.preprocess(
  // YAML reads an unquoted 999 or 101 as a number; a short code has no leading zero to lose, so take it as written.
  (value) => (typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 100_000 ? String(value) : value),
  z
    .string({ error: expected('a phone number, e.g. "01632 960 000"') })
    .trim()
    .refine((value) => PHONE_PATTERN.test(value), {
      error: (issue) => `"${String(issue.input)}" is not a phone number: use digits and spaces only, e.g. "01632 960 000" (write words such as "free" in the hours or the label)`,
  })
    .refine((value) => {
      const digits = value.replace(/\D/g, '').length;
      // 16, not E.164's 15: a text relay number is a 5-digit prefix before a full number ("18001 01632 960 000").
      return digits >= 3 && digits <= 16;
  }, 'must have 3 to 16 digits, e.g. "999" or "01632 960 000"'),
);
