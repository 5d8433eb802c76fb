// Invitations to the caller's workspace. An invite is a pending row keyed by (workspace, email); sending the
// same invite twice is a clear conflict rather than a silent duplicate. Delivery (email) is a later issue.
import 'server-only';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { db } from '@/lib/db';
import { invites, members, users, type MemberRole } from '@/lib/db/schema';
import { conflict } from '@/lib/server/errors';
import type { CurrentWorkspace } from '@/lib/auth/session';
import { assertCanManage } from '@/lib/workspaces/workspaces';
import { withinPlan } from '@/lib/billing/limits';

export type InviteDto = { id: string; email: string; role: MemberRole; createdAt: string };

export async function createInvite(
  workspace: CurrentWorkspace,
  invitedBy: string,
  input: { email: string; role: Exclude<MemberRole, 'owner'> },
): Promise<InviteDto> {
  assertCanManage(workspace, 'invite members');
  const [member] = await db
    .select({ id: users.id })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.workspaceId, workspace.id), eq(users.email, input.email)))
    .limit(1);
  if (member) throw conflict('This person is already a member of the workspace.');
  // Counted and inserted under the workspace row lock, so parallel invites cannot all see a free seat.
  // One statement: a new invite, or a revoked/accepted one re-opened; a pending one is left alone (no row back).
  const [row] = await withinPlan(workspace, 'members', (tx) =>
    tx
    .insert(invites)
    .values({ workspaceId: workspace.id, email: input.email, role: input.role, invitedBy })
    .onConflictDoUpdate({
      target: [invites.workspaceId, invites.email],
      set: { status: 'pending', role: input.role, invitedBy, createdAt: sql`now()` },
      setWhere: ne(invites.status, 'pending'),
    })
    .returning(),
  );
  if (!row) throw conflict('An invite is already pending for this email.');
  return { id: row.id, email: row.email, role: row.role, createdAt: row.createdAt.toISOString() };
}

export async function listPendingInvites(workspaceId: string): Promise<InviteDto[]> {
  const rows = await db
    .select()
    .from(invites)
    .where(and(eq(invites.workspaceId, workspaceId), eq(invites.status, 'pending')))
    .orderBy(desc(invites.createdAt));
  return rows.map((r) => ({ id: r.id, email: r.email, role: r.role, createdAt: r.createdAt.toISOString() }));
}
