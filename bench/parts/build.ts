/**
 * build: Taskfront's build at 1,000 and 10,000 synthetic tasks against a bare Astro project
 * over the same Markdown files (bench/bare-astro.ts), the two run one after the other in turn,
 * in the same run, with cold caches. Before building, each catalogue passes check:content
 * (timed: its own budget at 1,000 tasks).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeSyntheticCatalogue } from '../../tools/synthetic-catalogue.ts';
import { writeBareAstro } from '../bare-astro.ts';
import { checkContentFigures } from '../check-content.ts';
import { log, median, slower, startPart, type PartResult } from '../lib/report.ts';
import { countFiles, folderBytes, measure, type Measured } from '../lib/spawn.ts';
import { oursOut, type BenchContext } from './context.ts';

/** Wall-time budgets against bare Astro, by catalogue size; and the absolute one at 10,000. */
const WALL_RATIO: Record<number, number> = { 1000: 1.3, 10000: 1.5 };
const WALL_MAX_S: Record<number, number> = { 10000: 120 };
const MEMORY_RATIO = 1.5;

interface BuildRun extends Measured {
  pages: number;
  distMb: number;
}

export async function buildPart(ctx: BenchContext): Promise<PartResult> {
  const part = startPart('build', ctx.command);
  const sizes = ctx.sizes;
  const runsFor = (size: number) => (ctx.quick ? 1 : size >= 10000 ? ctx.runs10k : ctx.runs);
  for (const size of sizes) {
    const content = catalogueDir(ctx, size);
    log(`build: writing ${size} synthetic tasks to ${content}`);
    writeSyntheticCatalogue({ from: join(ctx.root, 'content'), out: content, tasks: size });

    if (!(await checkContentFigures(part, { root: ctx.root, content, size, runs: ctx.quick || size >= 10000 ? 1 : ctx.runs }))) continue;

    const bareRoot = join(ctx.scratch, `bare-${size}`);
    writeBareAstro(bareRoot, join(content, 'tasks'), join(ctx.root, 'node_modules'));
    const ours: BuildRun[] = [];
    const bare: BuildRun[] = [];
    for (let run = 0; run < runsFor(size); run += 1) {
      // Alternate who goes first, so a change in the machine's load falls on both alike.
      const order = run % 2 === 0 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const);
      for (const who of order) {
        log(`build: ${size} tasks, run ${run + 1}/${runsFor(size)}, ${who === 'ours' ? 'Taskfront' : 'bare Astro'}`);
        const result = who === 'ours' ? await buildOnce(ctx, ctx.root, content, oursOut(ctx, size)) : await buildOnce(ctx, bareRoot, content, join(ctx.scratch, `bare-out-${size}`));
        (who === 'ours' ? ours : bare).push(result);
      }
    }
    const failed = [...ours, ...bare].find((run) => run.code !== 0);
    if (failed) {
      part.note(`A build at ${size} tasks failed (exit ${failed.code}): ${failed.output.slice(-800)}`);
      part.add({ name: `build wall time, ${size} tasks`, unit: 's', value: null, budget: `≤ ${WALL_RATIO[size] ?? '–'}× bare Astro`, pass: false });
      continue;
    }
    const wall = median(ours.map((run) => run.wallS));
    const bareWall = median(bare.map((run) => run.wallS));
    const wallBudget = WALL_RATIO[size];
    const wallMax = WALL_MAX_S[size];
    const wallRatio = slower(wall, bareWall);
    part.add({
      name: `build wall time, ${size} tasks`,
      unit: 's',
      value: wall,
      baseline: bareWall,
      baselineName: 'bare Astro',
      ratio: wallRatio,
      budget: [wallBudget ? `≤ ${wallBudget}× bare` : '', wallMax ? `< ${wallMax} s` : ''].filter(Boolean).join(', ') || undefined,
      pass: wallBudget ? wallRatio! <= wallBudget && (!wallMax || wall < wallMax) : null,
      samples: ours.map((run) => run.wallS),
      note: `bare samples ${bare.map((run) => run.wallS.toFixed(1)).join(', ')}`,
    });
    const cpu = median(ours.map((run) => run.cpuS ?? Number.NaN));
    const bareCpu = median(bare.map((run) => run.cpuS ?? Number.NaN));
    part.add({ name: `build CPU time, ${size} tasks`, unit: 's', value: cpu, baseline: bareCpu, baselineName: 'bare Astro', ratio: slower(cpu, bareCpu) });
    const peak = median(ours.map((run) => run.peakMb ?? Number.NaN));
    const barePeak = median(bare.map((run) => run.peakMb ?? Number.NaN));
    part.add({
      name: `build peak memory, ${size} tasks`,
      unit: 'MB',
      value: peak,
      baseline: barePeak,
      baselineName: 'bare Astro',
      ratio: slower(peak, barePeak),
      budget: `≤ ${MEMORY_RATIO}× bare`,
      pass: Number.isFinite(peak) ? slower(peak, barePeak)! <= MEMORY_RATIO : null,
    });
    const pages = ours.at(-1)!.pages;
    const barePages = bare.at(-1)!.pages;
    part.add({ name: `pages built, ${size} tasks`, unit: 'pages', value: pages, baseline: barePages, baselineName: 'bare Astro' });
    part.add({ name: `pages per second, ${size} tasks`, unit: 'pages/s', value: pages / wall, baseline: barePages / bareWall, baselineName: 'bare Astro' });
    part.add({ name: `dist size, ${size} tasks`, unit: 'MB', value: ours.at(-1)!.distMb, baseline: bare.at(-1)!.distMb, baselineName: 'bare Astro', note: 'ours holds brotli and gzip copies of every page' });
  }
  if (!ctx.quick) part.note('Runs alternate Taskfront and bare Astro; wall time and memory are medians, each build cold (its own empty cache folder).');
  return part.finish();
}

export function catalogueDir(ctx: BenchContext, size: number): string {
  return join(ctx.scratch, `catalogue-${size}`);
}

async function buildOnce(ctx: BenchContext, projectRoot: string, content: string, outDir: string): Promise<BuildRun> {
  rmSync(outDir, { recursive: true, force: true });
  const cacheDir = join(ctx.scratch, `cache-${process.pid}-${Date.now()}`);
  mkdirSync(cacheDir, { recursive: true });
  const result = await measure(process.execPath, [join(ctx.root, 'bench/build-one.ts'), projectRoot, outDir, cacheDir], {
    cwd: projectRoot,
    // As `npm run build` runs, for both builds: MIMALLOC_PURGE_DELAY=0 has Rolldown's allocator give back what
    // Vite's bundling freed as it frees it, not at its next allocation, which a build never makes (decision 0046).
    env: { ...process.env, TASKFRONT_CONTENT_DIR: content, ASTRO_TELEMETRY_DISABLED: '1', MIMALLOC_PURGE_DELAY: '0' },
  });
  rmSync(cacheDir, { recursive: true, force: true });
  return { ...result, pages: countFiles(outDir, '.html'), distMb: folderBytes(outDir) / 2 ** 20 };
}
