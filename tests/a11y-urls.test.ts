/**
 * `npm run audit:a11y -- --urls FILE` on a plain static site, the way someone audits a site
 * that is not Taskfront: exactly the listed pages are audited, grouped by template and
 * sampled, and the audit never asks the site for Taskfront's own pages (search, dashboard,
 * forms, the not-found probe).
 */
import { runTool } from './helpers/run-tool.ts';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditReportSchema, type AuditReport } from '../src/schemas/a11y.ts';

const dir = mkdtempSync(join(tmpdir(), 'taskfront-a11y-urls-'));
const site = join(dir, 'site');
const requested: string[] = [];
let server: Server;
let base: string;

const page = (title: string, main: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} - Parish news</title><style>li { padding: 0.5rem 0; }</style></head>
<body><header><p>Parish news</p></header><main><h1>${title}</h1>${main}</main><footer><p>Made by the parish.</p></footer></body></html>`;

const PAGES: Record<string, string> = {
  'index.html': page('Home', '<p>News from the parish.</p><h2>Latest</h2><ol><li><a href="news/fete.html">The summer fete</a></li><li><a href="news/bells.html">New bells</a></li></ol>'),
  'news/fete.html': page('The summer fete', '<p>It is on Saturday.</p><h2>Where</h2><p>The green.</p>'),
  'news/bells.html': page('New bells', '<p>They ring on Sundays.</p><h2>When</h2><p>At ten.</p><h2>Who</h2><p>The ringers.</p>'),
};

function static_(): Promise<string> {
  // A plain static file server, no smarter than `python3 -m http.server`: files or 404.
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    requested.push(path);
    const file = join(site, normalize(path === '/' ? 'index.html' : path));
    if (!file.startsWith(site) || !existsSync(file) || !file.endsWith('.html')) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('File not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));
}

const audit = (args: string[]) => runTool('src/cli/audit-a11y.ts', args);

let run: Awaited<ReturnType<typeof audit>>;
let report: AuditReport;

beforeAll(async () => {
  for (const [name, html] of Object.entries(PAGES)) {
    mkdirSync(join(site, name, '..'), { recursive: true });
    writeFileSync(join(site, name), html);
  }
  base = await static_();
  const list = join(dir, 'list.txt');
  writeFileSync(list, ['# The pages to audit', `${base}/`, `${base}/news/fete.html`, `${base}/news/bells.html`, ''].join('\n'));
  // --sample 0: one page of each template, so of the two news pages (one template) one is left out.
  run = await audit(['--urls', list, '--sample', '0', '--seed', '7', '--out', join(dir, 'out')]);
  report = auditReportSchema.parse(JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')));
}, 240_000);

afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('audit:a11y --urls on a plain static site', () => {
  it('audits one page of every template from the list and names the one left out', () => {
    expect(run.stderr).not.toMatch(/Taskfront portal/);
    expect(report.sampling?.pagesFound).toBe(3);
    expect(report.sampling?.templates.map((template) => template.pages).sort()).toEqual([1, 2]);
    const audited = report.pages.map((item) => item.page).sort();
    expect(audited).toHaveLength(2);
    expect(audited).toContain('/');
    expect(report.notAudited.pages).toHaveLength(1);
    expect([...audited, ...report.notAudited.pages].sort()).toEqual(['/', '/news/bells.html', '/news/fete.html']);
    expect(report.sampling?.seed).toBe(7);
  });

  it('adds no Taskfront pages and never asks the site for them', () => {
    expect(report.pages.every((item) => item.state === null)).toBe(true);
    // "/" is asked once to see the site answers; /api/tasks.json once to see it is not a Taskfront portal.
    const allowed = new Set(['/', '/news/fete.html', '/news/bells.html', '/api/tasks.json', '/favicon.ico']);
    expect([...new Set(requested)].filter((path) => !allowed.has(path))).toEqual([]);
  });

  it('passes, and says it passed only on the pages audited', () => {
    expect(report.problems.filter((problem) => !problem.known).map((problem) => `${problem.page} ${problem.rule}`)).toEqual([]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('The audit passed on the 2 pages audited; 1 not audited.');
    expect(run.stdout).toMatch(/Sample: 3 pages found in 2 templates; 2 audited .* 1 left out/);
    expect(readFileSync(join(dir, 'out', 'index.html'), 'utf8')).toContain('The audit passed on the 2 pages audited; 1 not audited');
  });
});
