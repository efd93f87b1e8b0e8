import { describe, expect, it } from 'vitest';
import { forTerminal, normalise, passesLuhn, SCRUB_TOKENS, scrub, stripControls } from './scrub.ts';

/** One test a row: what a person typed, and what is stored. */
function scrubsTo(rows: [input: string, stored: string][], title = '%j'): void {
  it.each(rows)(title, (input, expected) => {
    expect(scrub(input)).toBe(expected);
  });
}

/** One test a row: text that must be stored as typed. */
function keepsAsTyped(rows: string[]): void {
  it.each(rows)('keeps %j', (input) => {
    expect(scrub(input)).toBe(input);
  });
}

describe('scrub: emails', () => {
  scrubsTo([
    ['my email is jo.bloggs+council@example.co.uk please call', 'my email is [email] please call'],
    ['EMAIL ME AT JO@EXAMPLE.COM', 'EMAIL ME AT [email]'],
    ['reply to jo_99@mail.example.org.', 'reply to [email].'],
    ['(j.smith@example.gov.uk)', '([email])'],
  ]);
});

describe('scrub: phone numbers', () => {
  scrubsTo([
    ['please call 07700 900123 after 5', 'please call [phone] after 5'],
    ['mobile 07700900123', 'mobile [phone]'],
    ['ring me on +44 7700 900123 today', 'ring me on [phone] today'],
    ['whatsapp +447700900123', 'whatsapp [phone]'],
    ['from abroad 0044 7700 900 123', 'from abroad [phone]'],
    ['office 020 7946 0018 is closed', 'office [phone] is closed'],
    ['office (020) 7946 0018 is closed', 'office [phone] is closed'],
    ['tel: +44 (0)20 7946 0018', 'tel: [phone]'],
    ['landline 01632 960 000', 'landline [phone]'],
    ['Manchester office 0161-496-0000.', 'Manchester office [phone].'],
    ['my daughter in France is on +33 1 23 45 67 89', 'my daughter in France is on [phone]'],
    ['US number +1 (555) 123-4567', 'US number [phone]'],
  ]);
});

describe('scrub: postcodes', () => {
  scrubsTo([
    ['missed bin at SW1A 1AA yesterday', 'missed bin at [postcode] yesterday'],
    ['missed bin at sw1a1aa yesterday', 'missed bin at [postcode] yesterday'],
    ['Sw1A 1aA', '[postcode]'],
    ['parking in M1 1AE', 'parking in [postcode]'],
    ['fly-tipping B33 8TH, again', 'fly-tipping [postcode], again'],
    ['CR2 6XH and DN55 1PT', '[postcode] and [postcode]'],
    ['EC1A 1BB', '[postcode]'],
    ['w1a0ax', '[postcode]'],
    ['GIR 0AA', '[postcode]'],
  ]);
});

// One table per kind of personal data (scrubsTo), alike in shape by design: a reader finds a kind by its describe name.
describe('scrub: National Insurance numbers', () => {
  scrubsTo([
    ['my NI number is QQ 12 34 56 C', 'my NI number is [ni-number]'],
    ['NI: QQ123456C.', 'NI: [ni-number].'],
    ['QQ 123456 C', '[ni-number]'],
    ['ni qq123456a', 'ni [ni-number]'],
    ['ni qq 12 34 56 b', 'ni [ni-number]'],
  ]);

  it('leaves lower-case words around a 6-digit number alone', () => {
    // Two lower-case letters, six digits and a lone a–d are only an NI number when written solid
    // or spaced in pairs; otherwise ordinary words would match.
    expect(scrub('the ref is 123456 a duplicate')).toBe('the ref is 123456 a duplicate');
  });
});

describe('scrub: payment cards', () => {
  scrubsTo([
    ['card 4111-1111-1111-1111 was charged twice', 'card [card] was charged twice'],
    ['card 4111 1111 1111 1111 was charged twice', 'card [card] was charged twice'],
    ['card 4111111111111111', 'card [card]'],
    ['amex 3782 822463 10005', 'amex [card]'],
    ['13 digits 4222222222222', '13 digits [card]'],
  ]);

  it('calls a run longer than 19 digits a number, not a card', () => {
    expect(scrub('ref 12345678901234567890')).toBe('ref [number]');
  });
});

describe('scrub: other long numbers', () => {
  scrubsTo([
    ['council tax account 12345678', 'council tax account [number]'],
    ['account 1234 5678 please', 'account [number] please'],
    ['case ref 2024-0012-3456', 'case ref [number]'],
    ['sort code 12-34-56 account 12345678', 'sort code 12-34-56 account [number]'],
    // 8 digits glued to letters still go; the letters stay.
    ['PCN WK12345678', 'PCN WK[number]'],
    // Childline is not personal, but an 8-digit run is an 8-digit run.
    ['call 0800 1111', 'call [number]'],
    // A UK phone number needs 10 or 11 digits; with a stray digit in front it is still scrubbed.
    ['flat 2 07700900123', 'flat [number]'],
  ]);

  it('keeps year ranges, which name a financial year', () => {
    expect(scrub('council tax bill 2025-2026')).toBe('council tax bill 2025-2026');
    expect(scrub('council tax 2025 2026')).toBe('council tax 2025 2026');
  });
});

describe('scrub: dates that could be a date of birth', () => {
  scrubsTo([
    ['born 12/03/1985', 'born [date]'],
    ['dob 12-03-85', 'dob [date]'],
    ['dob 12.03.1985.', 'dob [date].'],
    ['dob: 1985-03-12', 'dob: [date]'],
    ['born on 12 March 1985 in Leeds', 'born on [date] in Leeds'],
    ['born March 12, 1985', 'born [date]'],
    ['born 12th March 1985', 'born [date]'],
    ['born 1st of Sept 1990', 'born [date]'],
    ['born 12-Mar-1985', 'born [date]'],
    ['BORN 12 MAR. 1985', 'BORN [date]'],
    // Month first (American) is read as a date too.
    ['dob 12/31/1985', 'dob [date]'],
    // A full date might be an event rather than a birthday; we cannot tell, so it goes.
    ['missed collection on 12 March 2026', 'missed collection on [date]'],
  ]);

  it('keeps dates without a year, months with a year, and things that are not dates', () => {
    expect(scrub('bin day moved to 12 March')).toBe('bin day moved to 12 March');
    expect(scrub('deadline March 2026')).toBe('deadline March 2026');
    expect(scrub('March 12')).toBe('March 12');
    expect(scrub('score 45-67-89')).toBe('score 45-67-89');
    expect(scrub('built 12/03/1885')).toBe('built 12/03/1885');
    expect(scrub('Mayor 12 1985')).toBe('Mayor 12 1985');
  });
});

describe('scrub: several kinds in one text', () => {
  it('replaces each in place and keeps the rest as typed', () => {
    expect(scrub('Hi, I am Jo (born 12/03/1985), NI QQ 12 34 56 C, at SW1A 1AA. Call 07700 900123 or jo@example.com!')).toBe(
      'Hi, I am Jo (born [date]), NI [ni-number], at [postcode]. Call [phone] or [email]!',
    );
  });

  it('handles a comment with a card, an account number and a postcode', () => {
    expect(scrub('Paid with 4111 1111 1111 1111 for account 87654321 — I live at b33 8th.')).toBe(
      'Paid with [card] for account [number] — I live at [postcode].',
    );
  });

  it('keeps spaces, line breaks and case untouched', () => {
    expect(scrub('  Missed BIN\nat M1 1AE  \t thanks  ')).toBe('  Missed BIN\nat [postcode]  \t thanks  ');
  });

  it('returns the empty string unchanged', () => {
    expect(scrub('')).toBe('');
  });
});

describe('scrub: near misses', () => {
  // Each of these looks a little like personal data but is not, and stays exactly as typed.
  keepsAsTyped([
    'bin day 12',
    'bin day 12 may',
    'year 7 school place',
    '30 hours childcare',
    '5cm pothole',
    'A1 road closed',
    'M25 junction 10',
    'route 66',
    '2026 election',
    'council tax band D',
    'flat 3b',
    'room 101',
    'B&Q near me',
    'bus 42',
    '6 months',
    '£1500 grant',
    '£12,500 grant',
    'open 9am to 5pm',
    'March 2026',
    '12 March',
    'call 999',
    'Section 21 notice',
    'ISO 9001',
    'covid-19',
    '3 bed flat',
    'a4 5mm screws',
    'council tax 2025/26',
    // Too short for a phone number (7 digits) and for a long number.
    'ring 0161 496',
  ]);;

  // Deliberate over-scrubbing: these are probably harmless, but they have the shape of personal data.
  scrubsTo([
    // 8 digits: a reference number, even if it sits after letters.
    ['PCN WK12345678', 'PCN WK[number]'],
    // A list of small numbers with single spaces is indistinguishable from a spaced account number.
    ['flats 12 14 16 18', 'flats [number]'],
    // "a1 2nd" is a valid postcode shape in lower case; we scrub rather than risk a real one.
    ['block a1 2nd floor', 'block [postcode] floor'],
    // Upper-case letters around 6 digits read as an NI number.
    ['REF IS 123456 A', 'REF [ni-number]'],
  ], 'scrubs %j on purpose');
});

describe('scrub: tokens', () => {
  it('lists every token it writes', () => {
    expect([...SCRUB_TOKENS].sort()).toEqual(['[card]', '[date]', '[email]', '[ni-number]', '[number]', '[phone]', '[postcode]']);
  });

  it('leaves text that is already scrubbed alone', () => {
    const scrubbed = SCRUB_TOKENS.join(' ');
    expect(scrub(scrubbed)).toBe(scrubbed);
  });
});

describe('scrub: idempotence', () => {
  it.each([
    'my email is jo.bloggs+council@example.co.uk please call 07700 900123',
    'born 12 March 1985 at SW1A 1AA, NI QQ123456C, card 4111-1111-1111-1111',
    'AB1 2CD12345678',
    '12345678AB1 2CD',
    'QQ123456C12345678',
    '12/03/1985/12345678',
    'PCN WK12345678 and bus 42',
    '+44 20 7946 0018 1 2 3 4 5 6 7 8 9',
  ])('scrub(scrub(%j)) equals scrub(x)', (input) => {
    const once = scrub(input);
    expect(scrub(once)).toBe(once);
  });

  it('holds for many generated texts', () => {
    // Fragments that sit next to each other in awkward ways; a fixed seed keeps the test stable.
    const pieces = ['1', '0', '07700', '900123', '+44', ' ', '-', '/', '.', '@', 'jo', 'x.co', 'AB1', '2CD', 'SW1A', '1AA', 'QQ', '123456', 'C', 'March', ' 1985', '12', '(', ')', '(0)', '4111', 'th', ',', '  ', ' @ ', '(at)', '＠', '\u200B', '٣', 'qq', 'D', '-0AX'];
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const failures: string[] = [];
    for (let i = 0; i < 5000; i++) {
      let text = '';
      const length = 1 + next(10);
      for (let j = 0; j < length; j++) text += pieces[next(pieces.length)];
      const once = scrub(text);
      if (scrub(once) !== once) failures.push(text);
    }
    expect(failures).toEqual([]);
  });
});

describe('scrub: speed', () => {
  const timed = (text: string) => {
    const start = performance.now();
    scrub(text);
    return performance.now() - start;
  };

  it('scrubs 10,000 characters of realistic text in under 50 ms', () => {
    const sentence = 'Missed bin at SW1A 1AA, call 07700 900123 or jo@example.com, born 12 March 1985, card 4111 1111 1111 1111, ref 12345678. ';
    const text = sentence.repeat(Math.ceil(10_000 / sentence.length)).slice(0, 10_000);
    expect(text).toHaveLength(10_000);
    expect(timed(text)).toBeLessThan(50);
  });

  it.each([
    ['digits', '1'.repeat(10_000)],
    ['spaced digits', '1 '.repeat(5_000)],
    ['dashed digits', '1-'.repeat(5_000)],
    ['letters', 'a'.repeat(10_000)],
    ['at signs', 'a@'.repeat(5_000)],
    ['dotted labels', 'a@b.'.repeat(2_500)],
    ['slashes', '12/'.repeat(3_334)],
    ['months', 'March 12 '.repeat(1_112)],
    ['postcode pieces', 'AB1 2CD'.repeat(1_429)],
    ['NI pieces', 'QQ 12 34 '.repeat(1_112)],
    ['brackets', '+44 (0'.repeat(1_667)],
  ])('does not backtrack on 10,000 characters of %s', (_name, text) => {
    expect(timed(text.slice(0, 10_000))).toBeLessThan(50);
  });
});

describe('scrub: variants people type (issue 13)', () => {
  // Each of these was stored raw before. The digits and the email must not survive in any form.
  scrubsTo([
    // Card numbers that fail the Luhn check are not cards, but they are still long numbers.
    ['card 4111.1111.1111.2222', 'card [number]'],
    ['card 4111/1111/1111/4444', 'card [number]'],
    ['card ４１１１ １１１１ １１１１ １１１１', 'card [card]'],
    ['card ٤١١١ ١١١١ ١١١١ ١١١١', 'card [card]'],
    ['call 07700.900.789', 'call [phone]'],
    ['call 07700/900321', 'call [phone]'],
    ['call 07700  900987', 'call [phone]'],
    ['call 07700\u200B900123', 'call [phone]'],
    ['NI QQ-12-34-56-D', 'NI [ni-number]'],
    ['ni qq 123456 a', 'ni [ni-number]'],
    ['at EC1A  1BB', 'at [postcode]'],
    ['at W1A-0AX', 'at [postcode]'],
    ['mail jane.doe＠example.com', 'mail [email]'],
    ['mail jane.doe @ example.com', 'mail [email]'],
    ['mail jane(at)example.com', 'mail [email]'],
    ['mail jane.doe@exam\u200Bple.com', 'mail [email]'],
    ['mail jane\u200B.doe@example.com', 'mail [email]'],
  ]);

  scrubsTo([
    ['card 4111.1111.1111.1111', 'card [card]'],
    ['card 4111/1111/1111/1111', 'card [card]'],
    ['phone ０７７００ ９００１２３', 'phone [phone]'],
    ['phone ۰۷۷۰۰ ۹۰۰۱۲۳', 'phone [phone]'],
    ['phone 07700–900123', 'phone [phone]'],
    ['phone 07700\u00A0900123', 'phone [phone]'],
    ['phone 0\u200D7\u2060700 900\u00AD123', 'phone [phone]'],
    ['mail JANE [AT] EXAMPLE [DOT] COM', 'mail [email]'],
    ['mail jane (at) example (dot) co (dot) uk', 'mail [email]'],
    ['ni ab-12-34-56-c', 'ni [ni-number]'],
    ['dob 12.03.1985', 'dob [date]'],
  ], 'also %j');

  keepsAsTyped([
    'bin day 12',
    'M25 junction 10',
    'year 7',
    '2 bags',
    'bin day 12. 2 bags',
    'the ref is 123456 a duplicate',
    'in 123456 a',
    'council tax 2025/2026',
    'built 12/03/1885',
    'version 1.2',
    '£4.50 fee',
    'meet @ the library',
    'section 2.3 of the form',
  ]);;

  it('keeps emoji built with zero-width joiners whole', () => {
    const family = 'thanks \u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    expect(scrub(family)).toBe(family);
  });
});

describe('passesLuhn', () => {
  it.each([
    ['4111111111111111', true],
    ['378282246310005', true],
    ['4111111111112222', false],
    ['4111111111111112', false],
  ])('%s → %s', (digits, expected) => {
    expect(passesLuhn(digits)).toBe(expected);
  });
});

describe('normalise', () => {
  it('folds fullwidth and other-script digits, removes invisible characters', () => {
    expect(normalise('１２ ٣٤ ۵۶ ७८ a\u200Bb＠c')).toBe('12 34 56 78 ab@c');
  });
});

describe('stripControls', () => {
  it('removes C0 (but tab and line feed), DEL and C1, and turns CR into LF', () => {
    expect(stripControls('a\u0000b\u0007c\u001B[2Jd\u007Fe\u0085f\u009Bg\th\r\ni\rj')).toBe('abc[2Jdefg\th\ni\nj');
  });

  it('takes the escapes out of an OSC 8 link and a screen clear', () => {
    const text = stripControls('\u001B]8;;https://evil.example\u001B\\click\u001B]8;;\u001B\\ \u001B[2J');
    expect(text).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
  });

  it('is applied by scrub, so stored free text never holds a control character', () => {
    expect(scrub('bins\u001B[2J missed\u0007')).toBe('bins[2J missed');
  });
});

describe('forTerminal', () => {
  it('shows control, bidi and invisible characters as escapes', () => {
    expect(forTerminal('a\u001B[2Jb\u0007c\u009Bd\u202Ee\u200Bf\r')).toBe('a\\x1b[2Jb\\x07c\\x9bd\\u202ee\\u200bf\\x0d');
  });

  it('escapes line breaks and tabs unless asked to keep them', () => {
    expect(forTerminal('one\ntwo\tthree')).toBe('one\\x0atwo\\x09three');
    expect(forTerminal('one\ntwo\tthree', { keepLines: true })).toBe('one\ntwo\tthree');
  });

  it('leaves ordinary text, accents and emoji alone', () => {
    const text = 'Café – £5, 👍 “quoted”';
    expect(forTerminal(text)).toBe(text);
  });
});
