// What each plan allows (PLANS_CATALOG.limits), enforced where projects and members are added. A refusal names
// the limit and the plan that lifts it, so the UI can show it as is.
import 'server-only';
import { and, count, eq } from 'drizzle-orm';
import { db } from '@/lib/db';
import { invites, members, projects, type Plan } from '@/lib/db/schema';
import { AppError } from '@/lib/server/errors';
import { PLANS_CATALOG } from './plans';

type Resource = 'projects' | 'members';

async function used(workspaceId: string, resource: Resource): Promise<number> {
  if (resource === 'projects') {
    const [row] = await db.select({ n: count() }).from(projects).where(eq(projects.workspaceId, workspaceId));
    return row?.n ?? 0;
  }
  // Pending invites hold a seat: otherwise a Free workspace could invite past its limit and accept later.
  const [m] = await db.select({ n: count() }).from(members).where(eq(members.workspaceId, workspaceId));
  const [i] = await db
    .select({ n: count() })
    .from(invites)
    .where(and(eq(invites.workspaceId, workspaceId), eq(invites.status, 'pending')));
  return (m?.n ?? 0) + (i?.n ?? 0);
}

/** Throws `plan_limit` when adding one more `resource` would exceed the workspace's plan. */
export async function assertWithinPlan(workspace: { id: string; plan: Plan }, resource: Resource): Promise<void> {
  const limit = PLANS_CATALOG[workspace.plan].limits[resource];
  if (limit === null) return;
  if ((await used(workspace.id, resource)) < limit) return;
  const next = (['pro', 'team'] as const).find((p) => {
    const l = PLANS_CATALOG[p].limits[resource];
    return l === null || l > limit;
  });
  const upgrade = next ? ` Upgrade to ${PLANS_CATALOG[next].name} for ${PLANS_CATALOG[next].limits[resource] ?? 'unlimited'} ${resource}.` : '';
  throw new AppError('plan_limit', `The ${PLANS_CATALOG[workspace.plan].name} plan includes up to ${limit} ${resource}.${upgrade}`);
}
