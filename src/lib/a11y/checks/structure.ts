/**
 * Structure: the page says its language, has a title, no empty heading and no timed meta
 * refresh (WCAG failures),
 * and, as advice rather than failures, exactly one h1, headings that do not skip levels,
 * and the landmarks a screen reader user jumps between (one main, a banner, a contentinfo,
 * and a name on each navigation when there is more than one). WCAG requires none of the
 * advice: 1.3.1 asks that structure shown is structure coded, and 2.4.1 is met by
 * landmarks or headings, so a page without a <main> does not fail. The W3C ACT examples
 * (tiny pages with no landmarks) are why this line is drawn where WCAG draws it.
 */
import type { Page } from 'playwright-core';
import type { StructureInfo } from '../page/types.ts';
import type { Finding, Recorder } from '../recorder.ts';
import { actingRefresh, limitsTime } from './meta-refresh.ts';

const base = { check: 'structure' as const };
/** House rules a good page follows that WCAG does not require: reported as best practice, not failures. */
const advice = { check: 'structure' as const, advice: true as const, criteria: [] as string[] };

export type StructureFinding = Finding & { advice?: true };

export async function checkStructure(page: Page, recorder: Recorder, condition: string): Promise<StructureInfo> {
  const info = await page.evaluate(() => window.__tfA11y!.structure());
  for (const finding of structureFindings(info)) {
    if (!finding.advice) {
      await recorder.add(finding, condition, page);
      continue;
    }
    recorder.review(
      {
        kind: 'best-practice',
        check: 'structure',
        rule: finding.rule,
        summary: finding.summary,
        question: `${finding.fix} WCAG does not require this, so it is advice, not a failure.`,
        criteria: [],
        helpUrl: null,
        elements: [{ selector: finding.selector ?? null, html: finding.html ?? null, detail: finding.detail }],
      },
      condition,
    );
  }
  return info;
}

export function structureFindings(info: StructureInfo): StructureFinding[] {
  const findings: StructureFinding[] = [];
  // Headings, landmarks and the HTML title belong to HTML pages; an SVG or XML document has none to check.
  if (info.documentKind !== 'html') return findings;
  if (!info.lang?.trim()) {
    findings.push({
      ...base,
      rule: 'page-lang',
      criteria: ['3.1.1'],
      impact: 'serious',
      summary: 'The page does not say what language it is in',
      detail: 'The html element has no lang attribute, so screen readers may read it with the wrong voice and pronunciation.',
      fix: 'Add the language to the html element, for example <html lang="en-GB">.',
      selector: 'html',
      html: '<html>',
    });
  } else if (!/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(info.lang.trim())) {
    findings.push({
      ...base,
      rule: 'page-lang',
      criteria: ['3.1.1'],
      impact: 'serious',
      summary: 'The page language is not a valid language code',
      detail: `lang="${info.lang}" is not a language tag.`,
      fix: 'Use a BCP 47 language tag such as "en", "en-GB" or "cy".',
      selector: 'html',
      html: `<html lang="${info.lang}">`,
    });
  }
  if (!info.title) {
    findings.push({
      ...base,
      rule: 'page-title',
      criteria: ['2.4.2'],
      impact: 'serious',
      summary: 'The page has no title',
      detail: 'The title element is missing or empty, so the browser tab and screen readers cannot say which page this is.',
      fix: 'Give every page a <title> that says what the page is, then the site name: "Report a pothole – Riverton City Council".',
    });
  }
  if (info.h1.length === 0) {
    findings.push({
      ...advice,
      rule: 'one-h1',
      impact: 'moderate',
      summary: 'The page has no h1 heading',
      detail: 'Screen reader users jump to the h1 to find what a page is about; this page has none.',
      fix: 'Mark up the page’s main heading as <h1>, once per page.',
    });
  }
  for (const extra of info.h1.slice(1)) {
    findings.push({
      ...advice,
      rule: 'one-h1',
      impact: 'moderate',
      summary: 'The page has more than one h1 heading',
      detail: `The page has ${info.h1.length} h1 headings; the first is "${info.h1[0]!.text}", this one is "${extra.text}".`,
      fix: 'Keep one h1 for what the page is about; make the others h2 (or lower, following the outline).',
      selector: extra.selector,
      html: extra.html,
    });
  }
  for (let i = 1; i < info.headings.length; i++) {
    const previous = info.headings[i - 1]!;
    const heading = info.headings[i]!;
    if (heading.level > previous.level + 1) {
      findings.push({
        ...advice,
        rule: 'heading-levels',
        impact: 'moderate',
        summary: 'A heading level is skipped',
        detail: `h${previous.level} "${previous.text}" is followed by h${heading.level} "${heading.text}", so the outline has a gap.`,
        fix: `Make "${heading.text}" an h${previous.level + 1}, or add the missing level above it. Choose heading levels by structure, not by size (style them with CSS).`,
        selector: heading.selector,
        html: heading.html,
      });
    }
  }
  for (const heading of info.headings.filter((item) => item.empty)) {
    findings.push({
      ...base,
      rule: 'empty-heading',
      criteria: ['1.3.1', '2.4.6'],
      impact: 'moderate',
      summary: 'A heading is empty',
      detail: `This h${heading.level} has no text a screen reader can read, so it announces a heading with nothing in it.`,
      fix: 'Put the heading’s words in it, or remove the element if it is only there for spacing (use CSS margins instead).',
      selector: heading.selector,
      html: heading.html,
    });
  }
  for (const header of info.unusedHeaders) {
    findings.push({
      ...base,
      rule: 'table-header-no-cells',
      criteria: ['1.3.1'],
      impact: 'serious',
      summary: 'A table header heads no cells',
      detail: `"${header.text}" is a column or row header with no cell in its column or row, so a screen reader announces it over nothing.`,
      fix: 'Give the header cells in its column or row (role="cell" or "gridcell"), or make it an ordinary cell if it heads nothing.',
      selector: header.selector,
      html: header.html,
    });
  }
  const refresh = actingRefresh(info.refreshes);
  if (refresh && limitsTime(refresh.delay)) {
    findings.push({
      ...base,
      rule: 'meta-refresh',
      criteria: ['2.2.1'],
      impact: 'serious',
      summary: 'The page reloads or moves on by itself after a delay',
      detail: `A meta refresh (content="${refresh.content}") changes the page after ${refresh.delay} s, and the reader cannot stop it or ask for more time.`,
      fix: 'Remove the meta refresh. To send people to a new address, redirect at once (on the server, or a refresh of 0 s); to update content, let the reader ask for it.',
      selector: refresh.selector,
      html: refresh.html,
    });
  }
  // Bypass blocks (2.4.1) is met by a skip link, landmarks or headings; axe's "bypass" rule checks that.
  if (info.mains.length === 0) {
    findings.push({
      ...advice,
      rule: 'landmark-main',
      impact: 'moderate',
      summary: 'The page has no main landmark',
      detail: 'There is no <main> element, so screen reader users cannot jump to the content.',
      fix: 'Wrap the page’s own content (not the header, navigation or footer) in one <main> element.',
    });
  }
  for (const extra of info.mains.slice(1)) {
    findings.push({
      ...advice,
      rule: 'landmark-main',
      impact: 'moderate',
      summary: 'The page has more than one main landmark',
      detail: `There are ${info.mains.length} main landmarks.`,
      fix: 'Keep one <main> per page; use <section> or <article> inside it for parts.',
      selector: extra.selector,
      html: extra.html,
    });
  }
  for (const [count, rule, element, role] of [
    [info.banners, 'landmark-banner', 'header', 'banner'],
    [info.contentinfos, 'landmark-contentinfo', 'footer', 'contentinfo'],
  ] as const) {
    if (count !== 1) {
      findings.push({
        ...advice,
        rule,
        impact: 'moderate',
        summary: count === 0 ? `The page has no ${role} landmark` : `The page has ${count} ${role} landmarks`,
        detail: count === 0 ? `No top-level <${element}> (or role="${role}") marks the site-wide ${element}.` : `Only one top-level <${element}> should be the page’s ${role}.`,
        fix: `Use one <${element}> for the site-wide ${element}, directly inside <body>; ${element}s inside <article> or <section> are fine.`,
      });
    }
  }
  if (info.navs.length > 1) {
    const names = new Map<string, number>();
    for (const nav of info.navs) names.set(nav.name.toLowerCase(), (names.get(nav.name.toLowerCase()) ?? 0) + 1);
    for (const nav of info.navs) {
      const unnamed = !nav.name;
      const duplicate = !unnamed && (names.get(nav.name.toLowerCase()) ?? 0) > 1;
      if (!unnamed && !duplicate) continue;
      findings.push({
        ...advice,
        rule: 'landmark-nav-label',
        impact: 'moderate',
        summary: unnamed ? 'A navigation has no name, and the page has more than one' : 'Two navigations have the same name',
        detail: unnamed
          ? `The page has ${info.navs.length} navigation landmarks; this one has no aria-label, so they all sound alike.`
          : `More than one navigation is called "${nav.name}".`,
        fix: 'Give each <nav> a short, different name with aria-label (for example "Main", "You are here", "Support links").',
        selector: nav.selector,
        html: nav.html,
      });
    }
  }
  return findings;
}

/** Pages (as path → title) that share a title with another address; returned as findings per page. */
export function duplicateTitles(titles: ReadonlyMap<string, string>): Map<string, Finding> {
  const byTitle = new Map<string, string[]>();
  for (const [path, title] of titles) {
    if (!title) continue;
    const pathname = path.split('?')[0]!;
    const list = byTitle.get(title) ?? [];
    if (!list.some((other) => other.split('?')[0] === pathname)) list.push(path);
    byTitle.set(title, list);
  }
  const findings = new Map<string, Finding>();
  for (const [title, paths] of byTitle) {
    if (paths.length < 2) continue;
    for (const path of paths) {
      findings.set(path, {
        ...base,
        rule: 'page-title-unique',
        criteria: ['2.4.2'],
        impact: 'moderate',
        summary: 'Another page has the same title',
        detail: `"${title}" is also the title of ${paths.filter((other) => other !== path).slice(0, 5).join(', ')}.`,
        fix: 'Make each title say what is different about its page, for example the task or the search words.',
      });
    }
  }
  return findings;
}
