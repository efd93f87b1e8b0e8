/**
 * Writes a synthetic content folder of N tasks for benchmarks: the build at scale,
 * search at scale, check:content at scale.
 *
 * Copies of the demo tasks, in blocks: block 0 is the demo itself (so best bets and search
 * expectations still name real tasks), and every later block is the whole demo again for a
 * made-up area ("Ostfen Vale"), with the area in each title, summary and body, two made-up
 * service words in its keywords, and its related tasks and demo-service start pointing at the
 * same block's copies. So every reference is valid, titles stay unique, and the vocabulary
 * grows with the catalogue as a real council's (or many councils') would.
 *
 * Seeded: the same size always gives the same files, so runs compare.
 *
 *   npx node tools/synthetic-catalogue.ts --tasks 1000 --out /tmp/catalogue-1000
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { seededRandom } from '../src/lib/seeded-random.ts';

const SYLLABLES = ['ar', 'ben', 'cal', 'dor', 'el', 'fen', 'gar', 'hol', 'ist', 'jun', 'kel', 'lor', 'mar', 'nor', 'ost', 'pel', 'quin', 'ros', 'sal', 'tor', 'ul', 'ven', 'wil', 'yar', 'zen'];
const AREA_KINDS = ['Park', 'Green', 'Vale', 'Hill', 'Road', 'Ward', 'Cross', 'Bridge', 'Heath', 'Fields'];

interface DemoFile {
  slug: string;
  text: string;
}

export interface SyntheticOptions {
  /** The demo content folder to copy (content/). */
  from: string;
  /** The folder to write; emptied first. */
  out: string;
  /** How many tasks to write, at least the demo's own number. */
  tasks: number;
  seed?: number;
}

/** Writes the catalogue and returns how many task files it wrote. */
export function writeSyntheticCatalogue({ from, out, tasks: size, seed = 20261126 }: SyntheticOptions): number {
  const random = seededRandom(seed);
  const word = () => Array.from({ length: 2 + random.below(2) }, () => random.pick(SYLLABLES)).join('');
  const demo: DemoFile[] = readdirSync(join(from, 'tasks'))
    .filter((name) => name.endsWith('.md') && !name.startsWith('.') && !name.startsWith('_'))
    .sort()
    .map((name) => ({ slug: basename(name, '.md'), text: readFileSync(join(from, 'tasks', name), 'utf8') }));
  if (size < demo.length) throw new Error(`--tasks must be at least ${demo.length}, the number of demo tasks in ${from}/tasks`);

  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'tasks'), { recursive: true });
  for (const folder of ['topics', 'search', 'style', 'accessibility', 'journeys']) {
    cpSync(join(from, folder), join(out, folder), { recursive: true });
  }
  // Every council has a contact page (the content check requires it); the demo tasks it and the journeys name are all copied below.
  cpSync(join(from, 'contact.yml'), join(out, 'contact.yml'));
  // The search expectations measure the demo catalogue's quality: with many copies of each
  // task, the top 3 fill with copies and every gate fails by construction. Without the file,
  // the search check has nothing to measure (search-check.ts), as for another council's folder.
  rmSync(join(out, 'search/expectations.yml'), { force: true });
  for (const file of demo) writeFileSync(join(out, 'tasks', `${file.slug}.md`), file.text);

  const usedAreas = new Set<string>();
  let written = demo.length;
  for (let block = 1; written < size; block += 1) {
    let area: string;
    do {
      // Two syllables: a longer made-up name raises the reading age of short signposts past the plain-language gate.
      const name = random.pick(SYLLABLES) + random.pick(SYLLABLES);
      area = `${name[0]!.toUpperCase()}${name.slice(1)} ${random.pick(AREA_KINDS)}`;
    } while (usedAreas.has(area));
    usedAreas.add(area);
    const suffix = area.toLowerCase().replace(/[^a-z]+/g, '-');
    // The last block may be partial: related tasks point only at copies it holds.
    const members = demo.slice(0, Math.min(demo.length, size - written));
    const inBlock = new Set(members.map((file) => file.slug));
    for (const file of members) {
      const slug = `${file.slug}-${suffix}`;
      writeFileSync(join(out, 'tasks', `${slug}.md`), variant(file, slug, suffix, area, [word(), word()], inBlock));
      written += 1;
    }
  }
  return written;
}

/** One demo task rewritten for an area; references outside the block are dropped, never left broken. */
function variant(file: DemoFile, slug: string, suffix: string, area: string, serviceWords: string[], inBlock: ReadonlySet<string>): string {
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(file.text);
  if (!match) throw new Error(`${file.slug}.md has no front matter between --- lines`);
  const doc = parseDocument(match[1]!);
  const data = doc.toJS() as Record<string, unknown>;
  data.title = `${String(data.title)} in ${area}`;
  data.summary = `${String(data.summary)} For ${area}.`;
  data.keywords = [...((data.keywords as string[] | undefined) ?? []), ...serviceWords, `${serviceWords[0]} ${area.toLowerCase()}`];
  data.related = ((data.related as string[] | undefined) ?? []).filter((related) => inBlock.has(related)).map((related) => `${related}-${suffix}`);
  const start = data.start as { url?: string } | undefined;
  if (start?.url === `/demo-service/${file.slug}`) start.url = `/demo-service/${slug}`;
  // Dates as YYYY-MM-DD strings, as editors write them.
  for (const key of ['lastReviewed', 'reviewBy']) {
    const value = data[key];
    if (value instanceof Date) data[key] = value.toISOString().slice(0, 10);
  }
  const front = new (doc.constructor as typeof import('yaml').Document)(data).toString({ lineWidth: 0 });
  const body = match[2]!.trim() ? `${match[2]!.trimEnd()}\n\nIt is for ${area}.\n` : '';
  return `---\n${front}---\n${body}`;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { parseCli, intOption, fail } = await import('../src/lib/cli/cli.ts');
  // A declaration for the one CLI wrapper (src/lib/cli/cli.ts): every tool's option table has this shape; the options are this tool's own.
  const { values } = parseCli({
    usage: 'npx node tools/synthetic-catalogue.ts --tasks <n> --out <folder> [--from content]',
    summary: 'Writes a synthetic content folder of n tasks made from the demo tasks, with valid related tasks and topics, for benchmarks.',
    options: {
      tasks: { type: 'string', valueName: 'n', description: 'number of tasks (at least the demo number)' },
      out: { type: 'string', valueName: 'folder', description: 'folder to write (emptied first)' },
      from: { type: 'string', default: 'content', valueName: 'folder', description: 'demo content to copy (default content)' },
    },
  });
  const out = values.out || fail('Give the folder to write with --out, e.g. --out /tmp/catalogue-1000');
  const tasks = intOption('tasks', values.tasks, { min: 1, max: 1_000_000, fallback: 1000, example: '--tasks 1000' });
  try {
    const written = writeSyntheticCatalogue({ from: values.from ?? 'content', out: resolve(out), tasks });
    console.log(`Wrote ${written} tasks to ${resolve(out)}`);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}
