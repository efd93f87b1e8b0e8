/**
 * What the incident banner costs a task page (decision 0033): median latency and bytes on the
 * wire for the same page served as built (sirv, brotli made at build time) and with a banner
 * spliced in (read once, compressed on each request). Against a running portal:
 *
 *   TASKFRONT_INCIDENTS_DIR=<dir with an incident on --with> npm start
 *   node bench/incident-banner.ts --url http://127.0.0.1:4321 --with pay-your-council-tax --without pay-a-parking-fine
 */
import { request } from 'node:http';
import { EXIT, fail, intOption, parseCli, PORTAL_URL_OPTION, urlOption } from '../src/lib/cli/cli.ts';
import { median, percentile } from './lib/report.ts';

const { values } = parseCli({
  usage: 'node bench/incident-banner.ts [options]',
  summary: 'Median latency and compressed size of a task page with and without an incident banner.',
  options: {
    url: PORTAL_URL_OPTION,
    with: { type: 'string', default: 'pay-your-council-tax', valueName: 'slug', description: 'a task an open incident affects' },
    without: { type: 'string', default: 'pay-a-parking-fine', valueName: 'slug', description: 'a task of similar size with no incident' },
    runs: { type: 'string', default: '300', valueName: 'n', description: 'requests per page (1 to 10,000)' },
  },
  json: true,
});
const runs = intOption('runs', values.runs, { min: 1, max: 10_000, fallback: 300 });
const base = urlOption('url', values.url);

function once(path: string, encoding: string): Promise<{ ms: number; bytes: number; banner: boolean }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(new URL(path, base), { headers: { 'Accept-Encoding': encoding } }, (res) => {
      let bytes = 0;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => { bytes += chunk.length; chunks.push(chunk); });
      res.on('end', () => resolve({ ms: performance.now() - started, bytes, banner: res.headers.etag?.startsWith('W/"live-') ?? false }));
    });
    req.on('error', reject);
    req.end();
  });
}

interface Row { slug: string; encoding: string; banner: boolean; medianMs: number; p95Ms: number; bytes: number }

/** Both pages in turn, request by request, so both see the same load on a busy machine. */
async function measure(encoding: string): Promise<Row[]> {
  const slugs = [values.without!, values.with!];
  const times: number[][] = [[], []];
  const last: { bytes: number; banner: boolean }[] = [];
  for (let i = 0; i < 20; i++) for (const slug of slugs) await once(`/${slug}`, encoding); // warm up
  for (let i = 0; i < runs; i++) {
    for (const [index, slug] of slugs.entries()) {
      const result = await once(`/${slug}`, encoding);
      times[index]!.push(result.ms);
      last[index] = result;
    }
  }
  return slugs.map((slug, index) => {
    return { slug, encoding, banner: last[index]!.banner, medianMs: Number(median(times[index]!).toFixed(2)), p95Ms: Number(percentile(times[index]!, 95).toFixed(2)), bytes: last[index]!.bytes };
  });
}

const rows: Row[] = [];
try {
  for (const encoding of ['br', 'gzip', 'identity']) rows.push(...(await measure(encoding)));
} catch (error) {
  fail(`Could not reach ${base.origin}: ${(error as Error).message}. Start the portal first (npm start).`);
}
if (!rows.some((row) => row.banner)) fail(`/${values.with} has no banner: write an incident that affects it into the server's incidents folder first.`, EXIT.problems);
if (values.json) console.log(JSON.stringify(rows, null, 2));
else for (const row of rows) console.log(`${row.encoding.padEnd(9)} /${row.slug.padEnd(28)} ${row.banner ? 'banner' : 'built '}  median ${row.medianMs} ms  p95 ${row.p95Ms} ms  ${row.bytes} bytes`);
