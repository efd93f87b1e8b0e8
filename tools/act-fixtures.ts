/**
 * npm run act:fixtures -- --source <wcag-act-rules checkout or git dir> [--commit <ref>]
 * Regenerates tests/act/cases/ from W3C's published ACT Rules test cases, so the ACT
 * harness runs offline: testcases.json cut down to the rules we claim, each example page,
 * and the small assets those pages load. Examples that need a large media file or a
 * resource on another site are kept in the list but marked "not run", with the reason.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fail, parseCli } from '../src/lib/cli/cli.ts';
import { CLAIMED } from './act/claimed-rules.ts';
import { externalResource, localAssets, type ActCase, type FixtureIndex } from './act/fixture-index.ts';

/** Assets above this stay out of the repository (videos, long recordings); their examples are not run. */
const MAX_ASSET_BYTES = 200_000;
const PREFIX = 'content-assets/wcag-act-rules/';

const { values } = parseCli({
  usage: 'npm run act:fixtures -- --source <dir> [options]',
  summary: 'Copies the W3C ACT Rules test cases for the rules we claim into tests/act/cases/, with the W3C licence notice.',
  options: {
    source: { type: 'string', valueName: 'dir', description: 'a clone of https://github.com/w3c/wcag-act-rules (work tree or bare git directory)' },
    commit: { type: 'string', default: 'HEAD', valueName: 'ref', description: 'the commit to copy from (default HEAD)' },
    out: { type: 'string', default: 'tests/act/cases', valueName: 'dir', description: 'where to write (default tests/act/cases)' },
  },
  json: 'print the counts as JSON',
});

if (!values.source) fail('Give the W3C repository with --source, e.g. git clone https://github.com/w3c/wcag-act-rules /tmp/act && npm run act:fixtures -- --source /tmp/act');
const source = resolve(values.source);
if (!existsSync(source)) fail(`--source ${source} does not exist: clone https://github.com/w3c/wcag-act-rules there first.`);
const gitDir = existsSync(join(source, '.git')) ? join(source, '.git') : source;

function git(...args: string[]): Buffer {
  return execFileSync('git', ['--git-dir', gitDir, ...args], { maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
}

let commit: string;
try {
  commit = git('rev-parse', `${values.commit}^{commit}`).toString().trim();
} catch {
  fail(`${source} is not a git clone of w3c/wcag-act-rules, or has no commit "${values.commit}". Clone it with git clone https://github.com/w3c/wcag-act-rules.`);
}
const read = (path: string) => git('show', `${commit}:${path}`);
const sizeOf = (path: string) => Number(git('cat-file', '-s', `${commit}:${path}`).toString().trim());
const exists = (path: string) => {
  try {
    git('cat-file', '-e', `${commit}:${path}`);
    return true;
  } catch {
    return false;
  }
};

let published: { testcases: ActCase[]; license?: string; website?: string };
try {
  published = JSON.parse(read(`${PREFIX}testcases.json`).toString('utf8'));
} catch (error) {
  fail(`Cannot read ${PREFIX}testcases.json at ${commit.slice(0, 12)}: ${(error as Error).message.split('\n')[0]}`);
}
const date = git('show', '-s', '--format=%cI', commit).toString().trim();

const out = resolve(values.out);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const cases: FixtureIndex['cases'] = [];
const copied = new Set<string>();
const missingClaims = new Set(Object.keys(CLAIMED));
for (const testcase of published.testcases) {
  if (!CLAIMED[testcase.ruleId]) continue;
  missingClaims.delete(testcase.ruleId);
  const html = read(PREFIX + testcase.relativePath).toString('utf8');
  let notRun: string | null = externalResource(html);
  const assets = localAssets(html, testcase.relativePath);
  for (const { path, loads } of assets) {
    if (notRun || !loads) continue;
    if (!exists(PREFIX + path)) notRun = `it loads ${path}, which is not in the W3C repository`;
    else if (sizeOf(PREFIX + path) > MAX_ASSET_BYTES) notRun = `needs ${path} (${Math.round(sizeOf(PREFIX + path) / 1024)} KB), a media file kept out of the repository`;
  }
  writeFile(testcase.relativePath, Buffer.from(html));
  // Linked pages (a second chapter, a framed page) are copied too when W3C has them; a link to a missing page stays a link.
  if (!notRun) for (const { path } of assets) if (exists(PREFIX + path) && sizeOf(PREFIX + path) <= MAX_ASSET_BYTES) copyAsset(path);
  cases.push({ ...testcase, notRun });
}
if (missingClaims.size) fail(`These claimed rules have no test cases at ${commit.slice(0, 12)}: ${[...missingClaims].join(', ')}. Update tools/act/claimed-rules.ts.`);

function writeFile(path: string, data: Buffer) {
  const file = join(out, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
}

/** Copies an asset and, for an HTML asset (a framed page), the small assets it loads in turn. */
function copyAsset(asset: string) {
  if (copied.has(asset)) return;
  copied.add(asset);
  const data = read(PREFIX + asset);
  writeFile(asset, data);
  if (/\.html?$/.test(asset)) for (const { path } of localAssets(data.toString('utf8'), asset)) if (exists(PREFIX + path) && sizeOf(PREFIX + path) <= MAX_ASSET_BYTES) copyAsset(path);
}

const index: FixtureIndex = { source: 'https://github.com/w3c/wcag-act-rules', commit, date, cases };
writeFileSync(join(out, 'testcases.json'), `${JSON.stringify(index, null, 1)}\n`);
writeFileSync(
  join(out, 'LICENSE.md'),
  [
    '# W3C ACT Rules test cases',
    '',
    `Copied by \`tools/act-fixtures.ts\` from <https://github.com/w3c/wcag-act-rules> at commit \`${commit}\` (${date}),`,
    `folder \`${PREFIX}\`: the test cases of the ${Object.keys(CLAIMED).length} rules Taskfront's auditor claims, and the assets they load.`,
    'Do not edit these files by hand; run the tool again.',
    '',
    `Copyright © ${new Date(date).getUTCFullYear()} World Wide Web Consortium. https://www.w3.org/copyright/`,
    '',
    'All documents in that repository are licensed by contributors under the',
    '[W3C Document License](https://www.w3.org/Consortium/Legal/copyright-documents); the test case code is',
    'distributed under the [W3C Software and Document License](https://www.w3.org/copyright/software-license-2023/).',
    ...(published.license ? ['', `The published testcases.json states its licence as: ${published.license}`] : []),
    '',
  ].join('\n'),
);

const bytes = [...copied, ...cases.map((item) => item.relativePath)].reduce((sum, path) => sum + statSync(join(out, path)).size, 0);
const summary = { commit, rules: new Set(cases.map((item) => item.ruleId)).size, cases: cases.length, notRun: cases.filter((item) => item.notRun).length, assets: copied.size, kb: Math.round(bytes / 1024) };
if (values.json) console.log(JSON.stringify(summary));
else console.log(`Wrote ${summary.cases} examples of ${summary.rules} rules (${summary.notRun} not run offline) and ${summary.assets} assets, ${summary.kb} KB, from ${commit.slice(0, 12)} into ${values.out}.`);
