import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLUG_PATTERN } from '../../schemas/common.ts';
import { MY_TASKS_SLUG, MY_TASKS_VERSION, myTasksFileSchema } from '../../schemas/my-tasks.ts';
import { parseMyTasksFile, readList } from './file.ts';
import { emptyList, forDownload, upsertTask } from './store.ts';

const good = forDownload(upsertTask(emptyList(), { slug: 'report-a-pothole', title: 'Report a pothole', needs: 2, steps: 4 }, new Date('2026-03-01T09:00:00Z')), new Date('2026-03-02T09:00:00Z'));

describe('importing a download', () => {
  it('takes a good file whole', () => {
    expect(parseMyTasksFile(JSON.stringify(good))).toEqual({ ok: true, list: good });
  });

  it('says plainly what is wrong with a bad file', () => {
    expect(parseMyTasksFile('{"tasks": [')).toEqual({ ok: false, error: 'not-json' });
    expect(parseMyTasksFile('[1, 2]')).toEqual({ ok: false, error: 'not-ours' });
    expect(parseMyTasksFile('{"name": "a photo"}')).toEqual({ ok: false, error: 'not-ours' });
    expect(parseMyTasksFile(JSON.stringify({ ...good, version: MY_TASKS_VERSION + 1 }))).toEqual({ ok: false, error: 'newer' });
    expect(parseMyTasksFile(' '.repeat(1_000_001))).toEqual({ ok: false, error: 'too-big' });
  });

  it('refuses the whole file when one task in it is damaged, naming where', () => {
    const tampered = structuredClone(good);
    tampered.tasks.push({ ...tampered.tasks[0]!, slug: 'pay-council-tax', steps: { done: [5], total: 4 } });
    const result = parseMyTasksFile(JSON.stringify(tampered));
    expect(result).toMatchObject({ ok: false, error: 'damaged' });
    expect(!result.ok && result.detail).toMatch(/^tasks › 1 › steps has a ticked item numbered above its total/);

    const unsafe = { ...good, tasks: [{ ...good.tasks[0]!, slug: '//evil.example' }] };
    expect(parseMyTasksFile(JSON.stringify(unsafe))).toMatchObject({ ok: false, error: 'damaged' });
    const twice = { ...good, tasks: [good.tasks[0]!, good.tasks[0]!] };
    expect(parseMyTasksFile(JSON.stringify(twice))).toMatchObject({ ok: false, error: 'damaged', detail: 'the file lists the same task twice' });
    const extra = { ...good, tasks: [{ ...good.tasks[0]!, note: 'hello' }] };
    expect(parseMyTasksFile(JSON.stringify(extra))).toMatchObject({ ok: false, error: 'damaged' });
  });
});

describe('migration', () => {
  const v1 = {
    version: 1,
    tasks: {
      'report-a-pothole': { title: 'Report a pothole', saved: Date.parse('2026-02-01T08:00:00Z'), steps: 4, needs: 2, ticks: ['step-3', 'need-1', 'step-1', 'step-1', 'step-9'] },
    },
  };

  it('brings version 1 to today’s version, valid against the schema', () => {
    const result = readList(v1);
    expect(result.ok).toBe(true);
    const list = result.ok ? result.list : undefined;
    expect(myTasksFileSchema.safeParse(list).success).toBe(true);
    expect(list).toEqual({
      format: 'taskfront-my-tasks',
      version: MY_TASKS_VERSION,
      settings: { keep: '30-days', record: false },
      tasks: [
        {
          slug: 'report-a-pothole',
          title: 'Report a pothole',
          addedAt: '2026-02-01T08:00:00.000Z',
          updatedAt: '2026-02-01T08:00:00.000Z',
          needs: { done: [1], total: 2 },
          steps: { done: [1, 3], total: 4 },
        },
      ],
    });
  });

  it('imports a version 1 file too, and refuses a damaged one', () => {
    expect(parseMyTasksFile(JSON.stringify(v1)).ok).toBe(true);
    expect(readList({ version: 1, tasks: { 'Bad Slug': v1.tasks['report-a-pothole'] } })).toMatchObject({ ok: false, error: 'damaged' });
  });
});

describe('the documented schema', () => {
  it('uses the same slug rule as the content', () => {
    expect(MY_TASKS_SLUG.source).toBe(SLUG_PATTERN.source);
  });

  it('accepts the example in decision 0024, so the documentation cannot drift', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../../docs/decisions/0024-my-tasks-on-device.md'), 'utf8');
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    expect(parseMyTasksFile(example!)).toMatchObject({ ok: true });
  });
});
