/**
 * How people reach the council: content/contact.yml, shown at /contact and found by
 * search ("phone number for the council", "opening hours", "complain").
 */
import { z } from 'zod';
import { expected, list, httpsUrl, isRealDate, isoDate, slug, text } from './common.ts';
import { PHRASE_MAX } from './limits.ts';
import { phoneNumber } from './phone.ts';

/** The contact page's address without "/": also its slug in search, where an expectation or a best bet names it. */
export const CONTACT_SLUG = 'contact';

export const CONTACT_LIMITS = {
  title: 90,
  summary: 200,
  keywordsMax: 40,
  label: 80,
  note: 300,
  hours: 160,
  addressLine: 80,
  addressLinesMax: 6,
  phonesMax: 12,
} as const;

/** A number people can call, and when someone answers; out-of-hours lines have the same fields. */
const phoneLine = z.strictObject({
  /** What the line is for, as people would ask: "Council tax and benefits". */
  label: text(CONTACT_LIMITS.label),
  /** Shown as written and dialled without its spaces: "01632 960 000". */
  number: phoneNumber,
  /** When it is answered: "Monday to Friday, 9am to 5pm". Required: a number with no hours sends people to a line nobody answers. */
  hours: text(CONTACT_LIMITS.hours),
  /** One short sentence: what to have ready, or who should call it. */
  note: text(CONTACT_LIMITS.note).optional(),
});

const address = z.strictObject({
  /** The building, as people know it: "Riverton Town Hall". */
  name: text(CONTACT_LIMITS.label),
  /** Street, town and postcode, one line each. */
  lines: list(text(CONTACT_LIMITS.addressLine), 'a list of address lines', { min: [2, 'lines: the street and the postcode'], max: [CONTACT_LIMITS.addressLinesMax, 'lines'] }),
  /** When the doors are open: "Monday to Friday, 9am to 5pm". */
  hours: text(CONTACT_LIMITS.hours),
  /** Step-free access, hearing loops, parking: what a visitor needs to know. */
  access: text(CONTACT_LIMITS.note).optional(),
  /** A map of the building. The page names the building in the link text, so it is not a bare "map". */
  map: z.strictObject({
    url: httpsUrl,
    /** Where the link goes, e.g. "Riverton Town Hall on OpenStreetMap". */
    linkText: text(CONTACT_LIMITS.label),
  }, { error: expected('a map with url and linkText') }),
});

const complaints = z.strictObject({
  /** How complaints work, in one or two sentences. */
  text: text(CONTACT_LIMITS.note),
  /** The task people use to complain, by its slug: "make-a-complaint". */
  task: slug,
});

const languageHelp = z.strictObject({
  /** Interpreters and translations, in one or two sentences. */
  text: text(CONTACT_LIMITS.note),
  /** A number for an interpreter, when there is one. */
  phone: phoneLine.optional(),
  /** British Sign Language: how a BSL user reaches us (a video relay service, a text relay number). */
  bsl: z.strictObject({
    text: text(CONTACT_LIMITS.note),
    url: httpsUrl,
    linkText: text(CONTACT_LIMITS.label),
  }, { error: expected('BSL help with text, url and linkText') }),
  /** Text relay for people who are deaf or cannot speak on the phone: "18001 01632 960 000". */
  textRelay: phoneNumber.optional(),
});

export const contactSchema = z
  .strictObject({
    /** The page's h1: "Contact Riverton City Council". */
    title: text(CONTACT_LIMITS.title),
    /** One sentence shown under the title and in search results. */
    summary: text(CONTACT_LIMITS.summary),
    /** What people type when they want this page: "phone number", "opening hours". */
    keywords: list(text(PHRASE_MAX), 'a list', { min: [3, 'entries: add the words people search with'], max: [CONTACT_LIMITS.keywordsMax, 'entries'] }),
    /** Phone lines, the main one first. */
    phones: list(phoneLine, 'a list of phone lines', { min: [1, 'phone line'], max: [CONTACT_LIMITS.phonesMax, 'lines'] }),
    /** The council's main office. */
    address,
    /** Out-of-hours numbers for emergencies; 999 belongs here too. */
    emergencies: list(phoneLine, 'a list of emergency lines', { min: [1, 'number: say who to call out of hours'] }),
    complaints,
    language: languageHelp,
    /** The team that answers for this page. */
    owner: text(80),
    lastReviewed: isoDate,
    reviewBy: isoDate,
  })
  .superRefine((contact, ctx) => {
    if (isRealDate(contact.lastReviewed) && isRealDate(contact.reviewBy) && contact.lastReviewed > contact.reviewBy) {
      ctx.addIssue({ code: 'custom', path: ['reviewBy'], message: 'must be after lastReviewed' });
    }
  });

export type ContactData = z.output<typeof contactSchema>;
export type ContactInput = z.input<typeof contactSchema>;
