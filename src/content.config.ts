/**
 * The content collections. All are filled by our own loader from the content the
 * build has already read and checked (src/lib/content/astro-loader.ts), so a file is
 * read once and counted by one rule; the schemas give the collections their types.
 */
import { defineCollection } from 'astro:content';
import { contentLoader } from './lib/content/astro-loader.ts';
import { contactSchema } from './schemas/contact.ts';
import { journeySchema } from './schemas/journey.ts';
import { taskSchema } from './schemas/task.ts';
import { topicSchema } from './schemas/topic.ts';

export const collections = {
  tasks: defineCollection({ loader: contentLoader('tasks'), schema: taskSchema }),
  topics: defineCollection({ loader: contentLoader('topics'), schema: topicSchema }),
  journeys: defineCollection({ loader: contentLoader('journeys'), schema: journeySchema }),
  contact: defineCollection({ loader: contentLoader('contact'), schema: contactSchema }),
};
