/**
 * The accessibility audit's data shapes: the known-issues baseline (a11y-baseline.yml),
 * the auditor's statement facts (content/accessibility/statement.yml), the published
 * audit summary (content/accessibility/latest.json) and the audit report (report.json).
 * Imported by the audit, the /accessibility page and the tests; no astro:content here.
 */
import { z } from 'zod';
import { expected, isoDate, text } from './common.ts';

/** The checks the audit runs on every page, in the order it runs them. */
export const CHECK_IDS = ['load', 'structure', 'reflow', 'text-spacing', 'axe', 'forced-colors', 'keyboard', 'no-js'] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;
export type Impact = (typeof IMPACTS)[number];

/** A WCAG success criterion number, e.g. "1.4.10". */
export const criterionNumber = z.string({ error: expected('a WCAG success criterion number like "1.4.3"') }).regex(/^[1-4]\.\d{1,2}\.\d{1,2}$/, 'must be a WCAG success criterion number like "1.4.3"');

// ---------------------------------------------------------------------------
// a11y-baseline.yml

/**
 * A URL pattern: a path on the audited site, where `*` matches any characters except
 * "/" and `**` matches anything. "?" is an ordinary character, so "/search?q=*" works.
 */
const urlPattern = z
  .string({ error: expected('a URL pattern starting with "/", e.g. "/performance/*"') })
  .trim()
  .min(1, 'must not be empty: use "/**" for every page')
  .refine((value) => value.startsWith('/') || value.startsWith('*'), 'must be a path on the site starting with "/" (e.g. "/browse/*"), or "**" for every page');

export const baselineEntrySchema = z.strictObject({
  /** The rule that found the problem: an axe rule id ("color-contrast") or one of ours ("reflow-overflow"). */
  rule: z.string({ error: expected('a rule id, e.g. "color-contrast"') }).trim().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a rule id as the report shows it, e.g. "color-contrast" or "focus-not-visible"'),
  /** Which pages: a glob on the path and query, e.g. "/performance/*" or "/**". */
  url: urlPattern,
  /** The element's selector exactly as the report shows it, or "*" for any element. */
  selector: z.string({ error: expected('a CSS selector as the report shows it, or "*"') }).trim().min(1, 'must not be empty: copy it from the report, or use "*" for any element'),
  /** Who will fix it: a team or a person. */
  owner: text(80),
  /** Why it cannot be fixed now, and what the plan is. */
  reason: text(500).refine((value) => value.length >= 10, 'must say why it cannot be fixed now (at least 10 characters)'),
  /** The date by which it must be fixed or looked at again (YYYY-MM-DD). After it, the audit fails. */
  expires: isoDate,
});
export type BaselineEntry = z.infer<typeof baselineEntrySchema>;

export const baselineFileSchema = z.strictObject({
  /** Problems we know about and accept for now, each with an owner and an expiry date. */
  known: z.array(baselineEntrySchema, { error: expected('a list of entries, each with rule, url, selector, owner, reason and expires') }).default([]),
});

// ---------------------------------------------------------------------------
// The audit report (report.json)

export const problemSchema = z.object({
  /** Stable id: the same problem on the same element gets the same id in every run. */
  id: z.string(),
  check: z.enum(CHECK_IDS),
  /** axe rule id, or one of the audit's own rules. */
  rule: z.string(),
  /** Path and query of the page on the audited site, e.g. "/search?q=pothole". */
  page: z.string(),
  /** The interactive state the page was in, e.g. "live search results open"; null for the page as loaded. */
  state: z.string().nullable(),
  /** WCAG success criteria, e.g. ["1.4.3"]; empty when the rule is the portal's own (pages work without JavaScript). */
  criteria: z.array(z.string()),
  impact: z.enum(IMPACTS),
  /** One line: what is wrong. */
  summary: z.string(),
  /** What was found on this element. */
  detail: z.string(),
  /** How to fix it. */
  fix: z.string(),
  helpUrl: z.string().nullable(),
  /** CSS selector of the element, or null for a page-level problem. */
  selector: z.string().nullable(),
  /** The element's HTML, shortened. */
  html: z.string().nullable(),
  /** Where it was seen: viewport widths, "forced colours", "JavaScript off". */
  conditions: z.array(z.string()),
  /** Cropped screenshot with the element outlined, relative to the report folder. */
  screenshot: z.string().nullable(),
  /** The baseline entry that covers it, or null when it is new. */
  known: z.object({ owner: z.string(), reason: z.string(), expires: z.string() }).nullable(),
  /** The rule engines that reported it ("axe-core", "ibm-equal-access"); absent for the audit's own checks. */
  engines: z.array(z.string()).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const checkOutcomeSchema = z.object({
  check: z.enum(CHECK_IDS),
  /**
   * passed / failed; error: the check crashed; skipped: not run (the page did not load, or
   * --max-pages); not-applicable: nothing for it to check (an SVG or XML document has no
   * forms or headings); could-not-test: it ran but the page never settled, so it says nothing.
   */
  outcome: z.enum(['passed', 'failed', 'error', 'skipped', 'not-applicable', 'could-not-test']),
  /** Problems found, new and known. */
  problems: z.number(),
  ms: z.number(),
  /** Why the check errored or was skipped. */
  note: z.string().optional(),
});
export type CheckOutcome = z.infer<typeof checkOutcomeSchema>;

export const pageResultSchema = z.object({
  page: z.string(),
  state: z.string().nullable(),
  title: z.string(),
  status: z.number().nullable(),
  checks: z.array(checkOutcomeSchema),
  ms: z.number(),
});
export type PageResult = z.infer<typeof pageResultSchema>;

export const needsReviewSchema = z.object({
  page: z.string(),
  state: z.string().nullable(),
  /**
   * needs-review: a machine could not tell (axe's "incomplete" results); best-practice: advice
   * that is not a WCAG failure (a skip link when landmarks or headings already meet 2.4.1).
   */
  kind: z.enum(['needs-review', 'best-practice']),
  check: z.enum(CHECK_IDS),
  rule: z.string(),
  summary: z.string(),
  /** What a person has to look at and decide. */
  question: z.string(),
  /** WCAG success criteria the answer decides. */
  criteria: z.array(z.string()),
  helpUrl: z.string().nullable(),
  /** The elements in question (at most 10), each with why the machine could not tell. */
  elements: z.array(z.object({ selector: z.string().nullable(), html: z.string().nullable(), detail: z.string() })),
  /** Where it was seen: widths, forced colours. */
  conditions: z.array(z.string()),
  /** The rule engines that asked ("axe-core", "ibm-equal-access"); absent for the audit's own checks. */
  engines: z.array(z.string()).optional(),
});
export type NeedsReview = z.infer<typeof needsReviewSchema>;

export const criterionRowSchema = z.object({
  number: z.string(),
  name: z.string(),
  level: z.enum(['A', 'AA']),
  /** failed, cannot-tell (a check could not decide), passed (as far as automation can tell), not-present (nothing it applies to), needs-person (no automated check). */
  status: z.enum(['failed', 'cannot-tell', 'passed', 'not-present', 'needs-person']),
  problems: z.number(),
  newProblems: z.number(),
  review: z.number(),
  /** The id of the first problem, for a link to it. */
  firstProblem: z.string().nullable(),
});
export type CriterionRow = z.infer<typeof criterionRowSchema>;

export const auditReportSchema = z.object({
  tool: z.object({ name: z.string(), version: z.string() }),
  startedAt: z.string(),
  seconds: z.number(),
  /** Where the time went, to find what to speed up: seconds per phase, tabs used, and the seconds each check took summed over pages. */
  timing: z
    .object({
      /** Building and starting the local portal, or checking the site answers. */
      setup: z.number(),
      /** Finding and grouping the pages (and, for the local build, giving the dashboard its sample activity). */
      discovery: z.number(),
      browser: z.number(),
      pages: z.number(),
      concurrency: z.number(),
      checks: z.record(z.string(), z.number()),
    })
    .optional(),
  target: z.object({ kind: z.enum(['local-build', 'url', 'fixtures']), url: z.string() }),
  versions: z.record(z.string(), z.string()),
  standard: z.string(),
  viewports: z.array(z.number()),
  checks: z.array(z.object({ id: z.enum(CHECK_IDS), name: z.string(), criteria: z.array(z.string()) })),
  pages: z.array(pageResultSchema),
  problems: z.array(problemSchema),
  needsReview: z.array(needsReviewSchema),
  /** Every WCAG 2.2 A and AA success criterion and what the audit can say about it. */
  criteria: z.array(criterionRowSchema),
  /** How the pages were chosen (WCAG-EM: every template, then a seeded random sample); see src/lib/a11y/sampling.ts. */
  sampling: z
    .object({
      /** The method in a sentence a reader of the report understands. */
      method: z.string(),
      seed: z.number(),
      sample: z.union([z.number(), z.literal('all')]),
      maxPages: z.number(),
      pagesFound: z.number(),
      crawlCapped: z.boolean(),
      templates: z.array(z.object({ id: z.string(), pattern: z.string(), signature: z.string(), pages: z.number(), audited: z.array(z.string()) })),
      /** checks: "all", or "content" when the keyboard walk, forced colours and JavaScript off were left to the template's example. */
      audited: z.array(z.object({ page: z.string(), template: z.string(), reason: z.enum(['template', 'required', 'random']), checks: z.enum(['all', 'content']) })),
      leftOut: z.array(z.object({ page: z.string(), template: z.string() })),
      templatesLeftOut: z.array(z.string()),
    })
    .optional(),
  /** Found but not audited (left out of the sample or past --max-pages): the pages, and interactive states whose page was not audited. */
  notAudited: z.object({ pages: z.array(z.string()), states: z.array(z.string()) }),
  baseline: z.object({
    file: z.string(),
    entries: z.number(),
    expired: z.array(baselineEntrySchema),
    fixed: z.array(baselineEntrySchema),
    notAudited: z.array(baselineEntrySchema),
  }),
  summary: z.object({
    pages: z.number(),
    /** Pages and states found but not audited. */
    notAudited: z.number(),
    /** Items a person must decide (axe could not tell, or best practice). */
    needsReview: z.number(),
    checksRun: z.number(),
    problems: z.number(),
    newProblems: z.number(),
    knownProblems: z.number(),
    checkErrors: z.number(),
    /** Checks that ran but could not settle on an answer (see the could-not-test outcome). */
    checksNotTested: z.number(),
    exitCode: z.number(),
  }),
});
export type AuditReport = z.infer<typeof auditReportSchema>;

// ---------------------------------------------------------------------------
// content/accessibility/latest.json: what the statement publishes from the last audit

export const latestAuditSchema = z.strictObject({
  /** The day the audit ran (YYYY-MM-DD). */
  date: isoDate,
  /** Local build of the portal, or the address of the site audited. */
  target: z.object({ kind: z.enum(['local-build', 'url', 'fixtures']), url: z.string() }),
  standard: z.string(),
  /** Tool name → version, e.g. { "axe-core": "4.14.1" }. */
  tools: z.record(z.string(), z.string()),
  viewports: z.array(z.number().int().positive()),
  pages: z.object({ count: z.number().int().nonnegative(), list: z.array(z.string()) }),
  /** The checks run on every page, as a person would name them. */
  checks: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Problems found, grouped by WCAG success criterion (known ones included). */
  problems: z.object({
    total: z.number().int().nonnegative(),
    byCriterion: z.array(
      z.object({
        criterion: criterionNumber,
        name: z.string(),
        level: z.enum(['A', 'AA', 'AAA']),
        problems: z.number().int().positive(),
        pages: z.number().int().positive(),
        /** What people meet, one line per rule. */
        descriptions: z.array(z.string()),
        /** The latest fix-by date among known (baselined) problems, if every problem here is known. */
        plannedFix: isoDate.nullable(),
      }),
    ),
    /** Problems with the portal's own rules that no WCAG criterion covers. */
    outsideWcag: z.number().int().nonnegative(),
  }),
});
export type LatestAudit = z.infer<typeof latestAuditSchema>;

// ---------------------------------------------------------------------------
// content/accessibility/statement.yml: what only the auditor or the organisation can say

const knownProblemSchema = z.strictObject({
  /** What a person meets, in plain words: "Some PDF forms cannot be filled in with a screen reader." */
  description: text(400),
  /** The WCAG success criteria it fails, e.g. ["1.3.1", "4.1.2"]. */
  criteria: z.array(criterionNumber, { error: expected('a list of WCAG success criteria, e.g. ["1.3.1"]') }).min(1, 'needs at least one criterion, e.g. ["1.3.1"]'),
  /** When it will be fixed (YYYY-MM-DD), if known. */
  fixBy: isoDate.nullable().default(null),
});

export const statementFileSchema = z.strictObject({
  /** The organisation responsible for the website: "Riverton City Council". */
  organisation: text(120),
  /** The website this statement is about, as people know it. */
  website: text(160),
  /** How to report a problem or ask for another format. At least one of phone or email. */
  contact: z
    .strictObject({
      phone: text(40).optional(),
      email: z.email({ error: 'must be an email address, e.g. access@example.gov.uk' }).optional(),
      /** When the phone is answered, e.g. "Monday to Friday, 9am to 5pm". */
      hours: text(120).optional(),
      /** How soon we reply, e.g. "5 working days". */
      responseTime: text(80),
    })
    .refine((contact) => contact.phone || contact.email, 'needs a phone number or an email address (or both), so people can report a problem'),
  /** The last time a person (not a tool) tested the website. */
  manualTest: z.strictObject({
    /** YYYY-MM-DD, or null if no person has tested it yet. */
    date: isoDate.nullable(),
    /** Who tested it: a named auditor or company; null when date is null. */
    by: text(160).nullable(),
  }).refine((test) => (test.date === null) === (test.by === null), 'date and by go together: give both, or set both to null when no person has tested the website yet'),
  /** Problems a person found that automated checks cannot, listed in the statement. */
  knownProblems: z.array(knownProblemSchema, { error: expected('a list') }).default([]),
  /** The enforcement procedure, as the regulator words it for this country. */
  enforcement: text(2000),
  /** When this statement was first prepared (YYYY-MM-DD). */
  preparedOn: isoDate,
  /** When an auditor last reviewed it (YYYY-MM-DD). */
  reviewedOn: isoDate,
});
export type StatementFile = z.infer<typeof statementFileSchema>;
