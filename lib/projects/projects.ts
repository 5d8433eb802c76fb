// Projects of one workspace. Every function takes the caller's workspace id and scopes every query by it, so an
// id from another workspace behaves exactly like an id that does not exist (not found, never forbidden).
import 'server-only';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { db, type Tx } from '@/lib/db';
import { projects, tasks, type Plan, type Project } from '@/lib/db/schema';
import { withinPlan } from '@/lib/billing/limits';
import { notFound } from '@/lib/server/errors';
import type { ProjectDto, ProjectSummaryDto } from './dto';

function toProjectDto(p: Project): ProjectDto {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export async function listProjects(workspaceId: string): Promise<ProjectSummaryDto[]> {
  const rows = await db
    .select({
      project: projects,
      taskCount: count(tasks.id),
      doneCount: sql<number>`count(${tasks.id}) filter (where ${tasks.done})`.mapWith(Number),
    })
    .from(projects)
    .leftJoin(tasks, and(eq(tasks.projectId, projects.id), eq(tasks.workspaceId, workspaceId)))
    .where(eq(projects.workspaceId, workspaceId))
    .groupBy(projects.id)
    .orderBy(desc(projects.createdAt));
  return rows.map((r) => ({ ...toProjectDto(r.project), taskCount: r.taskCount, doneCount: r.doneCount }));
}

export async function getProject(workspaceId: string, projectId: string): Promise<ProjectDto> {
  const [row] = await db
    .select()
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.workspaceId, workspaceId)))
    .limit(1);
  if (!row) throw notFound('Project');
  return toProjectDto(row);
}

/**
 * The one way a project is added (the REST API, the dashboard form, onboarding's project step): within the
 * workspace's plan, under its row lock (lib/billing/limits.ts). `tx`: run inside the caller's transaction.
 */
export async function createProject(
  workspace: { id: string; plan: Plan },
  userId: string,
  input: { name: string; description?: string | undefined },
  tx?: Tx,
): Promise<ProjectDto> {
  const workspaceId = workspace.id;
  const row = await withinPlan(
    workspace,
    'projects',
    async (q) => {
      const [inserted] = await q
        .insert(projects)
        .values({ workspaceId, createdBy: userId, name: input.name, description: input.description ?? '' })
        .returning();
      return inserted;
    },
    tx,
  );
  if (!row) throw new Error('Project insert returned no row');
  return toProjectDto(row);
}

export async function updateProject(
  workspaceId: string,
  projectId: string,
  patch: { name?: string | undefined; description?: string | undefined },
): Promise<ProjectDto> {
  const [row] = await db
    .update(projects)
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(projects.id, projectId), eq(projects.workspaceId, workspaceId)))
    .returning();
  if (!row) throw notFound('Project');
  return toProjectDto(row);
}

/** Deletes the project and (by cascade) its tasks. */
export async function deleteProject(workspaceId: string, projectId: string): Promise<void> {
  const deleted = await db
    .delete(projects)
    .where(and(eq(projects.id, projectId), eq(projects.workspaceId, workspaceId)))
    .returning({ id: projects.id });
  if (!deleted.length) throw notFound('Project');
}
