/**
 * The audit report people read: a summary first, then every problem grouped by page, each
 * with its rule, WCAG criterion, element, HTML, screenshot and how to fix it. The report
 * is held to the standard it checks: landmarks, headings in order, a skip link, real
 * tables, text alternatives, visible focus, and it reflows at 320 px.
 */
import type { AuditReport, Problem } from '../../schemas/a11y.ts';
import { escapeMarkup as escape } from './escape.ts';
import { criterion, understandingUrl } from './wcag.ts';
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

const CHECK_NAMES: Record<string, string> = {
  load: 'Page loads',
  structure: 'Structure',
  reflow: 'Reflow (320 px)',
  'text-spacing': 'Text spacing',
  axe: 'axe rules',
  'forced-colors': 'Forced colours',
  keyboard: 'Keyboard',
  'no-js': 'JavaScript off',
};

function criteriaHtml(problem: Problem): string {
  if (!problem.criteria.length) return 'None: this is one of the portal’s own rules (pages work without JavaScript, pages load).';
  return problem.criteria
    .map((number) => {
      const { name, level } = criterion(number);
      return `<a href="${understandingUrl(number)}">${escape(number)} ${escape(name)}</a> (level ${level})`;
    })
    .join('<br>');
}

function problemHtml(problem: Problem): string {
  const headingId = `problem-${problem.id}`;
  return `<article class="problem ${problem.known ? 'is-known' : 'is-new'}" aria-labelledby="${headingId}">
  <h4 id="${headingId}"><span class="badge">${problem.known ? 'Known' : 'New'}<span class="visually-hidden"> problem:</span></span> ${escape(problem.summary)}</h4>
  <dl class="facts">
    <div><dt>Rule</dt><dd><code>${escape(problem.rule)}</code>${problem.helpUrl ? ` (<a href="${escape(problem.helpUrl)}">about this rule<span class="visually-hidden">: ${escape(problem.rule)}</span></a>)` : ''}</dd></div>
    <div><dt>WCAG</dt><dd>${criteriaHtml(problem)}</dd></div>
    <div><dt>Check</dt><dd>${escape(CHECK_NAMES[problem.check] ?? problem.check)}, impact ${escape(problem.impact)}</dd></div>
    <div><dt>Seen</dt><dd>${escape(problem.conditions.join(', '))}</dd></div>
    <div><dt>Element</dt><dd>${problem.selector ? `<code class="wrap">${escape(problem.selector)}</code>` : 'The whole page'}</dd></div>
    ${problem.html ? `<div><dt>HTML</dt><dd><pre><code>${escape(problem.html)}</code></pre></dd></div>` : ''}
    <div><dt>What we found</dt><dd class="pre-line">${escape(problem.detail)}</dd></div>
    <div><dt>How to fix it</dt><dd>${escape(problem.fix)}</dd></div>
    ${problem.known ? `<div><dt>In the baseline</dt><dd>${escape(problem.known.reason)} Owner: ${escape(problem.known.owner)}. Fix by ${escape(problem.known.expires)}.</dd></div>` : ''}
  </dl>
  ${problem.screenshot ? `<figure><img src="${escape(problem.screenshot)}" alt="Screenshot of the element in the page, outlined with a dashed pink box (${escape(problem.conditions[0] ?? '')})."><figcaption>The element, outlined, as the check saw it: ${escape(problem.conditions[0] ?? '')}.</figcaption></figure>` : ''}
</article>`;
}

const STATUS: Record<AuditReport['criteria'][number]['status'], { text: string; css: string }> = {
  failed: { text: 'Failed', css: 'bad' },
  'cannot-tell': { text: 'Cannot tell: a person must check', css: 'warn' },
  passed: { text: 'No problem found by the automated checks', css: 'good' },
  'not-present': { text: 'Not present: nothing it applies to was found', css: 'muted' },
  'needs-person': { text: 'Not tested by automation: needs a person', css: 'muted' },
};

/** The list above is every check; say which pages did not get them all, rather than claim every page did. */
function contentOnlyNote(report: AuditReport): string {
  const contentOnly = report.sampling?.audited.filter((item) => item.checks === 'content').length ?? 0;
  if (!contentOnly) return '<p>Every page audited got every one of these checks.</p>';
  return `<p>The example page of each template, the pages that had to be seen and their states got every one of these checks. ${plural(contentOnly, 'page')} drawn at random got the content checks only (structure, reflow, text spacing, and axe at two widths): see <a href="#sample-heading">the sample and method</a>.</p>`;
}

/** How long the run took and where the time went, so a slow run can be explained. */
function timingSentence(report: AuditReport): string {
  const { timing } = report;
  if (!timing) return '';
  const minutes = report.seconds / 60;
  return ` It took ${minutes.toFixed(1)} minutes (${(report.summary.pages / minutes).toFixed(1)} pages a minute): ${timing.setup.toFixed(0)} s to set up, ${timing.discovery.toFixed(0)} s to find and group the pages, ${timing.pages.toFixed(0)} s to audit them ${timing.concurrency} at a time.`;
}

function criteriaTable(report: AuditReport): string {
  const counts = new Map<string, number>();
  for (const row of report.criteria) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  const body = report.criteria
    .map((row) => {
      const status = STATUS[row.status];
      const detail =
        row.status === 'failed'
          ? ` (<a href="#problem-${row.firstProblem}">${plural(row.problems, 'problem')}${row.newProblems < row.problems ? `, ${row.problems - row.newProblems} known` : ''}<span class="visually-hidden"> under ${escape(row.number)}</span></a>)`
          : row.status === 'cannot-tell'
            ? ` (<a href="#${reviewAnchor(report, row.number)}">${plural(row.review, 'item')}<span class="visually-hidden"> under ${escape(row.number)}</span></a>)`
            : '';
      return `<tr><th scope="row"><a href="${understandingUrl(row.number)}">${escape(row.number)} ${escape(row.name)}</a></th><td>${row.level}</td><td class="${status.css}">${status.text}${detail}</td></tr>`;
    })
    .join('\n');
  const own = report.problems.filter((problem) => problem.criteria.length === 0).length;
  return `<p>${[...counts.entries()].map(([status, count]) => `${count} ${STATUS[status as keyof typeof STATUS].text.toLowerCase()}`).join('; ')}.${own ? ` ${plural(own, 'problem')} broke the portal’s own rules, which no WCAG criterion covers.` : ''}</p>
<div class="table-scroll" role="region" aria-labelledby="by-criterion" tabindex="0"><table class="criteria">
<caption id="by-criterion">WCAG 2.2 level A and AA success criteria: what the automated audit found</caption>
<thead><tr><th scope="col">Success criterion</th><th scope="col">Level</th><th scope="col">Result</th></tr></thead>
<tbody>${body}</tbody></table></div>`;
}

/** The first question for a person under one criterion, so the table's link lands on it, not on the top of a long list. */
function reviewAnchor(report: AuditReport, criterion: string): string {
  const index = report.needsReview.findIndex((item) => item.kind === 'needs-review' && item.criteria.includes(criterion));
  return index < 0 ? 'review-heading' : `review-${index}`;
}

function reviewList(report: AuditReport, kind: AuditReport['needsReview'][number]['kind']): string {
  const items = report.needsReview.map((item, index) => ({ item, index })).filter(({ item }) => item.kind === kind);
  if (!items.length) return '';
  return `<ul class="review">${items
    .map(
      ({ item, index }) => `<li id="review-${index}"><p><span class="wrap">${escape(item.page)}</span>${item.state ? ` (${escape(item.state)})` : ''}: <strong>${escape(item.summary)}</strong> (<code>${escape(item.rule)}</code>${item.criteria.length ? `, WCAG ${item.criteria.map((number) => escape(number)).join(', ')}` : ''}${item.helpUrl ? `, <a href="${escape(item.helpUrl)}">about this rule<span class="visually-hidden">: ${escape(item.rule)}</span></a>` : ''}). ${escape(item.question)}</p>
<ul>${item.elements.map((element) => `<li>${element.selector ? `<code class="wrap">${escape(element.selector)}</code>: ` : ''}${escape(element.detail)}</li>`).join('')}</ul></li>`,
    )
    .join('\n')}</ul>`;
}

function pagesTable(report: AuditReport): string {
  const checks = report.checks.map((check) => check.id);
  const head = checks.map((id) => `<th scope="col">${escape(CHECK_NAMES[id] ?? id)}</th>`).join('');
  const body = report.pages
    .map((page) => {
      const cells = checks
        .map((id) => {
          const outcome = page.checks.find((check) => check.check === id);
          if (!outcome) return '<td class="muted">–<span class="visually-hidden">not part of this state</span></td>';
          if (outcome.outcome === 'error') return `<td class="bad">could not run${outcome.note ? `: ${escape(outcome.note)}` : ''}</td>`;
          if (outcome.outcome === 'skipped') return `<td class="muted">not audited${outcome.note ? `: ${escape(outcome.note)}` : ''}</td>`;
          if (outcome.outcome === 'not-applicable') return `<td class="muted">does not apply${outcome.note ? `: ${escape(outcome.note)}` : ''}</td>`;
          if (outcome.outcome === 'could-not-test') return `<td class="bad">could not test${outcome.note ? `: ${escape(outcome.note)}` : ''}</td>`;
          if (outcome.outcome === 'failed') return `<td class="bad">${plural(outcome.problems, 'problem')}</td>`;
          return `<td class="good">passed${outcome.problems ? ` (${outcome.problems} known)` : ''}</td>`;
        })
        .join('');
      const label = `<span class="wrap">${escape(page.page)}</span>${page.state ? `<br><span class="muted">${escape(page.state)}</span>` : ''}`;
      return `<tr><th scope="row">${label}</th>${cells}<td class="num">${(page.ms / 1000).toFixed(1)}</td></tr>`;
    })
    .join('\n');
  return `<div class="table-scroll" role="region" aria-labelledby="every-page-caption" tabindex="0"><table class="pages">
<caption id="every-page-caption">Each page and state, and how each check went</caption>
<thead><tr><th scope="col">Page</th>${head}<th scope="col" class="num">Seconds</th></tr></thead>
<tbody>${body}</tbody></table></div>`;
}

const REASONS: Record<NonNullable<AuditReport['sampling']>['audited'][number]['reason'], string> = {
  template: 'example of its template',
  required: 'must be seen (a state to check, or an unexpected answer)',
  random: 'random sample',
};

/** The sample and method: what the audit speaks for, and how to repeat it. */
function samplingSection(report: AuditReport): string {
  const { sampling } = report;
  if (!sampling) return '<p>This report does not record how its pages were chosen.</p>';
  const audited = new Map(sampling.audited.map((item) => [item.page, item]));
  const rows = sampling.templates
    .map((template) => {
      const left = template.pages - template.audited.length;
      const pages = template.audited.length
        ? `<ul class="plain">${template.audited.map((page) => `<li><span class="wrap">${escape(page)}</span> <span class="muted">(${escape(REASONS[audited.get(page)?.reason ?? 'random'])}${audited.get(page)?.checks === 'content' ? ', content checks' : ', every check'})</span></li>`).join('')}</ul>`
        : '<span class="bad">None: left out by --max-pages</span>';
      return `<tr><th scope="row" id="template-${escape(template.id)}">${escape(template.id)}<br><span class="wrap muted">${escape(template.pattern)}</span></th><td class="num">${template.pages}</td><td>${pages}</td><td class="num">${left}</td><td><code class="wrap signature">${escape(template.signature)}</code></td></tr>`;
    })
    .join('\n');
  const random = sampling.audited.filter((item) => item.reason === 'random').length;
  return `<p>${escape(report.sampling!.method)}</p>
<dl class="figures">
<div><dt>Pages found</dt><dd>${sampling.pagesFound}</dd></div>
<div><dt>Templates</dt><dd>${sampling.templates.length}</dd></div>
<div><dt>Pages audited</dt><dd>${sampling.audited.length}</dd></div>
<div><dt>Of them at random</dt><dd>${random}</dd></div>
<div><dt>Pages left out</dt><dd>${sampling.leftOut.length}</dd></div>
<div><dt>Seed</dt><dd>${sampling.seed}</dd></div>
</dl>
<p>To audit the same pages again: <code>npm run audit:a11y -- --seed ${sampling.seed}${sampling.sample === 'all' ? ' --sample all' : ` --sample ${sampling.sample}`} --max-pages ${sampling.maxPages}</code> with the same target. ${sampling.leftOut.length ? 'To audit every page: <code>--sample all</code>.' : ''}</p>
<div class="table-scroll" role="region" aria-labelledby="templates-caption" tabindex="0"><table class="templates">
<caption id="templates-caption">Templates found, and the pages audited for each</caption>
<thead><tr><th scope="col">Template</th><th scope="col" class="num">Pages found</th><th scope="col">Pages audited</th><th scope="col" class="num">Left out</th><th scope="col">What makes it a template (landmarks, headings, forms, parts)</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

// The report's sections share one shape (a section labelled by its h2, then what a function here writes): alike in
// shape, each section is its own part of the report an auditor hands over.
export function reportHtml(report: AuditReport): string {
  const { summary } = report;
  const failed = summary.exitCode !== 0;
  const partial = summary.notAudited > 0;
  const verdict = failed
    ? [
        summary.newProblems ? plural(summary.newProblems, 'problem') + ' not in the baseline' : '',
        report.baseline.expired.length ? plural(report.baseline.expired.length, 'baseline entry', 'baseline entries') + ' past its date' : '',
        summary.checkErrors ? plural(summary.checkErrors, 'check') + ' could not run' : '',
        summary.checksNotTested ? plural(summary.checksNotTested, 'check') + ' could not settle on an answer' : '',
      ]
        .filter(Boolean)
        .join(', ')
    : partial
      ? `no new problems on the ${plural(summary.pages, 'page')} audited; ${summary.notAudited} not audited`
      : 'no new problems';
  const headline = failed ? 'The audit failed' : partial ? `The audit passed on the ${plural(summary.pages, 'page')} audited; ${summary.notAudited} not audited` : 'The audit passed';
  const date = report.startedAt.slice(0, 10);
  const title = `Accessibility audit ${date}: ${verdict}`;

  const groups = new Map<string, Problem[]>();
  for (const problem of report.problems) {
    const key = `${problem.page}\u0000${problem.state ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), problem]);
  }
  const groupList = [...groups.entries()].map(([key, problems], index) => {
    const [page, state] = key.split('\u0000') as [string, string];
    return { id: `page-${index + 1}`, page, state, problems };
  });

  const baselineList = (entries: AuditReport['baseline']['fixed'], empty: string) =>
    entries.length
      ? `<ul>${entries.map((entry) => `<li><code>${escape(entry.rule)}</code> on <code class="wrap">${escape(entry.url)}</code>, element <code class="wrap">${escape(entry.selector)}</code>: ${escape(entry.reason)} (owner ${escape(entry.owner)}, until ${escape(entry.expires)})</li>`).join('')}</ul>`
      : `<p>${empty}</p>`;

  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
:root { --ink: #0f1720; --soft: #3b4654; --paper: #fff; --tint: #f2f5f8; --line: #c9d1da; --brand: #0b4f8a; --good: #0a6e3c; --bad: #8a1c12; --warn: #7a4a00; --focus: #ffd11a;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.5; color: var(--ink); background: var(--paper); }
* { box-sizing: border-box; }
body { margin: 0; overflow-wrap: break-word; }
.wrap-page { max-width: 68rem; margin: 0 auto; padding: 0 1rem 3rem; }
a { color: var(--brand); }
a:focus-visible, [tabindex]:focus-visible, summary:focus-visible { outline: 3px solid var(--ink); outline-offset: 2px; background: var(--focus); color: var(--ink); }
.skip { position: absolute; left: 0.5rem; top: -10rem; background: var(--focus); color: var(--ink); padding: 0.5rem 1rem; }
.skip:focus { top: 0.5rem; }
header { background: #083a66; color: #fff; padding: 0.75rem 1rem; }
header p { margin: 0; max-width: 68rem; margin-inline: auto; font-weight: 700; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 1.5rem 0 0.75rem; }
h2 { font-size: 1.4rem; margin: 2.5rem 0 0.75rem; border-top: 4px solid var(--brand); padding-top: 0.75rem; }
h3 { font-size: 1.2rem; margin: 2rem 0 0.5rem; }
h4 { font-size: 1.05rem; margin: 0 0 0.5rem; }
.verdict { font-size: 1.2rem; font-weight: 700; padding: 0.75rem 1rem; border-left: 6px solid; background: var(--tint); }
.verdict.pass { border-color: var(--good); }
.verdict.fail { border-color: var(--bad); }
.verdict.partial { border-color: var(--warn); }
.warn { color: var(--warn); font-weight: 700; }
.review > li { margin-bottom: 0.75rem; }
.review p { margin: 0 0 0.25rem; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: 0.75rem; margin: 1rem 0; }
.figures div { border-top: 4px solid var(--brand); padding-top: 0.25rem; }
.figures dt { color: var(--soft); font-size: 0.95rem; }
.figures dd { margin: 0; font-size: 1.6rem; font-weight: 700; }
/* position: relative keeps the visually hidden text in its cells inside the scrolling box. */
.table-scroll { overflow-x: auto; max-width: 100%; margin: 1rem 0; position: relative; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
caption { text-align: left; font-weight: 700; padding-bottom: 0.5rem; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.75rem 0.4rem 0; border-bottom: 1px solid var(--line); }
thead th { border-bottom: 2px solid var(--ink); }
.num { text-align: right; white-space: nowrap; }
.pages td { white-space: nowrap; }
.good { color: var(--good); }
.bad { color: var(--bad); font-weight: 700; }
.muted { color: var(--soft); }
.problem { border: 1px solid var(--line); border-left: 6px solid var(--bad); padding: 1rem; margin: 0 0 1rem; }
.problem.is-known { border-left-color: var(--soft); }
.badge { display: inline-block; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; padding: 0 0.4rem; margin-right: 0.25rem; color: #fff; background: var(--bad); vertical-align: 0.1em; }
.is-known .badge { background: var(--soft); }
.facts { margin: 0; }
.facts > div { display: grid; grid-template-columns: 1fr; padding: 0.3rem 0; border-top: 1px solid var(--line); }
@media (min-width: 40em) { .facts > div { grid-template-columns: 10rem 1fr; gap: 1rem; } }
.facts dt { font-weight: 700; }
.facts dd { margin: 0; min-width: 0; }
pre { margin: 0; padding: 0.5rem; background: var(--tint); white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.85rem; }
code { font-size: 0.9em; }
.wrap { overflow-wrap: anywhere; }
.pre-line { white-space: pre-line; }
figure { margin: 0.75rem 0 0; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); }
figcaption { color: var(--soft); font-size: 0.9rem; }
.page-list { columns: 16rem; padding-left: 1.25rem; }
.contents h2 { font-size: 1.1rem; border: 0; margin-top: 1.5rem; padding: 0; }
.plain { list-style: none; margin: 0; padding: 0; }
.signature { font-size: 0.8rem; }
/* At 320 px the criterion's name takes the width it wants and squeezes "automation:" past the edge; give the result room. */
@media (max-width: 30em) { .criteria th[scope="row"] { width: 45%; } .criteria th, .criteria td { padding-right: 0.5rem; } }
/* Squeezed to 320 px the templates table grows pages tall; it scrolls sideways in its region instead. */
.templates { min-width: 52rem; }
.visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important; padding: 0 !important; overflow: hidden !important; clip-path: inset(50%) !important; white-space: nowrap !important; border: 0 !important; }
footer { border-top: 1px solid var(--line); color: var(--soft); padding: 1rem; max-width: 68rem; margin: 0 auto; }
@media (forced-colors: active) { .badge { border: 1px solid CanvasText; } .verdict, .problem { border-color: CanvasText; } }
</style>
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header><p>Taskfront accessibility audit</p></header>
<main id="main" tabindex="-1" class="wrap-page">
<h1>Accessibility audit: ${escape(verdict)}</h1>
<p class="verdict ${failed ? 'fail' : partial ? 'partial' : 'pass'}">${escape(headline)}${failed || !partial ? `: ${escape(verdict)}` : ''}.</p>
<p>${escape(report.target.url)}, ${escape(date)}, against ${escape(report.standard)}. ${plural(report.summary.pages, 'page')} at ${report.viewports.join(', ')} px wide, with JavaScript on and off, in ${report.seconds.toFixed(0)} seconds${report.sampling?.audited.some((item) => item.checks === 'content') ? ` (${report.sampling.audited.filter((item) => item.checks === 'content').length} random pages with the content checks only: see <a href="#sample-heading">the sample and method</a>)` : ''}.${partial ? ` ${plural(summary.notAudited, 'page or state', 'pages and states')} found were <a href="#not-audited-heading">not audited</a>.` : ''}</p>

<nav aria-labelledby="contents-heading" class="contents">
<h2 id="contents-heading">Contents</h2>
<ul>
<li><a href="#summary-heading">Summary</a> and <a href="#criteria-heading">the table of WCAG success criteria</a></li>
<li><a href="#sample-heading">Sample and method</a></li>
<li><a href="#baseline-heading">Known issues baseline, and what was fixed</a></li>
<li><a href="#problems-heading">Problems by page</a></li>
<li><a href="#review-heading">Needs a person to check</a></li>
<li><a href="#not-audited-heading">Found but not audited</a></li>
<li><a href="#pages-heading">Every page audited</a></li>
<li><a href="#limits-heading">What this audit cannot find</a></li>
</ul>
</nav>

<section aria-labelledby="summary-heading">
<h2 id="summary-heading">Summary</h2>
<dl class="figures">
<div><dt>Pages audited</dt><dd>${summary.pages}</dd></div>
<div><dt>Checks run</dt><dd>${summary.checksRun}</dd></div>
<div><dt>New problems</dt><dd>${summary.newProblems}</dd></div>
<div><dt>Known problems</dt><dd>${summary.knownProblems}</dd></div>
<div><dt>Checks that could not run</dt><dd>${summary.checkErrors}</dd></div>
<div><dt>Checks that could not settle</dt><dd>${summary.checksNotTested}</dd></div>
<div><dt>For a person to check</dt><dd>${summary.needsReview}</dd></div>
<div><dt>Found, not audited</dt><dd>${summary.notAudited}</dd></div>
</dl>
<h3 id="criteria-heading">By WCAG success criterion</h3>
${criteriaTable(report)}
<h3>What was checked</h3>
<ul>${report.checks.map((check) => `<li>${escape(check.name)}</li>`).join('')}</ul>
${contentOnlyNote(report)}
<p>Run on ${escape(report.startedAt.replace('T', ' ').slice(0, 16))} UTC with ${escape(report.tool.name)} ${escape(report.tool.version)}. Engines and tools: ${Object.entries(report.versions).map(([name, version]) => `${escape(name)} ${escape(version)}`).join(', ')}.${timingSentence(report)}</p>
</section>

<section aria-labelledby="sample-heading">
<h2 id="sample-heading">Sample and method</h2>
${samplingSection(report)}
</section>

<section aria-labelledby="baseline-heading">
<h2 id="baseline-heading">Known issues baseline</h2>
<p>${escape(report.baseline.file)} has ${plural(report.baseline.entries, 'entry', 'entries')}.</p>
<h3>Past their date (these fail the audit)</h3>
${baselineList(report.baseline.expired, 'None.')}
<h3>Fixed: no longer found, so remove them</h3>
${baselineList(report.baseline.fixed, 'None.')}
<h3>Not checked in this run (their pages were not audited)</h3>
${baselineList(report.baseline.notAudited, 'None.')}
</section>

<section aria-labelledby="problems-heading">
<h2 id="problems-heading">Problems by page</h2>
${
  groupList.length
    ? `<nav aria-label="Pages with problems"><ul class="page-list">${groupList.map((group) => `<li><a href="#${group.id}">${escape(group.page)}${group.state ? ` (${escape(group.state)})` : ''}</a>: ${plural(group.problems.length, 'problem')}</li>`).join('')}</ul></nav>
${groupList
  .map(
    (group) => `<section aria-labelledby="${group.id}">
<h3 id="${group.id}" class="wrap">${escape(group.page)}${group.state ? ` <span class="muted">(${escape(group.state)})</span>` : ''}</h3>
${group.problems.map(problemHtml).join('\n')}
</section>`,
  )
  .join('\n')}`
    : '<p>No problems were found on any page.</p>'
}
</section>

<section aria-labelledby="review-heading">
<h2 id="review-heading">Needs a person to check</h2>
${
  report.needsReview.some((item) => item.kind === 'needs-review')
    ? `<p>The automated checks could not decide these. They do not fail the audit, but each needs a person to look at the element and answer the question.</p>
${reviewList(report, 'needs-review')}`
    : '<p>No automated check left a question open on these pages.</p>'
}
<p>Whatever the list above says, a person still has to check the criteria marked “needs a person” in the table, and what <a href="#limits-heading">this audit cannot find</a>.</p>
${report.needsReview.some((item) => item.kind === 'best-practice') ? `<h3>Advice (not a WCAG failure)</h3>\n${reviewList(report, 'best-practice')}` : ''}
</section>

<section aria-labelledby="not-audited-heading">
<h2 id="not-audited-heading">Found but not audited</h2>
${
  report.notAudited.pages.length || report.notAudited.states.length
    ? `<p>These were found but left out of the sample (or past --max-pages), so this audit says nothing about them. ${report.sampling ? 'Each page shares its template with a page that was audited, unless its template is marked as left out above.' : ''}</p>
<ul class="page-list">${[
        ...(report.sampling?.leftOut.map((item) => `<li class="wrap">${escape(item.page)} <span class="muted">(<a href="#template-${escape(item.template)}">${escape(item.template)}</a>)</span></li>`) ?? report.notAudited.pages.map((page) => `<li class="wrap">${escape(page)}</li>`)),
        ...report.notAudited.states.map((state) => `<li class="wrap">${escape(state)} <span class="muted">(a state)</span></li>`),
      ].join('')}</ul>`
    : '<p>None: every page and state found was audited.</p>'
}
</section>

<section aria-labelledby="pages-heading">
<h2 id="pages-heading">Every page audited</h2>
${pagesTable(report)}
</section>

<section aria-labelledby="limits-heading">
<h2 id="limits-heading">What this audit cannot find</h2>
<p>Automated checks find about a third of accessibility problems. A person still needs to check, among others: whether text alternatives, labels, headings and link text make sense; whether content is easy to understand; how the site works with a screen reader, speech recognition and screen magnification; zoom to 400%; error messages and how to recover from them; timing; and documents such as PDFs.</p>
</section>
</main>
<footer>Made by ${escape(report.tool.name)} ${escape(report.tool.version)} on ${escape(report.startedAt)}. Machine-readable: <a href="report.json">report.json</a>, <a href="junit.xml">junit.xml</a>, <a href="earl.jsonld">earl.jsonld</a> (W3C EARL).</footer>
</body>
</html>
`;
}
