import { describe, expect, it } from 'vitest';
import { crawlPath, linksIn, sitemapLocations } from './discovery.ts';

const base = 'http://127.0.0.1:4321';

describe('what the crawl follows', () => {
  it('follows same-site pages, keeping the query and dropping the fragment', () => {
    expect(crawlPath('/browse/housing', `${base}/`, base)).toBe('/browse/housing');
    expect(crawlPath('housing#top', `${base}/browse/x`, base)).toBe('/browse/housing');
    expect(crawlPath('/performance?period=7', `${base}/`, base)).toBe('/performance?period=7');
  });

  it('never follows the API, Start links, data files, assets or other sites', () => {
    for (const href of ['/api/tasks.json', '/api/stats?period=28', '/start/report-a-pothole', '/performance.csv?period=28', '/search-index.json', '/_astro/x.js', '/favicon.svg', 'https://www.gov.uk/', 'mailto:a@b.c', 'tel:01632960444', 'javascript:void(0)']) {
      expect(crawlPath(href, `${base}/`, base), href).toBeNull();
    }
  });

  it('reads links from HTML and locations from a sitemap, decoding entities', () => {
    expect(linksIn('<a href="/a?x=1&amp;y=2">A</a> <A class=x HREF=/b>B</A> <area href=\'/c\'> <link href="/style.css">')).toEqual(['/a?x=1&y=2', '/b', '/c']);
    expect(sitemapLocations('<urlset><url><loc> https://x.gov.uk/ </loc></url><url><loc>https://x.gov.uk/a?b=1&amp;c=2</loc></url></urlset>')).toEqual(['https://x.gov.uk/', 'https://x.gov.uk/a?b=1&c=2']);
  });
});
