// GET /api/projects — the caller's workspace projects; POST /api/projects — create a project in it.
import { z } from 'zod';
import { track } from '@/lib/analytics/server/mutation-events';
import { projectDescriptionSchema, projectNameSchema } from '@/lib/projects/dto';
import { createProject, listProjects } from '@/lib/projects/projects';
import { defineRoute } from '@/lib/server/route';

export const GET = defineRoute(
  { name: 'project.list', input: z.object({}), auth: 'workspace' },
  async (_input, ctx) => ({ projects: await listProjects(ctx.workspace.id) }),
  false,
);

export const POST = defineRoute(
  {
    name: 'project.create',
    input: z.object({ name: projectNameSchema, description: projectDescriptionSchema.optional() }),
    auth: 'workspace',
    status: 201,
  },
  async (input, ctx) => ({ project: await createProject(ctx.workspace, ctx.user.id, input) }),
  (_input, { project }, ctx) => track('project.created', { project_id: project.id, workspace_id: ctx.workspace.id, source: 'api' }),
);
