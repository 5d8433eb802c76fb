// The caller's workspace: its name and its members. Changes require an owner or admin; the role comes from the
// membership resolved by the mutation wrapper, never from the client.
import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { db } from '@/lib/db';
import { members, users, workspaces, type MemberRole } from '@/lib/db/schema';
import { forbidden, notFound } from '@/lib/server/errors';
import type { CurrentWorkspace } from '@/lib/auth/session';

export type MemberDto = { userId: string; name: string; email: string; role: MemberRole; joinedAt: string };

export function canManageWorkspace(role: MemberRole): boolean {
  return role === 'owner' || role === 'admin';
}

export function assertCanManage(workspace: CurrentWorkspace, action = 'change this workspace'): void {
  if (!canManageWorkspace(workspace.role)) throw forbidden(`Only owners and admins can ${action}.`);
}

export async function renameWorkspace(workspace: CurrentWorkspace, name: string): Promise<{ id: string; name: string }> {
  assertCanManage(workspace, 'rename the workspace');
  const [row] = await db
    .update(workspaces)
    .set({ name, updatedAt: new Date() })
    .where(eq(workspaces.id, workspace.id))
    .returning({ id: workspaces.id, name: workspaces.name });
  if (!row) throw notFound('Workspace');
  return row;
}

export async function listMembers(workspaceId: string): Promise<MemberDto[]> {
  const rows = await db
    .select({ userId: members.userId, name: users.name, email: users.email, role: members.role, joinedAt: members.createdAt })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(eq(members.workspaceId, workspaceId))
    .orderBy(asc(members.createdAt));
  return rows.map((r) => ({ ...r, joinedAt: r.joinedAt.toISOString() }));
}
