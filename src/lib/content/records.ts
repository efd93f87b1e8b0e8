/**
 * Tasks and topics for the pages rendered on request (search, status, a task's checklist and
 * performance page, the demo service): their fields without their Markdown, read from the build's
 * records file the first time a page asks (virtual:taskfront/records, catalogue.ts).
 *
 * Prerendered pages use the content collections (collections.ts), which also render each task's
 * body. Those pages are built once; a server that imported the collections carried all of them,
 * rendered, in its own code: 19 MB at 10,000 tasks, built twice and loaded for one /search page
 * (issue 17). The records are the same content, checked by the same schema, in the same order.
 */
import { loadRecords } from 'virtual:taskfront/records';
import type { TaskEntry, TopicEntry } from './collections.ts';

/** A task's fields and slug: the collection entry's, kind by kind, without the entry itself. */
export type TaskRecord = TaskEntry extends infer Kind ? (Kind extends unknown ? Omit<Kind, 'entry'> : never) : never;
export type TopicRecord = TopicEntry;

interface Records {
  tasks: TaskRecord[];
  topics: TopicRecord[];
  taskBySlug: ReadonlyMap<string, TaskRecord>;
}

let made: Records | undefined;

function records(): Records {
  if (!made) {
    const { tasks, topics } = loadRecords();
    made = { tasks, topics, taskBySlug: new Map(tasks.map((task) => [task.slug, task])) };
  }
  return made;
}

/** Every task, by title. The array is shared: filter or copy it, never change it. */
export function taskRecords(): readonly TaskRecord[] {
  return records().tasks;
}

/** Every topic, in order. The array is shared: filter or copy it, never change it. */
export function topicRecords(): readonly TopicRecord[] {
  return records().topics;
}

export function taskRecord(slug: string | undefined): TaskRecord | undefined {
  return slug === undefined ? undefined : records().taskBySlug.get(slug);
}
