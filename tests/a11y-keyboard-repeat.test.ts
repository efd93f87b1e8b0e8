/**
 * The keyboard walk gives the same answer every time, even on a busy machine: it waits for
 * each key press to be handled and for focus and layout to settle, never for a fixed time.
 * Five walks over the seeded pages while two busy-loop processes (one per core) load the CPU
 * must give identical findings, with nothing left untested.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEWPORTS } from '../src/lib/a11y/audit-page.ts';
import { checkKeyboard } from '../src/lib/a11y/checks/keyboard.ts';
import { ensureKit } from '../src/lib/a11y/checks/kit.ts';
import { Recorder } from '../src/lib/a11y/recorder.ts';
import { launchChromium } from '../src/lib/browser/find-chromium.ts';
import { serveFixtures } from './fixtures/a11y/serve.ts';

/** Page → what the walk must find there (rule and element), every time. */
const PAGES: Record<string, string[]> = {
  '/keyboard-trap.html': ['keyboard-trap #trap'],
  '/timer-trap.html': ['keyboard-trap #again'],
  '/exit-key.html': [],
  '/hidden-focus.html': ['focus-not-visible #main > p > a.no-focus'],
  '/media.html': [],
  '/clean.html': [],
  '/no-label.html': [],
};
const RUNS = 5;

let server: Server;
let base: string;
let browser: Browser;
let page: Page;
const load: ChildProcess[] = [];

beforeAll(async () => {
  ({ server, url: base } = await serveFixtures());
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: VIEWPORTS.wide })).newPage();
  // One busy loop per core, each stopping by itself after ten minutes at most (killed sooner in afterAll).
  for (let i = 0; i < 2; i++) load.push(spawn(process.execPath, ['-e', 'const end = Date.now() + 600000; while (Date.now() < end) {}'], { stdio: 'ignore' }));
}, 60_000);

afterAll(async () => {
  for (const child of load) child.kill();
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function walkOnce(path: string): Promise<string[]> {
  const open = async () => {
    await page.goto(new URL(path, base).href, { waitUntil: 'load' });
    await ensureKit(page);
  };
  await open();
  const recorder = new Recorder({ page: path, state: null, baseline: [], shotsDir: null, shotBudget: { left: 0 } });
  // As the audit does: a trap is confirmed on a fresh load of the page.
  const result = await checkKeyboard(page, recorder, { condition: 'keyboard', skipLink: true, restart: open });
  const found = [...recorder.problems.values()].map((problem) => `${problem.rule} ${problem.selector}`);
  const advice = [...recorder.needsReview.values()].map((item) => `advice ${item.rule}`);
  return [...found, ...advice, ...(result.untested ? [`untested: ${result.note}`] : [])].sort();
}

describe('the keyboard walk under load', () => {
  it(`gives identical findings in ${RUNS} walks of each seeded page while the CPU is busy`, async () => {
    const runs: Record<string, string[][]> = {};
    for (let run = 0; run < RUNS; run++) {
      for (const path of Object.keys(PAGES)) (runs[path] ??= []).push(await walkOnce(path));
    }
    expect(load.every((child) => child.exitCode === null), 'the busy loops were still running').toBe(true);
    for (const [path, expected] of Object.entries(PAGES)) {
      expect(runs[path], path).toEqual(Array.from({ length: RUNS }, () => expected));
    }
  }, 580_000);
});
