import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { taskSchema } from './schemas/task.ts';
import { topicSchema } from './schemas/topic.ts';
import { contentDir } from './lib/content/paths.ts';

const root = contentDir();

export const collections = {
  tasks: defineCollection({
    loader: glob({ pattern: '[a-z0-9]*.md', base: `${root}/tasks` }),
    schema: taskSchema,
  }),
  topics: defineCollection({
    loader: glob({ pattern: '[a-z0-9]*.md', base: `${root}/topics` }),
    schema: topicSchema,
  }),
};
