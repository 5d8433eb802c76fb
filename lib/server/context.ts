// Who is calling: the signed-in user (from the Better Auth session) and their current workspace.
// Cached per request so layouts, pages and actions share one lookup.
import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { headers } from 'next/headers';
import { cache } from 'react';
import { auth } from '@/lib/auth';
import { db } from '@/lib/db';
import { identifyRequest } from '@/lib/monitoring/server/server-scope';
import { members, subscriptions, workspaces, type MemberRole, type Plan } from '@/lib/db/schema';

export type CurrentUser = { id: string; name: string; email: string };
export type CurrentWorkspace = { id: string; name: string; role: MemberRole; plan: Plan };

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const h = await headers();
  const session = await auth.api.getSession({ headers: h });
  // Every error and span of this request carries the user id (never the email) and the PostHog identity.
  identifyRequest({ user: session ? { id: session.user.id } : null, headers: h });
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

/** A paid plan counts while the subscription is active, trialing or in its payment-retry window. */
export function effectivePlan(plan: Plan | null, status: string | null): Plan {
  if (!plan || !status) return 'free';
  return status === 'active' || status === 'trialing' || status === 'past_due' ? plan : 'free';
}

export async function isMember(userId: string, workspaceId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: members.userId })
    .from(members)
    .where(and(eq(members.userId, userId), eq(members.workspaceId, workspaceId)))
    .limit(1);
  return Boolean(row);
}

/** The caller's IP as far as the trusted proxies vouch for it (TRUSTED_PROXY_HOPS), or null when unknown. */
export { clientIp } from './client-ip';
