/**
 * The site's view of the content collections: tasks and topics as plain
 * objects with their slugs, sorted the way pages show them.
 */
import { getCollection, type CollectionEntry } from 'astro:content';

export type TaskEntry = CollectionEntry<'tasks'>['data'] & { slug: string; entry: CollectionEntry<'tasks'> };
export type TopicEntry = CollectionEntry<'topics'>['data'] & { slug: string };

export async function getTasks(): Promise<TaskEntry[]> {
  const entries = await getCollection('tasks');
  return entries
    .map((entry) => ({ ...entry.data, slug: entry.id, entry }))
    .sort((a, b) => a.title.localeCompare(b.title));
}

export async function getTopics(): Promise<TopicEntry[]> {
  const entries = await getCollection('topics');
  return entries
    .map((entry) => ({ ...entry.data, slug: entry.id }))
    .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
}

/** getStaticPaths for a page per task (src/pages/[slug].astro and the pages under a task's address). */
export async function taskPaths() {
  return (await getTasks()).map((task) => ({ params: { slug: task.slug }, props: { task } }));
}

export type JourneyEntry = CollectionEntry<'journeys'>['data'] & { slug: string; entry: CollectionEntry<'journeys'> };
export type ContactEntry = CollectionEntry<'contact'>['data'];

/** Step-by-step journeys, by title. */
export async function getJourneys(): Promise<JourneyEntry[]> {
  const entries = await getCollection('journeys');
  return entries.map((entry) => ({ ...entry.data, slug: entry.id, entry })).sort((a, b) => a.title.localeCompare(b.title));
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
