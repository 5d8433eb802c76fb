// GET/PATCH/DELETE /api/projects/[id] — read, rename or delete one project of the caller's workspace.
import { z } from 'zod';
import { track } from '@/lib/analytics/server/mutation-events';
import { projectDescriptionSchema, projectNameSchema } from '@/lib/projects/dto';
import { deleteProject, getProject, updateProject } from '@/lib/projects/projects';
import { idSegment as id } from '@/lib/server/path-segment';
import { defineRoute } from '@/lib/server/route';


export const GET = defineRoute(
  { name: 'project.get', input: z.object({ id }), auth: 'workspace' },
  async (input, ctx) => ({ project: await getProject(ctx.workspace.id, input.id) }),
  false,
);

export const PATCH = defineRoute(
  {
    name: 'project.update',
    input: z
      .object({ id, name: projectNameSchema.optional(), description: projectDescriptionSchema.optional() })
      .refine((v) => v.name !== undefined || v.description !== undefined, { message: 'Nothing to update.' }),
    auth: 'workspace',
  },
  async ({ id: projectId, ...patch }, ctx) => ({ project: await updateProject(ctx.workspace.id, projectId, patch) }),
  // The catalog has no rename event for projects (names are free text and never sent).
  false,
);

export const DELETE = defineRoute(
  { name: 'project.delete', input: z.object({ id }), auth: 'workspace' },
  async (input, ctx) => {
    await deleteProject(ctx.workspace.id, input.id);
    return null;
  },
  (input, _result, ctx) => track('project.deleted', { project_id: input.id, workspace_id: ctx.workspace.id }),
);
