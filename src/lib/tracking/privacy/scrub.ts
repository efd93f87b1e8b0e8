/**
 * Takes personal data out of free text people type (search queries, comments) before we store it.
 *
 * First the text is made plain: control characters go (stripControls), then Unicode NFKC folds
 * look-alikes to their plain forms (fullwidth ０-９ and ＠, non-breaking spaces), digits of other
 * scripts become 0-9, zero-width characters go, and dashes between digits become "-". Only then
 * are the patterns matched, so "4１１1\u200b…" cannot slip past a pattern written for "4111".
 * Each kind of personal data becomes a token such as `[email]`; everything else is kept as typed
 * (after that normalising). Pure and dependency-free, so it runs on the server and in the browser.
 *
 * Where it stops: it finds personal data by its shape. A name, a street address without a
 * postcode, or a number spelt out in words ("oh seven seven…") is kept. docs/security.md.
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

// What people put between groups of digits: up to three spaces, or one dot, slash or dash
// (07700 900123, 07700  900987, 07700.900.789, 07700/900321, 4111-1111-…). Every digit pattern
// below uses it, both inside a run and in the lookarounds that make a run whole.
const SEP = String.raw`(?: {1,3}|[./-])`;
// Between the parts of an NI number or a postcode: spaces or a dash, but not a dot or slash.
const PART = String.raw`(?: {1,3}|-)`;

// user.name+tag@sub.example.co.uk, also written to dodge harvesters: "jo @ example.com",
// "jo(at)example.com", "jo [at] example [dot] com" (the fullwidth ＠ is "@" by now). The local part
// may start only where such a run starts (so a long run without "@" is scanned once, not once per
// character). Domain labels cannot contain dots, so each label is split one way only; the last
// label is letters, and must not run on into more letters, digits or a token (a token stands
// where digits were).
const AT = String.raw`(?: {0,3}@ {0,3}| {0,3}[(\[{<] ?at ?[)\]}>] {0,3})`;
const DOT = String.raw`(?:\.| ?[(\[{<] ?dot ?[)\]}>] ?)`;
const EMAIL = re(String.raw`(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+${AT}(?:[A-Za-z0-9-]+${DOT})+[A-Za-z]{2,}(?![A-Za-z0-9-]|${TOKEN})`, 'gi');

// Two letters, six digits, a letter A–D. Capitals may be spaced or dashed any way
// (QQ 12 34 56 C, QQ-12-34-56-D, QQ123456C). Lower case counts when written solid (qq123456c),
// spaced in pairs (qq 12 34 56 c), or spaced any way if the two letters can start an NI number
// (HMRC never uses D, F, I, Q, U, V first or D, F, I, O, Q, U, V second; QQ is its specimen,
// which people copy): so "qq 123456 a" goes but "is 123456 a" stays.
const NI_PREFIX = String.raw`(?:[Qq][Qq]|(?![Bb][Gg]|[Gg][Bb]|[Kk][Nn]|[Nn][KkTt]|[Tt][Nn]|[Zz][Zz])[A-CEGHJ-PR-TW-Za-ceghj-pr-tw-z][A-CEGHJ-NPR-TW-Za-ceghj-npr-tw-z])`;
const NI_NUMBER = re(
  String.raw`(?<![A-Za-z0-9]|${TOKEN})` +
    String.raw`(?:[A-Z]{2}${PART}?\d\d${PART}?\d\d${PART}?\d\d${PART}?[A-D]` +
    String.raw`|[A-Za-z]{2}\d{6}[A-Da-d]` +
    String.raw`|[A-Za-z]{2} \d\d \d\d \d\d [A-Da-d]` +
    String.raw`|${NI_PREFIX}${PART}?\d\d${PART}?\d\d${PART}?\d\d${PART}?[A-Da-d])` +
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

// Phone numbers, as a whole run of digits with separators (SEP) between them, which may open
// with "+44", "+44 (0)", "+1 (555)" or "(020)". The pattern only finds the run; the code below
// decides from its digits whether it is a phone number. The run must be whole: it may not start
// right after a digit (or a "+"), and it always takes every digit that follows, so a card number
// can never be read as a phone number that happens to sit inside it.
const PHONE = re(
  String.raw`(?<![\d+]${SEP}?)` +
    String.raw`(?:\+\d{1,3}${SEP}?(?:\(\d{1,5}\)${SEP}?)?|\(0\d{2,5}\)${SEP}?)?` +
    String.raw`\d(?:${SEP}?\d)*(?!${SEP}?\d)`,
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

// 13 to 19 digits in one whole run, grouped by separators (or not at all), that pass the Luhn
// check every card number passes. A run that fails it is still scrubbed, as a [number]. A longer
// run is not a card: the lookarounds make the pattern take the whole run or nothing, and the
// bounded repeat means a failed run costs at most 7 extra steps.
const CARD = re(String.raw`(?<!\d${SEP}?)\d(?:${SEP}?\d){12,18}(?!${SEP}?\d)`);

/** The Luhn checksum: doubling every second digit from the right, the sum ends in 0. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let digit = digits.charCodeAt(i) - 48;
    if (double) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

// Outward code (SW1A, EC1A, W1A, M1, B33, DN55), optional space, inward code (1AA). Letters that
// are never used are left out: Q, V, X first; I, J, Z second; C, I, K, M, O, V in the inward code,
// which is what keeps "5cm", "5kg" and "2pm" out. GIR 0AA is the one old exception. Any case;
// the two halves may be apart by spaces or a dash (EC1A  1BB, W1A-0AX). Not glued to other
// letters or digits, so "M25 junction 10" and "A1 road" stay.
const POSTCODE = re(
  String.raw`(?<![A-Za-z0-9]|${TOKEN})(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|GIR)${PART}?\d[ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9]|${TOKEN})`,
  'gi',
);

// Anything left with 8 or more digits in one whole run (account, reference, PCN numbers, card
// numbers that fail the Luhn check), separators allowed inside. Letters may touch it:
// "PCN WK12345678" becomes "PCN WK[number]".
const NUMBER = re(String.raw`(?<!\d${SEP}?)\d(?:${SEP}?\d){7,}(?!${SEP}?\d)`);

// Two years together, as in "council tax 2025-2026" or "2025/2026", name a financial year, not a person.
const YEAR_RANGE = /^(?:19|20)\d\d(?: {1,3}|[/-])(?:19|20)\d\d$/;

// A date from before anyone living was born ("built 12/03/1885") is history, not a birthday;
// the date rules above leave it, so the digit-run rule must too.
const OLD_DATE = /^(?:\d{1,2}([/.-])\d{1,2}\1(?:1[0-8])\d\d|(?:1[0-8])\d\d([/.-])\d{1,2}\2\d{1,2})$/;

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
  [CARD, (match) => (passesLuhn(match.replace(/\D/g, '')) ? '[card]' : match)],
  [POSTCODE, '[postcode]'],
  [NUMBER, (match) => (YEAR_RANGE.test(match) || OLD_DATE.test(match) ? match : '[number]')],
];

// Characters that show nothing but can sit inside a number or an email to break a pattern:
// soft hyphen, Mongolian vowel separator, zero-width space, non-joiner, word joiner, BOM. The
// zero-width joiner goes too, except before an emoji, where it builds one picture from several.
const INVISIBLE = /[\u00AD\u180E\u200B\u200C\u2060\uFEFF]|\u200D(?!\p{Extended_Pictographic})/gu;

// Hyphens, dashes and minus signs between two digits (07700–900123) act as "-".
const DASH_BETWEEN_DIGITS = /(?<=\d)[\u2010-\u2015\u2212\uFE58\uFE63](?=\d)/g;

// A digit of any script (Arabic-Indic ٠١٢, Devanagari ०१२…). NFKC leaves these alone.
const OTHER_DIGIT = /(?![0-9])\p{Nd}/gu;
const IS_DIGIT = /^\p{Nd}$/u;
const digitValues = new Map<string, string>();

/** A digit of any script as 0-9. Unicode keeps each script's digits in a run from zero to nine. */
function asciiDigit(digit: string): string {
  let value = digitValues.get(digit);
  if (value === undefined) {
    const code = digit.codePointAt(0)!;
    let zero = code;
    while (IS_DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
    value = String((code - zero) % 10);
    digitValues.set(digit, value);
  }
  return value;
}

/**
 * Free text without control characters: C0 (except tab and line feed), DEL and C1. A carriage
 * return, alone or before a line feed, becomes a line feed. Use it for anything people type that
 * is stored; scrub() does it first.
 */
export function stripControls(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '');
}

// Characters that a terminal acts on, or that reorder or hide text: C0, DEL, C1, the bidi
// embeddings, overrides and isolates, line and paragraph separators, zero-width characters.
const UNSAFE_FOR_TERMINAL = /[\u0000-\u001F\u007F-\u009F\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g;

/**
 * Text as it is safe to print in a terminal: every control, bidi or invisible character shown
 * as an escape (ESC as "\x1b", U+202E as "\u202e"), so a comment cannot move the cursor, clear
 * the screen, make a link or reverse the line it is on. Tabs and line feeds are escaped too,
 * unless `keepLines` is set (for text printed as a block of its own).
 */
export function forTerminal(text: string, { keepLines = false }: { keepLines?: boolean } = {}): string {
  return text.replace(UNSAFE_FOR_TERMINAL, (char) => {
    if (keepLines && (char === '\n' || char === '\t')) return char;
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** The text scrub() matches against: no controls, NFKC, ASCII digits, no invisible characters. */
export function normalise(text: string): string {
  return stripControls(text).normalize('NFKC').replace(OTHER_DIGIT, asciiDigit).replace(INVISIBLE, '').replace(DASH_BETWEEN_DIGITS, '-');
}

/** The text, normalised, with emails, phone, card, NI and other long numbers, postcodes and full dates replaced by tokens. */
export function scrub(text: string): string {
  let result = normalise(text);
  for (const [pattern, replacement] of RULES) {
    // Two identical-looking calls so TypeScript can pick String.replace's string or function overload.
    result = typeof replacement === 'string' ? result.replace(pattern, replacement) : result.replace(pattern, replacement);
  }
  return result;
}
