/**
 * Runs before `npm test`: makes sure the browser suites have a Chromium.
 * On Debian as root it installs the distribution's package; anywhere else it
 * says how to get one. Exit 0 when a browser is there, 2 when it cannot be had.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium, HOW_TO_GET_CHROMIUM } from '../src/lib/browser/find-chromium.ts';
import { fail, parseCli } from '../src/lib/cli/cli.ts';

// It takes no options, but parses them anyway: a mistyped flag must stop it before it installs anything.
parseCli({
  usage: 'npx node tools/ensure-chromium.ts (npm test runs it first)',
  summary: `Makes sure the browser suites have a Chromium: CHROMIUM_PATH, Playwright's own, or /usr/bin/chromium.
On Debian as root, when none is found, it installs the distribution's chromium package.`,
  options: {},
  done: 'a browser is there',
  cannotRun: 'no browser could be found or installed',
});

async function found(): Promise<string | undefined> {
  try {
    return (await findChromium()).path;
  } catch {
    return undefined;
  }
}

let path = await found();
if (!path && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && !process.env.CHROMIUM_PATH) {
  console.log('No Chromium found: installing Debian\'s chromium package (about a minute)…');
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  } catch (error) {
    console.error(`Installing chromium failed: ${(error as Error).message}`);
  }
  path = await found();
}
if (!path) fail(HOW_TO_GET_CHROMIUM);
console.log(`Browser tests will use ${path}`);
