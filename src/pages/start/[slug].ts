/**
 * GET /start/<task> — records that someone started a task, then sends them to the
 * service named in the task's own content. The target never comes from the request.
 */
import type { APIRoute } from 'astro';
import { recordFromPage, tasksBySlug } from '../../lib/server/context.ts';

export const prerender = false;

export const GET: APIRoute = async ({ params, request, clientAddress, redirect, rewrite }) => {
  const task = tasksBySlug.get(params.slug ?? '');
  if (!task?.startUrl) return rewrite('/404');
  await recordFromPage(request, clientAddress, { type: 'task_start', task: task.slug });
  return redirect(task.startUrl, 303);
};
