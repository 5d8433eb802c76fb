// Who is calling: the signed-in user (from the Better Auth session) and their current workspace.
// Cached per request so layouts, pages and actions share one lookup. Reads only: what owns the request (the page
// guards in guards.ts, the mutation wrapper) put the caller on the Sentry scope (identifyRequest).
import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { headers } from 'next/headers';
import { cache } from 'react';
import { effectivePlan } from '@/lib/billing/plans';
import { db } from '@/lib/db';
import { members, subscriptions, workspaces, type MemberRole, type Plan } from '@/lib/db/schema';
import { auth } from './config';

export type CurrentUser = { id: string; name: string; email: string };
export type CurrentWorkspace = { id: string; name: string; role: MemberRole; plan: Plan };

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth.api.getSession({ headers: await headers() });
  if (!session) return null;
  const { id, name, email } = session.user;
  return { id, name, email };
});

/** The user's workspace: the first one they joined (Orbit gives each user one workspace today). */
export const getCurrentWorkspace = cache(async (userId: string): Promise<CurrentWorkspace | null> => {
  const [row] = await db
    .select({
      id: workspaces.id,
      name: workspaces.name,
      role: members.role,
      plan: subscriptions.plan,
      status: subscriptions.status,
    })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .leftJoin(subscriptions, eq(subscriptions.workspaceId, workspaces.id))
    .where(eq(members.userId, userId))
    .orderBy(asc(members.createdAt))
    .limit(1);
  if (!row) return null;
  return { id: row.id, name: row.name, role: row.role, plan: effectivePlan(row.plan, row.status) };
});
