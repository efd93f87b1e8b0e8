/**
 * One Astro build with its own output and cache folders, for the build benchmark. Run as a
 * child process (so its wall time and peak memory are its own) for both Taskfront and the
 * bare baseline: the same harness, the same installed Astro.
 *
 *   node bench/build-one.ts <project root> <outDir> <cacheDir>
 * TASKFRONT_CONTENT_DIR says which content Taskfront builds from.
 */
import { build } from 'astro';

const [root, outDir, cacheDir] = process.argv.slice(2);
if (!root || !outDir || !cacheDir) {
  console.error('usage: node bench/build-one.ts <project root> <outDir> <cacheDir>');
  process.exit(2);
}
process.env.ASTRO_TELEMETRY_DISABLED = '1';
// A private cache folder: the content store is not shared with other builds (or other people's), so every run is a cold build.
await build({ root, outDir, cacheDir, logLevel: 'warn' });
