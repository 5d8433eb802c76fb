// PATCH/DELETE /api/tasks/[id] — complete, reopen, rename or delete one task of the caller's workspace.
import { z } from 'zod';
import { track } from '@/lib/analytics/server/mutation-events';
import { idSegment as id } from '@/lib/server/path-segment';
import { defineRoute } from '@/lib/server/route';
import { taskTitleSchema } from '@/lib/tasks/dto';
import { deleteTask, updateTask } from '@/lib/tasks/tasks';


export const PATCH = defineRoute(
  {
    name: 'task.update',
    input: z
      .object({ id, title: taskTitleSchema.optional(), done: z.boolean().optional() })
      .refine((v) => v.title !== undefined || v.done !== undefined, { message: 'Nothing to update.' }),
    auth: 'workspace',
  },
  async ({ id: taskId, ...patch }, ctx) => ({ task: await updateTask(ctx.workspace.id, taskId, patch) }),
  // Completing and reopening are product events; a title change is not.
  (input, { task }, ctx) =>
    input.done === undefined
      ? null
      : track(input.done ? 'task.completed' : 'task.reopened', { task_id: task.id, project_id: task.projectId, workspace_id: ctx.workspace.id }),
);

export const DELETE = defineRoute(
  { name: 'task.delete', input: z.object({ id }), auth: 'workspace' },
  async (input, ctx) => {
    await deleteTask(ctx.workspace.id, input.id);
    return null;
  },
  (input, _result, ctx) => track('task.deleted', { task_id: input.id, workspace_id: ctx.workspace.id }),
);
