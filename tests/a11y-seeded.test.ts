/**
 * Proves the audit finds barriers: small fixture pages (tests/fixtures/a11y/), each with one
 * barrier seeded, served on loopback. Each page must be flagged by exactly the right check
 * and rule, and the clean page by nothing, so switching a check off fails this test.
 * The same run exercises the baseline: known, expired, fixed and not-audited entries.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../src/lib/a11y/audit.ts';
import type { AuditReport } from '../src/schemas/a11y.ts';
import { serveFixtures } from './fixtures/a11y/serve.ts';
import { ROOT } from './helpers/site.ts';


/** Seeded page → the (check/rule) pairs the audit must report on it, and nothing else. */
const EXPECTED: Record<string, string[]> = {
  '/clean.html': [],
  '/no-alt.html': ['axe/image-alt'],
  '/no-label.html': ['axe/label'],
  '/low-contrast.html': ['axe/color-contrast'],
  '/keyboard-trap.html': ['keyboard/keyboard-trap'],
  '/hidden-focus.html': ['keyboard/focus-not-visible'],
  // Off the screen for good, not just for a moment: still reported after the step is tried again.
  '/offscreen-focus.html': ['keyboard/focus-invisible'],
  '/wide.html': ['reflow/reflow-overflow'],
  '/no-lang.html': ['axe/html-has-lang', 'structure/page-lang'],
  '/text-spacing.html': ['text-spacing/text-spacing-clipped'],
  '/forced-colors.html': ['forced-colors/forced-colors-hidden'],
  '/script-only.html': ['no-js/no-js-content'],
  // Cut off at 200% zoom (1.4.4) and with the site's own spacing (1.4.12).
  '/clipped.html': ['reflow/zoom-text-clipped', 'text-spacing/text-clipped'],
  '/empty-heading.html': ['structure/empty-heading'],
  '/orientation.html': ['axe/css-orientation-lock'],
  // Native media players hold focus in their own controls: not a keyboard trap.
  '/media.html': [],
  // Focus taken back by a timer a blur handler starts: a trap, found every time (ACT 80af7b).
  '/timer-trap.html': ['keyboard/keyboard-trap'],
  // A loop the page's own text says how to leave (Ctrl+M): WCAG 2.1.2 allows it.
  '/exit-key.html': [],
  // Whole SVG and XML documents are audited without crashing; checks that do not apply say so.
  '/drawing.svg': [],
  '/feed.xml': [],
};
const NOT_HTML: Record<string, string[]> = { '/drawing.svg': ['structure', 'no-js'], '/feed.xml': ['structure', 'reflow', 'text-spacing', 'axe', 'forced-colors', 'keyboard', 'no-js'] };

const dir = mkdtempSync(join(tmpdir(), 'taskfront-a11y-seeded-'));
let server: Server;
let report: AuditReport;

beforeAll(async () => {
  let url: string;
  ({ url, server } = await serveFixtures());
  const baselineFile = join(dir, 'baseline.yml');
  writeFileSync(
    baselineFile,
    [
      'known:',
      '  - { rule: image-alt, url: /no-alt.html, selector: "*", owner: Fixture team, reason: Known on purpose to test the baseline, expires: 2099-12-31 }',
      '  - { rule: color-contrast, url: /low-contrast.html, selector: "*", owner: Fixture team, reason: Past its date on purpose, expires: 2020-01-01 }',
      '  - { rule: label, url: /clean.html, selector: "*", owner: Fixture team, reason: Nothing matches it any more, expires: 2099-12-31 }',
      '  - { rule: label, url: /never-audited/**, selector: "*", owner: Fixture team, reason: Its pages are not in this run, expires: 2099-12-31 }',
    ].join('\n'),
  );
  report = await runAudit({ url, targetKind: 'fixtures', portal: false, outDir: join(dir, 'out'), statement: false, baselineFile, root: ROOT });
}, 300_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('the audit on seeded barriers', () => {
  it('audits every fixture page with every check', () => {
    expect(report.pages.map((page) => page.page).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const page of report.pages) {
      expect(page.checks.map((check) => check.check), page.page).toEqual(['load', 'structure', 'reflow', 'text-spacing', 'axe', 'forced-colors', 'keyboard', 'no-js']);
      expect(page.checks.filter((check) => check.outcome === 'error' || check.outcome === 'could-not-test'), page.page).toEqual([]);
      const notApplicable = page.checks.filter((check) => check.outcome === 'not-applicable');
      expect(notApplicable.map((check) => check.check), page.page).toEqual(NOT_HTML[page.page] ?? []);
      for (const check of notApplicable) expect(check.note, `${page.page} ${check.check}`).toMatch(/^not an HTML page \(an (SVG|XML) document\)/);
    }
  });

  for (const [page, expected] of Object.entries(EXPECTED)) {
    it(expected.length ? `reports ${expected.join(' and ')} on ${page}, and nothing else` : `finds nothing on ${page}`, () => {
      const found = [...new Set(report.problems.filter((problem) => problem.page === page).map((problem) => `${problem.check}/${problem.rule}`))].sort();
      expect(found, JSON.stringify(report.problems.filter((problem) => problem.page === page), null, 2)).toEqual([...expected].sort());
    });
  }

  it('names the element, the WCAG criterion and a fix, with an outlined screenshot', () => {
    const byRule = (rule: string) => report.problems.find((problem) => problem.rule === rule)!;
    expect(byRule('image-alt')).toMatchObject({ selector: 'img', criteria: ['1.1.1'] });
    expect(byRule('label')).toMatchObject({ selector: 'input', criteria: expect.arrayContaining(['4.1.2']) });
    expect(byRule('color-contrast').criteria).toEqual(['1.4.3']);
    expect(byRule('color-contrast').conditions).toEqual(expect.arrayContaining(['320 px', '768 px', '1280 px']));
    expect(byRule('keyboard-trap')).toMatchObject({ selector: '#trap', criteria: ['2.1.2'], impact: 'critical' });
    expect(byRule('focus-not-visible')).toMatchObject({ selector: expect.stringContaining('a.no-focus'), criteria: ['2.4.7'] });
    expect(byRule('focus-invisible')).toMatchObject({ selector: expect.stringContaining('a.away'), criteria: ['2.4.7'], conditions: ['keyboard (1280 px)'] });
    expect(byRule('reflow-overflow')).toMatchObject({ criteria: ['1.4.10'], conditions: ['320 px'] });
    expect(byRule('reflow-overflow').detail).toContain('500 px wide');
    expect(byRule('page-lang')).toMatchObject({ selector: 'html', criteria: ['3.1.1'] });
    expect(byRule('text-spacing-clipped')).toMatchObject({ selector: '#main > p.fixed', criteria: ['1.4.12'] });
    expect(byRule('forced-colors-hidden')).toMatchObject({ selector: '#main > p.status', conditions: ['forced colours, reduced motion (1280 px)'] });
    expect(byRule('no-js-content').detail).toBe('With JavaScript the h1 is "A heading built by a script"; without it, there is none.');
    for (const problem of report.problems) {
      expect(problem.fix.length, problem.rule).toBeGreaterThan(20);
      // An element that stays off the screen has nothing on the screen to crop.
      if (problem.rule === 'focus-invisible') expect(problem.screenshot, problem.rule).toBeNull();
      else if (problem.selector && problem.check !== 'structure') {
        expect(problem.screenshot, problem.rule).toMatch(/^shots\/[0-9a-f]{12}\.png$/);
        const png = readFileSync(join(dir, 'out', problem.screenshot!));
        expect(png.subarray(1, 4).toString()).toBe('PNG');
      }
    }
  });

  it('applies the baseline: known, expired, fixed and not audited', () => {
    expect(report.problems.find((problem) => problem.rule === 'image-alt')?.known).toMatchObject({ owner: 'Fixture team', expires: '2099-12-31' });
    // An expired entry no longer covers its problem, and fails the run on its own.
    expect(report.problems.find((problem) => problem.rule === 'color-contrast')?.known).toBeNull();
    expect(report.baseline.expired.map((entry) => entry.rule)).toEqual(['color-contrast']);
    expect(report.baseline.fixed.map((entry) => entry.url)).toEqual(['/clean.html']);
    expect(report.baseline.notAudited.map((entry) => entry.url)).toEqual(['/never-audited/**']);
    expect(report.summary.exitCode).toBe(1);
  });

  it('writes an HTML report, report.json and a JUnit file with one case per page and check', () => {
    const junit = readFileSync(join(dir, 'out/junit.xml'), 'utf8');
    expect(junit.match(/<testcase /g)).toHaveLength(Object.keys(EXPECTED).length * 8 + 1);
    expect(junit).toMatch(/<testsuite name="\/wide.html"[^>]*failures="1"/);
    expect(junit).toMatch(/<testcase classname="a11y.\/wide.html" name="reflow"[^>]*><failure /);
    expect(junit).toMatch(/<testsuite name="\/clean.html"[^>]*failures="0" errors="0"/);
    const html = readFileSync(join(dir, 'out/index.html'), 'utf8');
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain('1.4.10 Reflow');
    expect(JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8')).summary).toEqual(report.summary);
  });

  it('rates every WCAG 2.2 A and AA criterion and links failures to their problems', () => {
    expect(report.criteria).toHaveLength(55);
    const reflow = report.criteria.find((row) => row.number === '1.4.10')!;
    expect(reflow).toMatchObject({ status: 'failed', problems: 1 });
    expect(report.problems.find((problem) => problem.id === reflow.firstProblem)?.rule).toBe('reflow-overflow');
    expect(report.criteria.find((row) => row.number === '3.3.8')?.status).toBe('needs-person');
    expect(report.criteria.find((row) => row.number === '1.3.4')?.status).toBe('failed');
    const html = readFileSync(join(dir, 'out/index.html'), 'utf8');
    expect(html).toContain(`<a href="#problem-${reflow.firstProblem}">1 problem`);
    expect(html).not.toContain('The audit passed');
  });

  it('keeps what axe could not decide as questions for a person, with the elements', () => {
    for (const item of report.needsReview) {
      expect(item.question.length, item.rule).toBeGreaterThan(20);
      if (item.kind === 'needs-review') expect(item.elements.length, item.rule).toBeGreaterThan(0);
    }
    expect(report.summary.needsReview).toBe(report.needsReview.length);
  });

  it('writes an EARL (JSON-LD) report with an assertion for each problem', () => {
    const earl = JSON.parse(readFileSync(join(dir, 'out/earl.jsonld'), 'utf8')) as { '@context': Record<string, unknown>; '@graph': { result: { outcome: string; pointer?: { 'ptr:expression': string } }; test: { isPartOf: string[] } }[] };
    expect(earl['@context'].earl).toBe('http://www.w3.org/ns/earl#');
    const failed = earl['@graph'].filter((assertion) => assertion.result.outcome === 'earl:failed');
    expect(failed).toHaveLength(report.problems.length);
    expect(failed.some((assertion) => assertion.test.isPartOf.includes('https://www.w3.org/TR/WCAG22/#reflow'))).toBe(true);
    expect(earl['@graph'].some((assertion) => assertion.result.outcome === 'earl:inapplicable')).toBe(true);
  });
});
