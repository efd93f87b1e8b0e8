/**
 * Takes personal data out of free text people type (search queries, comments) before we store it.
 *
 * Each kind of personal data becomes a token such as `[email]`; everything else is kept exactly as
 * typed. Pure and dependency-free, so the same function runs on the server and in the browser.
 *
 * We lean towards scrubbing: a reference number lost from a comment costs little, a stored date of
 * birth or phone number costs a lot.
 *
 * Every pattern is linear on long input. Patterns that start with a quantifier have a lookbehind
 * so that they can only start where their kind of run starts (not at every character inside it),
 * and no pattern nests quantifiers over characters that another part of it can also match.
 */

export const SCRUB_TOKENS = ['[email]', '[ni-number]', '[date]', '[phone]', '[card]', '[postcode]', '[number]'] as const;

type Token = (typeof SCRUB_TOKENS)[number];

// A token we already wrote. Patterns that refuse to start or end next to a letter or digit also
// refuse to start or end next to a token, because the token stands where a letter or digit was.
// Without this, scrub(scrub(x)) could scrub more than scrub(x): "AB1 2CD12345678" keeps its
// would-be postcode (a digit follows it) but the digits become "[number]", and a second pass
// would then see a postcode followed by "[".
const TOKEN = String.raw`\[(?:${SCRUB_TOKENS.map((token) => token.slice(1, -1)).join('|')})\]`;

const re = (source: string, flags = 'g') => new RegExp(source, flags);

// user.name+tag@sub.example.co.uk. The local part may start only where such a run starts (so a
// long run without "@" is scanned once, not once per character). Domain labels cannot contain
// dots, so each label is split one way only; the last label is letters, and must not run on into
// more letters or digits.
const EMAIL = re(String.raw`(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![A-Za-z0-9-])`);

// Two letters, six digits, a letter A–D. Capitals may be spaced any way (QQ 12 34 56 C,
// QQ 123456 C, QQ123456C). Lower case only counts when written solid (qq123456c) or spaced in
// pairs (qq 12 34 56 c): otherwise "is 123456 a" would read as one.
const NI_NUMBER = re(
  String.raw`(?<![A-Za-z0-9]|${TOKEN})` +
    String.raw`(?:[A-Z]{2} ?\d\d ?\d\d ?\d\d ?[A-D]|[A-Za-z]{2}\d{6}[A-Da-d]|[A-Za-z]{2} \d\d \d\d \d\d [A-Da-d])` +
    String.raw`(?![A-Za-z0-9]|${TOKEN})`,
);

// 12/03/1985, 12-03-85, 12.03.1985: one separator used twice (the back-reference), a 2-digit or a
// 19xx/20xx year. Not part of a longer run of digits and separators (a version number, or a card
// written with dashes). The day and month are checked in code, either way round, so 03/12/1985
// (American) is a date too but 45-67-89 is not.
const NUMERIC_DATE = re(
  String.raw`(?<!(?:\d|${TOKEN})[/.-]?)(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)\d\d|\d\d)(?![/.-]?(?:\d|${TOKEN}))`,
);

// 1985-03-12, 1985/03/12: year first, the way computers and some forms write it.
const ISO_DATE = re(
  String.raw`(?<!(?:\d|${TOKEN})[/.-]?)(?:19|20)\d\d([/.-])(\d{1,2})\1(\d{1,2})(?![/.-]?(?:\d|${TOKEN}))`,
);

// Words for dates. A date counts only with day, month AND year: "12 March" (bin day) and
// "March 2026" (a deadline) are not personal on their own.
const DAY = String.raw`(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?`;
// Full names and the usual short forms; "Sept" and a full stop after a short form ("Mar.") too.
// The separator that must follow stops "Marching" or "Mayor" from matching.
const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const YEAR = String.raw`(?:19|20)\d\d`;

// 12 March 1985, 12th March 1985, 12th of March 1985, 12 Mar, 1985, 12-Mar-1985.
const DAY_MONTH_YEAR = re(
  String.raw`(?<!\w|${TOKEN})${DAY}(?:\s+(?:of\s+)?|-)${MONTH}(?:,?\s+|-)${YEAR}(?!\d|${TOKEN})`,
  'gi',
);

// March 12, 1985 and March 12th 1985.
const MONTH_DAY_YEAR = re(String.raw`(?<!\w|${TOKEN})${MONTH}\s+${DAY},?\s+${YEAR}(?!\d|${TOKEN})`, 'gi');

// Phone numbers, as a whole run of digits with single spaces or dashes between them, which may
// open with "+44", "+44 (0)", "+1 (555)" or "(020)". The pattern only finds the run; the code
// below decides from its digits whether it is a phone number. The run must be whole: it may not
// start right after a digit (or a "+"), and it always takes every digit that follows, so a card
// number can never be read as a phone number that happens to sit inside it.
const PHONE = re(
  String.raw`(?<![\d+][ -]?)` +
    String.raw`(?:\+\d{1,3}[ -]?(?:\(\d{1,5}\)[ -]?)?|\(0\d{2,5}\)[ -]?)?` +
    String.raw`\d(?:[ -]?\d)*(?![ -]?\d)`,
);

function phone(match: string): string {
  // "+44 (0)20 …": the (0) is not dialled from abroad, so it does not count.
  const digits = match.replace('(0)', '').replace(/\D/g, '');
  // International, written with "+": 8 to 15 digits (the longest a phone number can be).
  if (match.startsWith('+')) return digits.length >= 8 && digits.length <= 15 ? '[phone]' : match;
  // International, dialled from the UK with 00 (0044 7700 900 123).
  if (digits.startsWith('00')) return digits.length >= 10 && digits.length <= 17 ? '[phone]' : match;
  // UK national: 0 then 9 or 10 more digits (020 7946 0018, 01632 960 000, 07700 900123).
  if (digits.startsWith('0')) return digits.length === 10 || digits.length === 11 ? '[phone]' : match;
  return match;
}

// 13 to 19 digits in one whole run, grouped by single spaces or dashes (or not at all). A longer
// run is not a card: the lookarounds make the pattern take the whole run or nothing, and the
// bounded repeat means a failed run costs at most 7 extra steps.
const CARD = re(String.raw`(?<!\d[ -]?)\d(?:[ -]?\d){12,18}(?![ -]?\d)`);

// Outward code (SW1A, EC1A, W1A, M1, B33, DN55), optional space, inward code (1AA). Letters that
// are never used are left out: Q, V, X first; I, J, Z second; C, I, K, M, O, V in the inward code,
// which is what keeps "5cm", "5kg" and "2pm" out. GIR 0AA is the one old exception. Any case.
// Not glued to other letters or digits, so "M25 junction 10" and "A1 road" stay.
const POSTCODE = re(
  String.raw`(?<![A-Za-z0-9]|${TOKEN})(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9]|${TOKEN})`,
  'gi',
);

// Anything left with 8 or more digits in one whole run (account, reference, PCN numbers), single
// spaces or dashes allowed inside. Letters may touch it: "PCN WK12345678" becomes "PCN WK[number]".
const NUMBER = re(String.raw`(?<!\d[ -]?)\d(?:[ -]?\d){7,}(?![ -]?\d)`);

// Two years together, as in "council tax 2025-2026", name a financial year, not a person.
const YEAR_RANGE = /^(?:19|20)\d\d[ -](?:19|20)\d\d$/;

function isDayMonth(day: number, month: number): boolean {
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

type Rule = readonly [RegExp, Token | ((match: string, ...groups: string[]) => string)];

// Order matters. Emails first: they may hold digits and dots. National Insurance numbers before
// postcodes and digit runs. Dates before phone numbers and digit runs (1985-03-12 has 8 digits).
// Phone numbers before cards (0044 7700 900 123 has 14 digits), cards before other digit runs.
const RULES: readonly Rule[] = [
  [EMAIL, '[email]'],
  [NI_NUMBER, '[ni-number]'],
  // Day first as in the UK, but month first (American) counts too: 03/12/1985 either way.
  [NUMERIC_DATE, (match, day = '', _separator, month = '') => (isDayMonth(Number(day), Number(month)) || isDayMonth(Number(month), Number(day)) ? '[date]' : match)],
  [ISO_DATE, (match, _separator, month = '', day = '') => (isDayMonth(Number(day), Number(month)) ? '[date]' : match)],
  [DAY_MONTH_YEAR, '[date]'],
  [MONTH_DAY_YEAR, '[date]'],
  [PHONE, phone],
  [CARD, '[card]'],
  [POSTCODE, '[postcode]'],
  [NUMBER, (match) => (YEAR_RANGE.test(match) ? match : '[number]')],
];

/** The text with emails, phone, card, NI and other long numbers, postcodes and full dates replaced by tokens. */
export function scrub(text: string): string {
  let result = text;
  for (const [pattern, replacement] of RULES) {
    // Two identical-looking calls so TypeScript can pick String.replace's string or function overload.
    result = typeof replacement === 'string' ? result.replace(pattern, replacement) : result.replace(pattern, replacement);
  }
  return result;
}
