// Tasks of one workspace. Tasks carry their workspace id, so every query is scoped by the caller's workspace
// directly: another workspace's task or project id is simply not found.
import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { db } from '@/lib/db';
import { projects, tasks, type Task } from '@/lib/db/schema';
import { notFound } from '@/lib/server/errors';
import type { TaskDto } from './dto';

function toTaskDto(t: Task): TaskDto {
  return {
    id: t.id,
    projectId: t.projectId,
    title: t.title,
    done: t.done,
    completedAt: t.completedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
  };
}

async function assertProjectInWorkspace(workspaceId: string, projectId: string): Promise<void> {
  const [row] = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.workspaceId, workspaceId)))
    .limit(1);
  if (!row) throw notFound('Project');
}

/** Open tasks first, each group oldest first, so the list reads like a checklist. */
export async function listTasks(workspaceId: string, projectId: string): Promise<TaskDto[]> {
  await assertProjectInWorkspace(workspaceId, projectId);
  const rows = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.projectId, projectId), eq(tasks.workspaceId, workspaceId)))
    .orderBy(asc(tasks.done), asc(tasks.createdAt), asc(tasks.id));
  return rows.map(toTaskDto);
}

export async function createTask(
  workspaceId: string,
  userId: string,
  projectId: string,
  input: { title: string },
): Promise<TaskDto> {
  await assertProjectInWorkspace(workspaceId, projectId);
  const [row] = await db.insert(tasks).values({ workspaceId, projectId, createdBy: userId, title: input.title }).returning();
  if (!row) throw new Error('Task insert returned no row');
  return toTaskDto(row);
}

export async function updateTask(
  workspaceId: string,
  taskId: string,
  patch: { title?: string | undefined; done?: boolean | undefined },
): Promise<TaskDto> {
  const now = new Date();
  const [row] = await db
    .update(tasks)
    .set({
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.done !== undefined ? { done: patch.done, completedAt: patch.done ? now : null } : {}),
      updatedAt: now,
    })
    .where(and(eq(tasks.id, taskId), eq(tasks.workspaceId, workspaceId)))
    .returning();
  if (!row) throw notFound('Task');
  return toTaskDto(row);
}

export async function deleteTask(workspaceId: string, taskId: string): Promise<void> {
  const deleted = await db
    .delete(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.workspaceId, workspaceId)))
    .returning({ id: tasks.id });
  if (!deleted.length) throw notFound('Task');
}
