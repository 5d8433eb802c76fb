// POST /api/bench/naive-tasks/[id] — benchmark only (lib/dev-surfaces.ts: 404 unless BENCH_NAIVE_ANALYTICS=1): creates a task like
// POST /api/projects/[id]/tasks, then captures task.created the naive way, waiting for PostHog inside the request.
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { captureAndAwait } from '@/bench/server/naive-capture';
import { devSurfaceEnabled } from '@/lib/dev-surfaces';
import { AppError, errorResponse } from '@/lib/server/errors';
import { idSegment } from '@/lib/server/path-segment';
import { defineRoute } from '@/lib/server/route';
import { taskTitleSchema } from '@/lib/tasks/dto';
import { createTask } from '@/lib/tasks/tasks';

const create = defineRoute(
  { name: 'task.create', input: z.object({ id: idSegment, title: taskTitleSchema }), auth: 'workspace', status: 201 },
  async (input, ctx) => {
    const task = await createTask(ctx.workspace.id, ctx.user.id, input.id, { title: input.title });
    await captureAndAwait('task.created', ctx.user.id, { task_id: task.id, project_id: task.projectId, workspace_id: ctx.workspace.id });
    return { task };
  },
  // The wrapper records nothing here: the handler's own capture is the point of this route.
  false,
);

export async function POST(req: NextRequest, context: Parameters<typeof create>[1]): Promise<Response> {
  if (!devSurfaceEnabled('bench')) return errorResponse(new AppError('not_found', 'Not found.'));
  return create(req, context);
}
