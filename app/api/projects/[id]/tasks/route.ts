// GET/POST /api/projects/[id]/tasks — list a project's tasks or add one (caller's workspace only).
import { z } from 'zod';
import { defineRoute } from '@/lib/server/route';
import { taskTitleSchema } from '@/lib/tasks/dto';
import { createTask, listTasks } from '@/lib/tasks/tasks';

const id = z.string().min(1).max(64);

export const GET = defineRoute({ name: 'task.list', input: z.object({ id }), auth: 'workspace' }, async (input, ctx) => ({
  tasks: await listTasks(ctx.workspace.id, input.id),
}));

export const POST = defineRoute(
  { name: 'task.create', input: z.object({ id, title: taskTitleSchema }), auth: 'workspace', status: 201 },
  async (input, ctx) => ({ task: await createTask(ctx.workspace.id, ctx.user.id, input.id, { title: input.title }) }),
);
