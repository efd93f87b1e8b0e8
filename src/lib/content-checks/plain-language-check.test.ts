import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../content/load-content.ts';
import { formatProblem } from '../content/problem.ts';
import { plainLanguageCheck } from './plain-language-check.ts';

const ROOT = join(import.meta.dirname, '../../..');
const made: string[] = [];
afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The fixture content with the words-to-avoid list, and one task's body replaced. */
async function findingsWithBody(body: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'taskfront-plain-'));
  made.push(dir);
  cpSync(join(ROOT, 'tests/fixtures/content'), dir, { recursive: true });
  cpSync(join(ROOT, 'content/style'), join(dir, 'style'), { recursive: true });
  const file = join(dir, 'tasks/report-a-pothole.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('We fix the worst holes within 24 hours.', body));
  const content = loadContent({ root: dir, cwd: dir });
  return (await plainLanguageCheck.run({ content, root: dir, cwd: dir, today: '2026-11-23', scope: 'all' })).map(formatProblem);
}

describe('plain-language check', () => {
  it('finds nothing in the fixture content', async () => {
    expect(await findingsWithBody('We fix the worst holes within 24 hours.')).toEqual([]);
  });

  it('reports a page that is hard without any long sentence once, at line 1, naming its hard words', async () => {
    const body = 'Applicants documenting unsafe infrastructure deterioration receive acknowledgement. Maintenance prioritisation considers vulnerability. Compensation eligibility requires documentation.';
    expect(await findingsWithBody(body)).toEqual([
      'tasks/report-a-pothole.md:1 the page reads at age 17.6 (Flesch–Kincaid grade + 5); aim for 9 or under: use shorter sentences (about 10 words) and everyday words in place of "deterioration", "prioritisation", "vulnerability", "eligibility" or "documentation"',
    ]);
  });
});
