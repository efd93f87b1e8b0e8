/** The dashboard's views rendered from hand-made figures in the store's contract. */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../lib/tracking/stats/attention.ts';
import { DEFAULT_SORT, type TaskSort } from '../../lib/tracking/stats/sort.ts';
import { emptyFixture, portalFixture, taskStats } from '../../lib/tracking/stats/test-fixtures.ts';
import type { PortalStats } from '../../schemas/events.ts';
import PerformanceOverview from './PerformanceOverview.astro';
import TaskPerformance from './TaskPerformance.astro';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

// Task titles for the fixture's slugs, alike in shape to sort.test's: each suite names the tasks its cases use.
const TITLES: Record<string, string> = {
  'report-a-pothole': 'Report a pothole',
  'pay-your-council-tax': 'Pay your council tax',
  'find-your-councillor': 'Find your councillor',
  'apply-for-a-blue-badge': 'Apply for a Blue Badge',
};
const titleOf = (slug: string) => TITLES[slug] ?? slug;

const overview = (stats: PortalStats = portalFixture(), sort: TaskSort = DEFAULT_SORT) =>
  container.renderToString(PerformanceOverview, { props: { stats, sort, thresholds: DEFAULT_THRESHOLDS, titleOf } });

/** Text of the page with tags removed and white space joined, as a reader would see it. */
const words = (html: string) => html.replace(/<span aria-hidden="true">[^<]*<\/span>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
const section = (html: string, id: string) => html.slice(html.indexOf(`id="${id}"`), html.indexOf('</section>', html.indexOf(`id="${id}"`)));
const bodyRows = (html: string) => [...(/<tbody>([\s\S]*?)<\/tbody>/.exec(section(html, 'each-service'))?.[1] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((match) => words(match[1] ?? '').trim());
const row = (html: string, title: string) => bodyRows(html).find((text) => text.startsWith(title)) ?? '';
/** Every percentage shown anywhere. */
const percentages = (html: string) => [...words(html).matchAll(/(\d[\d,]*)\s?%/g)].map((match) => Number(match[1]?.replaceAll(',', '')));

describe('PerformanceOverview', () => {
  it('shows each task’s starts, linked completions, completion rate, unlinked finishes, page helped and satisfaction, each with its n', async () => {
    const html = await overview();
    expect(row(html, 'Report a pothole')).toBe('Report a pothole 400 50 40 80% n = 50 up 4 points 6 90% n = 40 up 7 points 4.4 n = 30 up 0.3');
  });

  it('says "too few to say (n = 3)" below the minimum sample, never a number', async () => {
    const councillor = row(await overview(), 'Find your councillor');
    expect(councillor).toContain('too few to say (n = 3)');
    expect(councillor).toContain('too few to say (n = 2)');
    expect(councillor).not.toMatch(/67%|4\.5/);
  });

  it('shows impossible figures as an error, and no figure above 100% anywhere', async () => {
    const html = await overview();
    const badge = row(html, 'Apply for a Blue Badge');
    expect(badge).toContain('cannot be shown: check the data n = 20');
    expect(badge).not.toContain('120%');
    expect(badge).not.toContain('5.5');
    expect(percentages(html).length).toBeGreaterThan(5);
    for (const value of percentages(html)) expect(value).toBeLessThanOrEqual(100);
  });

  it('compares with the previous period only when both have enough sample, with a decorative arrow', async () => {
    const html = await overview();
    const tax = row(html, 'Pay your council tax');
    expect(tax).toContain('45% n = 200 down 5 points');
    expect(tax).toContain('3.1 n = 60 too little to compare'); // 8 ratings before
    expect(html).toContain('<span class="change change-down"><span aria-hidden="true">↓ </span>down 5 points</span>');
    expect(words(section(html, 'summary-heading'))).toContain('Changes compare with the 28 days before, from 29 September 2026 to 26 October 2026.');
  });

  it('lists tasks below a threshold under "Needs attention", with the figures and n that put them there', async () => {
    const attention = words(section(await overview(), 'attention-heading'));
    expect(attention).toContain('Pay your council tax 45% finished of those who started (n = 200): below 60% Satisfaction 3.1 out of 5 (n = 60): below 3.5');
    expect(attention).not.toContain('Find your councillor');
    expect(attention).not.toContain('Report a pothole');
    expect(attention).not.toContain('Blue Badge');
  });

  it('says when nothing needs attention', async () => {
    const stats = portalFixture();
    stats.tasks = stats.tasks.filter((task) => task.task !== 'pay-your-council-tax');
    expect(words(section(await overview(stats), 'attention-heading'))).toContain('No service is below either line this period.');
  });

  it('sorts by links in the column headings, marking the sorted one with aria-sort', async () => {
    const html = await overview();
    const headings = [...section(html, 'each-service').matchAll(/<th scope="col"[^>]*>/g)].map((match) => match[0]);
    expect(headings).toHaveLength(8);
    expect(headings.filter((heading) => heading.includes('aria-sort'))).toEqual(['<th scope="col" class="numeric" aria-sort="descending">']);
    expect(html).toContain('href="?period=28&amp;sort=views&amp;dir=asc#each-service"');
    expect(html).toContain('href="?period=28&amp;sort=completion&amp;dir=desc#each-service"');
    expect(html).toContain('href="?period=28&amp;sort=service&amp;dir=asc#each-service"');
    expect(words(html)).toContain('Each service in the last 28 days, sorted by views, highest first');
    expect(words(html)).toContain('Sorted by views, highest first. Select a column heading to sort by it.');
    expect(bodyRows(html).map((text) => text.split(' ')[0])).toEqual(['Pay', 'Report', 'Apply', 'Find']);

    const byCompletion = await overview(portalFixture(), { column: 'completion', dir: 'asc' });
    expect(byCompletion).toContain('aria-sort="ascending"');
    expect(bodyRows(byCompletion).map((text) => text.split(' ')[0])).toEqual(['Pay', 'Report', 'Apply', 'Find']);
    expect(words(byCompletion)).toContain('sorted by finished, of those started, lowest first');
  });

  it('explains unlinked finishes and the minimum sample', async () => {
    const text = words(await overview());
    expect(text).toContain('“Finished, not linked to a start” counts visits');
    expect(text).toContain('A rate or average based on fewer than 10 people reads “too few to say”');
  });

  it('shows a clear empty state when nothing was recorded', async () => {
    const html = await overview(emptyFixture());
    expect(words(html)).toContain('No activity recorded yet');
    expect(html).not.toContain('<table');
  });
});

describe('TaskPerformance', () => {
  const stats = portalFixture();
  const render = (slug: string, extra: Record<string, unknown> = {}) =>
    container.renderToString(TaskPerformance, {
      props: {
        slug, title: titleOf(slug), period: 28, range: { from: stats.from, to: stats.to }, previousRange: { from: stats.previous.from, to: stats.previous.to },
        minSample: stats.minSample, stats: stats.tasks.find((task) => task.task === slug), previous: stats.previous.tasks.find((task) => task.task === slug), days: [], ...extra,
      },
    });

  // toContain runs, alike in shape to search-api.test's: each line is a figure a reader must see, with its n.
  it('shows the key figures with their n and change', async () => {
    const figures = words(section(await render('report-a-pothole'), 'figures-heading'));
    expect(figures).toContain('Started 50');
    expect(figures).toContain('Finished 40');
    expect(figures).toContain('Finished, of those started 80% n = 50 up 4 points');
    expect(figures).toContain('Satisfaction (1 to 5) 4.4 n = 30 up 0.3');
    expect(figures).toContain('Finished, not linked to a start 6');
  });

  it('says too few and too little to compare for a small task, and the error for impossible figures', async () => {
    expect(words(await render('find-your-councillor'))).toContain('Finished, of those started too few to say (n = 3) too little to compare');
    const badge = await render('apply-for-a-blue-badge');
    expect(words(badge)).toContain('cannot be shown: check the data');
    for (const value of percentages(badge)) expect(value).toBeLessThanOrEqual(100);
  });

  it('says "more starts than views" rather than a share above 100%', async () => {
    const html = await render('report-a-pothole', { stats: taskStats('report-a-pothole', { views: 20, starts: 30, completions: 10 }) });
    expect(words(html)).toContain('Started the service 30 more starts than views');
    for (const value of percentages(html)) expect(value).toBeLessThanOrEqual(100);
  });

  it('shows cost per completed transaction and digital take-up, each with its period, when the content gives them', async () => {
    const performance = { costPerTransaction: { pounds: 4.2, from: '2025-04-01', to: '2026-03-31' }, channels: { from: '2025-04-01', to: '2026-03-31', online: 8200, phone: 1400, post: 300, inPerson: 100 } };
    const cost = words(section(await render('report-a-pothole', { performance }), 'cost-heading'));
    expect(cost).toContain('Cost per completed transaction £4.20 1 April 2025 to 31 March 2026');
    expect(cost).toContain('Digital take-up (done online) 82% n = 10,000 1 April 2025 to 31 March 2026');
    expect(cost).toContain('Online 8,200');
    expect(await render('report-a-pothole')).not.toContain('cost-heading');
  });

  it('says so when nothing was recorded, and still draws empty charts with tables', async () => {
    const html = await render('report-a-pothole', { stats: undefined, previous: undefined });
    expect(words(html)).toContain('Nothing was recorded for this service in the last 28 days.');
    expect(html.match(/<svg/g)).toHaveLength(6);
  });
});
