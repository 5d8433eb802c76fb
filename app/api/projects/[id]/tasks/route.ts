// GET/POST /api/projects/[id]/tasks — list a project's tasks or add one (caller's workspace only).
import { z } from 'zod';
import { track } from '@/lib/analytics/server/mutation-events';
import { idSegment as id } from '@/lib/server/path-segment';
import { defineRoute } from '@/lib/server/route';
import { taskTitleSchema } from '@/lib/tasks/dto';
import { createTask, listTasks } from '@/lib/tasks/tasks';


export const GET = defineRoute(
  { name: 'task.list', input: z.object({ id }), auth: 'workspace' },
  async (input, ctx) => ({ tasks: await listTasks(ctx.workspace.id, input.id) }),
  false,
);

export const POST = defineRoute(
  { name: 'task.create', input: z.object({ id, title: taskTitleSchema }), auth: 'workspace', status: 201 },
  async (input, ctx) => ({ task: await createTask(ctx.workspace.id, ctx.user.id, input.id, { title: input.title }) }),
  (_input, { task }, ctx) => track('task.created', { task_id: task.id, project_id: task.projectId, workspace_id: ctx.workspace.id }),
);
