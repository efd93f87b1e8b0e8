/**
 * The site's view of the content collections: tasks and topics as plain
 * objects with their slugs, sorted the way pages show them.
 *
 * Made once per build or server process and shared by every page: at 10,000 tasks,
 * mapping and sorting the whole collection for each of 10,000 pages (and finding a
 * task's related tasks by scanning it) made the build grow with the square of the
 * catalogue. In `astro dev` the collections change under an editor, so they are made
 * again on each call there.
 */
import { getCollection, type CollectionEntry } from 'astro:content';

export type TaskEntry = CollectionEntry<'tasks'>['data'] & { slug: string; entry: CollectionEntry<'tasks'> };
export type TopicEntry = CollectionEntry<'topics'>['data'] & { slug: string };

/** Everything pages derive from the whole catalogue, made in one pass. */
export interface Catalogue {
  /** By title. */
  tasks: TaskEntry[];
  /** By their order, then title. */
  topics: TopicEntry[];
  taskBySlug: ReadonlyMap<string, TaskEntry>;
  topicBySlug: ReadonlyMap<string, TopicEntry>;
  /** Each topic's tasks, by title. */
  tasksByTopic: ReadonlyMap<string, TaskEntry[]>;
}

const memoise = !import.meta.env.DEV;
let made: Promise<Catalogue> | undefined;

async function makeCatalogue(): Promise<Catalogue> {
  const [taskEntries, topicEntries] = await Promise.all([getCollection('tasks'), getCollection('topics')]);
  const tasks = taskEntries
    .map((entry) => ({ ...entry.data, slug: entry.id, entry }))
    .sort((a, b) => a.title.localeCompare(b.title));
  const topics = topicEntries
    .map((entry) => ({ ...entry.data, slug: entry.id }))
    .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  const tasksByTopic = new Map<string, TaskEntry[]>();
  for (const task of tasks) {
    const list = tasksByTopic.get(task.topic);
    if (list) list.push(task);
    else tasksByTopic.set(task.topic, [task]);
  }
  return {
    tasks,
    topics,
    taskBySlug: new Map(tasks.map((task) => [task.slug, task])),
    topicBySlug: new Map(topics.map((topic) => [topic.slug, topic])),
    tasksByTopic,
  };
}

export function getCatalogue(): Promise<Catalogue> {
  if (!memoise) return makeCatalogue();
  made ??= makeCatalogue().catch((error: unknown) => {
    made = undefined; // a failed read is not remembered
    throw error;
  });
  return made;
}

/** Every task, by title. The array is shared: filter or copy it, never change it. */
export async function getTasks(): Promise<TaskEntry[]> {
  return (await getCatalogue()).tasks;
}

/** Every topic, in order. The array is shared: filter or copy it, never change it. */
export async function getTopics(): Promise<TopicEntry[]> {
  return (await getCatalogue()).topics;
}

/** A task's related tasks, in the order its editor gave them (links are checked before the build). */
export async function relatedTasks(task: Pick<TaskEntry, 'related'>): Promise<TaskEntry[]> {
  const { taskBySlug } = await getCatalogue();
  return task.related.map((slug) => taskBySlug.get(slug)).filter((item) => item !== undefined);
}

/** getStaticPaths for a page per task (src/pages/[slug].astro and the pages under a task's address). */
export async function taskPaths() {
  return (await getTasks()).map((task) => ({ params: { slug: task.slug }, props: { task } }));
}

export type JourneyEntry = CollectionEntry<'journeys'>['data'] & { slug: string; entry: CollectionEntry<'journeys'> };
export type ContactEntry = CollectionEntry<'contact'>['data'];

let journeysMade: Promise<JourneyEntry[]> | undefined;

async function makeJourneys(): Promise<JourneyEntry[]> {
  const entries = await getCollection('journeys');
  return entries.map((entry) => ({ ...entry.data, slug: entry.id, entry })).sort((a, b) => a.title.localeCompare(b.title));
}

/** Step-by-step journeys, by title; made once per build (every task page asks, twice). The array is shared: never change it. */
export function getJourneys(): Promise<JourneyEntry[]> {
  if (!memoise) return makeJourneys();
  journeysMade ??= makeJourneys().catch((error: unknown) => {
    journeysMade = undefined; // a failed read is not remembered
    throw error;
  });
  return journeysMade;
}

/** content/contact.yml. The build stops before any page when it is missing or wrong, so a page can count on it. */
export async function getContact(): Promise<ContactEntry> {
  const [entry] = await getCollection('contact');
  if (!entry) throw new Error('content/contact.yml is missing or has problems: run npm run check:content');
  return entry.data;
}

/** getStaticPaths for /journey/<slug>. */
export async function journeyPaths() {
  return (await getJourneys()).map((journey) => ({ params: { slug: journey.slug }, props: { journey } }));
}
