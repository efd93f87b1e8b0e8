/**
 * Finds a Chromium to drive, in this order: CHROMIUM_PATH, Playwright's own
 * downloaded browser (if someone installed one), then Debian's /usr/bin/chromium.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const HOW_TO_GET_CHROMIUM =
  'No Chromium found. Install one with "apt-get install -y chromium" (Debian/Ubuntu, as root), ' +
  'or set CHROMIUM_PATH to a Chromium or Chrome executable.';

export interface ChromiumCandidate {
  source: 'CHROMIUM_PATH' | 'playwright' | 'system';
  path: string;
}

export async function candidates(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumCandidate[]> {
  const list: ChromiumCandidate[] = [];
  if (env.CHROMIUM_PATH) list.push({ source: 'CHROMIUM_PATH', path: env.CHROMIUM_PATH });
  try {
    const { chromium } = await import('playwright-core');
    const path = chromium.executablePath();
    if (path) list.push({ source: 'playwright', path });
  } catch {
    // Playwright knows no browser of its own here; fall through to the system one.
  }
  list.push({ source: 'system', path: '/usr/bin/chromium' });
  return list;
}

/** The first candidate that exists, or an error that says how to get one. */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumCandidate> {
  const list = await candidates(env);
  if (env.CHROMIUM_PATH && !existsSync(env.CHROMIUM_PATH)) {
    throw new Error(`CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, but there is no file there. ${HOW_TO_GET_CHROMIUM}`);
  }
  const found = list.find((candidate) => existsSync(candidate.path));
  if (!found) throw new Error(HOW_TO_GET_CHROMIUM);
  return found;
}

export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const { path } = await findChromium();
  return chromium.launch({ executablePath: path, headless: true, args: CHROMIUM_FLAGS });
}
