/**
 * The top entries of a V8 CPU profile (node --cpu-prof): self time by function and file,
 * and total time by file, so a build profile before and after a change can be compared.
 *
 *   npx node tools/profile-top.ts <file.cpuprofile> [--top 10]
 */
import { readFileSync } from 'node:fs';
import { fail, intOption, parseCli } from '../src/lib/cli/cli.ts';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseCli({
  usage: 'npx node tools/profile-top.ts <file.cpuprofile> [--top 10]',
  summary: 'Prints the functions with the most self time in a V8 CPU profile, and the files with the most.',
  positionals: '<file.cpuprofile>',
  options: { top: { type: 'string', valueName: 'n', description: 'entries to print (default 10)' } },
  json: 'print the entries as JSON',
});
if (positionals.length !== 1) fail('Give one .cpuprofile file, made with node --cpu-prof.');
const top = intOption('top', values.top, { min: 1, max: 1000, fallback: 10, example: '--top 10' });
let profile: Profile;
try {
  profile = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as Profile;
} catch (error) {
  fail(`Could not read ${positionals[0]} as a CPU profile: ${(error as Error).message}`);
}

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMs = new Map<number, number>();
profile.samples.forEach((id, index) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000));
const total = [...selfMs.values()].reduce((a, b) => a + b, 0);

const shortUrl = (url: string) => url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '').replace(/^.*\/(src|bench|tools)\//, '$1/') || '(native)';
const functions = new Map<string, number>();
const files = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const key = `${functionName || '(anonymous)'} ${shortUrl(url)}${url ? `:${lineNumber + 1}` : ''}`;
  functions.set(key, (functions.get(key) ?? 0) + ms);
  const file = shortUrl(url).replace(/^(astro|vite|rollup|rolldown|@[^/]+\/[^/]+|[^/]+)\/.*$/, '$1');
  files.set(file, (files.get(file) ?? 0) + ms);
}
const rank = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => ({ name, ms: Math.round(ms), share: Math.round((ms / total) * 1000) / 10 }));
const result = { totalMs: Math.round(total), functions: rank(functions), packages: rank(files) };
if (values.json) console.log(JSON.stringify(result, null, 2));
else {
  console.log(`Sampled ${(total / 1000).toFixed(1)} s of CPU.\nSelf time by function:`);
  for (const entry of result.functions) console.log(`  ${String(entry.ms).padStart(7)} ms ${String(entry.share).padStart(5)}%  ${entry.name}`);
  console.log('Self time by package or folder:');
  for (const entry of result.packages) console.log(`  ${String(entry.ms).padStart(7)} ms ${String(entry.share).padStart(5)}%  ${entry.name}`);
}
