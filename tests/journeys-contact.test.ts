/**
 * The contact page and the step-by-step journeys in the built demo portal: /contact has
 * a tel: link for every number in content/contact.yml; each journey links to its tasks and
 * each of those tasks links back; search (server and browser index) finds both.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../src/lib/content/load-content.ts';
import { searchResponseSchema } from '../src/schemas/search.ts';
import { telHref } from '../src/lib/content/phone-numbers.ts';
import { DIST, ROOT, startServer, type RunningServer } from './helpers/site.ts';

const content = loadContent({ root: join(ROOT, 'content'), cwd: ROOT });
const page = (path: string) => readFileSync(join(DIST, path), 'utf8');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Every <a> in the page as [href, text without tags], attributes in any order. */
const links = (html: string) =>
  [...html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/g)].map((match) => ({
    href: /\bhref="([^"]*)"/.exec(match[1]!)?.[1] ?? '',
    attributes: match[1]!,
    text: match[2]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim(),
  }));

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

describe('/contact', () => {
  const contact = content.contact!;
  const html = page('contact.html');

  it('has a tel: link for every number, with the number as its text', () => {
    const numbers = [...contact.phones, ...contact.emergencies].map((line) => line.number);
    if (contact.language.phone) numbers.push(contact.language.phone.number);
    if (contact.language.textRelay) numbers.push(contact.language.textRelay);
    const tel = links(html).filter((link) => link.href.startsWith('tel:'));
    for (const number of numbers) {
      const link = tel.find((candidate) => candidate.href === telHref(number));
      expect(link, number).toBeDefined();
      expect(link!.text.endsWith(number), `${number}: "${link!.text}"`).toBe(true);
    }
    expect(tel).toHaveLength(numbers.length);
  });

  it('gives opening hours, the address with a named map link, complaints and BSL help', () => {
    expect(html).toContain(`Open: ${contact.phones[0]!.hours}`);
    for (const line of contact.address.lines) expect(html).toContain(line);
    expect(links(html)).toContainEqual(expect.objectContaining({ href: contact.address.map.url, text: contact.address.map.linkText }));
    expect(links(html).map((link) => link.href)).toContain(`/${contact.complaints.task}`);
    expect(links(html)).toContainEqual(expect.objectContaining({ href: contact.language.bsl.url, text: contact.language.bsl.linkText }));
    expect(html).toMatch(/<h2[^>]*>Emergencies and out of hours<\/h2>/);
  });

  it('is linked from the footer of every page and from a search that found nothing', async () => {
    for (const path of ['index.html', 'browse/index.html', 'report-a-pothole.html', 'journey/moving-home.html']) {
      expect(links(page(path)).map((link) => link.href), path).toContain('/contact');
    }
    const response = await fetch(`${server.url}/search?q=${encodeURIComponent('zzqxv wobblefrotz')}`);
    const noResults = await response.text();
    expect(noResults).toContain('data-coverage="none"');
    expect(/<div class="no-results"[\s\S]*?<\/div>/.exec(noResults)?.[0]).toContain('href="/contact"');
  });
});

describe('step-by-step journeys', () => {
  it('has the four demo journeys', () => {
    expect(content.journeys.map((journey) => journey.slug).sort()).toEqual(['having-a-baby', 'moving-home', 'starting-a-food-business', 'when-someone-dies']);
  });

  it.each(content.journeys.map((journey) => [journey.slug, journey] as const))('%s lists numbered steps whose tasks link back to it', (slug, journey) => {
    const html = page(`journey/${slug}.html`);
    expect(html).toMatch(new RegExp(`<h1[^>]*>${escapeRegExp(journey.title)}</h1>`));
    journey.steps.forEach((step, index) => {
      const item = new RegExp(`<li id="step-${index + 1}"[\\s\\S]*?(?=<li id="step-${index + 2}"|</ol>)`).exec(html)?.[0];
      expect(item, `step ${index + 1}`).toContain(step.title);
      const hrefs = links(item!).map((link) => link.href);
      expect(hrefs).toEqual(step.tasks.map((entry) => `/${entry.task}`));
      // "or" and "and" are shown before the task they join.
      for (const entry of step.tasks.filter((candidate) => candidate.join)) {
        expect(item).toMatch(new RegExp(`<span class="step-join"[^>]*>${entry.join}</span>\\s*<a href="/${entry.task}"`));
      }
      for (const entry of step.tasks) {
        const taskPage = page(`${entry.task}.html`);
        const part = new RegExp(`<p[^>]*data-journey-part="${slug}"[\\s\\S]*?</p>`).exec(taskPage)?.[0];
        expect(part, `${entry.task} has no "Part of: ${journey.title}"`).toBeDefined();
        expect(part).toContain(`step ${index + 1} of ${journey.steps.length}`);
        expect(links(part!).map((link) => link.href)).toContain(`/journey/${slug}`);
        const nav = new RegExp(`<nav[^>]*data-journey-nav="${slug}"[\\s\\S]*?</nav>`).exec(taskPage)?.[0] ?? '';
        const navLinks = links(nav);
        const previous = navLinks.find((link) => link.attributes.includes('rel="prev"'));
        const next = navLinks.find((link) => link.attributes.includes('rel="next"'));
        expect(previous?.href).toBe(index > 0 ? `/journey/${slug}#step-${index}` : undefined);
        expect(next?.href).toBe(index < journey.steps.length - 1 ? `/journey/${slug}#step-${index + 2}` : undefined);
      }
    });
  });

  it('shows no journey box on a task that is in no journey', () => {
    expect(page('report-a-pothole.html')).not.toMatch(/data-journey-(nav|part)/);
  });

  it('are listed on /browse', () => {
    const hrefs = links(page('browse/index.html')).map((link) => link.href);
    for (const journey of content.journeys) expect(hrefs).toContain(`/journey/${journey.slug}`);
  });
});

describe('search finds the contact page and journeys', () => {
  const api = async (query: string) => searchResponseSchema.parse(await (await fetch(`${server.url}/api/search?q=${encodeURIComponent(query)}`)).json());

  it.each(['phone number for the council', 'contact the council', 'complain'])('"%s" gives /contact first', async (query) => {
    const body = await api(query);
    expect(body.results[0]).toMatchObject({ url: '/contact', kind: 'contact' });
  });

  it('gives a journey, labelled, for a life event, and the one task first when it alone answers', async () => {
    expect((await api('what to do when someone dies')).results[0]).toMatchObject({ url: '/journey/when-someone-dies', kind: 'journey' });
    const moving = await api('moving house');
    expect(moving.results.slice(0, 2).map((result) => result.url)).toEqual(['/tell-us-you-are-moving-home', '/journey/moving-home']);
  });

  it('labels a journey on /search, and its link counts no task click', async () => {
    const html = await (await fetch(`${server.url}/search?q=${encodeURIComponent('having a baby')}`)).text();
    const item = /<li data-kind="journey"[\s\S]*?<\/li>/.exec(html)?.[0];
    expect(item).toContain('>Step by step<');
    const link = links(item!).find((candidate) => candidate.href === '/journey/having-a-baby');
    expect(link?.attributes).toContain('data-rank=');
    expect(link?.attributes).not.toContain('data-task=');
  });

  it('puts journeys and the contact page in the browser index', () => {
    const index = JSON.parse(page('search-index.json')) as { docs: { slug: string; kind: string }[] };
    const pages = index.docs.filter((doc) => doc.kind === 'journey' || doc.kind === 'contact').map((doc) => doc.slug).sort();
    expect(pages).toEqual(['contact', ...content.journeys.map((journey) => `journey/${journey.slug}`)].sort());
  });
});
