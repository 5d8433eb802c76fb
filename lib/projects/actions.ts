'use server';
// Creating a project from the dashboard form (the REST API offers the same through POST /api/projects).
import 'server-only';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { track } from '@/lib/analytics/server/mutation-events';
import { defineAction } from '@/lib/server/mutation';
import { projectNameSchema } from './dto';
import { createProject } from './projects';

export const createProjectAction = defineAction(
  { name: 'project.create', input: z.object({ name: projectNameSchema }), auth: 'workspace' },
  async (input, ctx) => {
    const project = await createProject(ctx.workspace, ctx.user.id, input);
    revalidatePath('/dashboard');
    return project;
  },
  (_input, project, ctx) => track('project.created', { project_id: project.id, workspace_id: ctx.workspace.id, source: 'dashboard' }),
);
