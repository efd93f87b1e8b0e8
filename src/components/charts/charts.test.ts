/** The chart components as Astro renders them: escaped, accessible, and readable at 320 px. */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import { ariaLabel, elements, expectEscapedTitle, expectSafeChart, HOSTILE_TITLES, svgs, texts } from '../../lib/tracking/charts/test-helpers.ts';
import FunnelChart from './FunnelChart.astro';
import RatingsChart from './RatingsChart.astro';
import TrendChart from './TrendChart.astro';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const funnelProps = (title: string) => ({ title, minSample: 10, steps: [{ label: 'Views', value: 120 }, { label: 'Starts', value: 80 }, { label: 'Completions', value: 60 }] });
const ratingsProps = (title: string) => ({ title, counts: [2, 3, 5, 20, 40] as const, average: { value: 4.3, n: 70, tooFew: false } });
const trendProps = (title: string) => ({ title, days: [{ day: '2026-11-03', views: 4, starts: 2, completions: 1 }, { day: '2026-11-04', views: 6, starts: 3, completions: 2 }] });

const charts = [
  ['FunnelChart', (title: string) => container.renderToString(FunnelChart, { props: funnelProps(title) })],
  ['RatingsChart', (title: string) => container.renderToString(RatingsChart, { props: ratingsProps(title) })],
  ['TrendChart', (title: string) => container.renderToString(TrendChart, { props: trendProps(title) })],
] as const;

/** The main column is 288 px wide on a 320 px screen (16 px padding each side). */
const COLUMN_AT_320 = 288;

describe.each(charts)('%s', (_, render) => {
  it('renders a narrow and a wide drawing, each a labelled image with a matching title', async () => {
    const html = await render('Pay your council tax');
    const [narrow = '', wide = ''] = svgs(html);
    expect(svgs(html)).toHaveLength(2);
    for (const svg of [narrow, wide]) {
      expectSafeChart(svg);
      expect(ariaLabel(svg)).toContain('Pay your council tax');
      expect(/<title>([^<]*)<\/title>/.exec(svg)?.[1]).toBe(ariaLabel(svg).replaceAll('&', '&amp;'));
    }
    expect(elements(narrow)[0]?.attributes.class).toBe('chart chart-narrow');
    expect(elements(wide)[0]?.attributes.class).toBe('chart chart-wide');
    expect(ariaLabel(narrow)).toBe(ariaLabel(wide));
  });

  it('keeps every word at 12 px or more when the narrow drawing fills a 320 px screen', async () => {
    const [narrow = ''] = svgs(await render('Pay your council tax'));
    const viewBoxWidth = Number(elements(narrow)[0]?.attributes.viewBox?.split(' ')[2]);
    const sizes = elements(narrow).filter((element) => element.name === 'text').map((element) => Number(element.attributes['font-size']));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes) * (COLUMN_AT_320 / viewBoxWidth)).toBeGreaterThanOrEqual(12);
  });

  it.each(HOSTILE_TITLES)('escapes a hostile title: %s', async (title) => {
    for (const svg of svgs(await render(title))) expectEscapedTitle(svg, title);
  });
});

describe('FunnelChart', () => {
  it('writes the shares it can show and escapes hostile step labels', async () => {
    const html = await container.renderToString(FunnelChart, { props: { title: 'Bins', minSample: 1, steps: [{ label: '<script>x</script>', value: 2 }, { label: '"><img onerror=alert(1)>', value: 1 }] } });
    for (const svg of svgs(html)) {
      expectSafeChart(svg);
      expect(svg).toContain('&lt;script&gt;');
      expect(texts(svg)).toContain('50% of <script>x</script>');
    }
  });
});

describe('RatingsChart', () => {
  it('draws counts, ratings and the scale in words', async () => {
    const [, wide = ''] = svgs(await container.renderToString(RatingsChart, { props: ratingsProps('Bins') }));
    expect(texts(wide)).toEqual(expect.arrayContaining(['2', '3', '5', '20', '40', '1', '4', '1 = very dissatisfied, 5 = very satisfied']));
  });
});

describe('TrendChart', () => {
  it('says when there is nothing to draw', async () => {
    for (const svg of svgs(await container.renderToString(TrendChart, { props: { title: 'Bins', days: [] } }))) {
      expectSafeChart(svg);
      expect(texts(svg)).toEqual(['No data for this period']);
    }
  });
});
