// What each plan allows (PLANS_CATALOG.limits), enforced where projects and members are added. A refusal names
// the limit and the plan that lifts it, so the UI can show it as is. Counting and adding are one step under a
// lock on the workspace row (withinPlan), so parallel requests cannot all count "2 of 3" and all insert.
import 'server-only';
import { and, count, eq } from 'drizzle-orm';
import { db, type Db, type Tx } from '@/lib/db';
import { invites, members, projects, workspaces, type Plan } from '@/lib/db/schema';
import { AppError } from '@/lib/server/errors';
import { PLANS_CATALOG } from './plans';

type Resource = 'projects' | 'members';

async function used(workspaceId: string, resource: Resource, q: Db | Tx): Promise<number> {
  if (resource === 'projects') {
    const [row] = await q.select({ n: count() }).from(projects).where(eq(projects.workspaceId, workspaceId));
    return row?.n ?? 0;
  }
  // Pending invites hold a seat: otherwise a Free workspace could invite past its limit and accept later.
  const [m] = await q.select({ n: count() }).from(members).where(eq(members.workspaceId, workspaceId));
  const [i] = await q
    .select({ n: count() })
    .from(invites)
    .where(and(eq(invites.workspaceId, workspaceId), eq(invites.status, 'pending')));
  return (m?.n ?? 0) + (i?.n ?? 0);
}

/** Throws `plan_limit` when adding one more `resource` would exceed the workspace's plan. */
async function assertWithinPlan(workspace: { id: string; plan: Plan }, resource: Resource, q: Db | Tx = db): Promise<void> {
  const limit = PLANS_CATALOG[workspace.plan].limits[resource];
  if (limit === null) return;
  if ((await used(workspace.id, resource, q)) < limit) return;
  const next = (['pro', 'team'] as const).find((p) => {
    const l = PLANS_CATALOG[p].limits[resource];
    return l === null || l > limit;
  });
  const upgrade = next ? ` Upgrade to ${PLANS_CATALOG[next].name} for ${PLANS_CATALOG[next].limits[resource] ?? 'unlimited'} ${resource}.` : '';
  throw new AppError('plan_limit', `The ${PLANS_CATALOG[workspace.plan].name} plan includes up to ${limit} ${resource}.${upgrade}`);
}

/**
 * Checks the limit and runs `add` in one transaction holding the workspace row lock (`SELECT … FOR UPDATE`): a
 * concurrent addition to the same workspace waits for this one to commit and then counts it (Postgres re-reads
 * per statement under READ COMMITTED; PGlite runs one transaction at a time). Throws `plan_limit` like
 * assertWithinPlan, with nothing written. Inside a caller's transaction (`outer`) it runs there, so the caller's
 * own writes and the addition commit or roll back together.
 */
export async function withinPlan<T>(
  workspace: { id: string; plan: Plan },
  resource: Resource,
  add: (tx: Tx) => Promise<T>,
  outer?: Tx,
): Promise<T> {
  const run = async (tx: Tx) => {
    await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspace.id)).for('update');
    await assertWithinPlan(workspace, resource, tx);
    return add(tx);
  };
  return outer ? run(outer) : db.transaction(run);
}
