// The member-seat limit under concurrency: 20 invites sent at once from one Free workspace (2 seats, the owner holds
// one). Counting seats and inserting the invite happen under the workspace row lock (withinPlan), so exactly one
// invite is created and the rest get plan_limit; without the lock every count ran before any insert.
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { invites } from '@/lib/db/schema';
import { createWorkspaceWithOwner } from '@/test-support/billing';
import { PLANS_CATALOG } from '@/lib/billing/plans';
import { AppError } from '@/lib/server/errors';
import type { CurrentWorkspace } from '@/lib/auth/session';
import { createInvite } from './invites';

describe('member seats under concurrent invites', () => {
  it('creates invites up to the free seats and refuses the rest with plan_limit', async () => {
    const { userId, workspaceId } = await createWorkspaceWithOwner();
    const workspace: CurrentWorkspace = { id: workspaceId, name: 'Acme', plan: 'free', role: 'owner' };
    const seats = PLANS_CATALOG.free.limits.members ?? Number.POSITIVE_INFINITY;
    const settled = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => createInvite(workspace, userId, { email: `seat-${i}@example.test`, role: 'member' })),
    );
    expect(settled.filter((r) => r.status === 'fulfilled')).toHaveLength(seats - 1);
    for (const r of settled) {
      if (r.status === 'fulfilled') continue;
      expect(r.reason).toBeInstanceOf(AppError);
      expect((r.reason as InstanceType<typeof AppError>).code).toBe('plan_limit');
    }
    const [row] = await db.select({ n: count() }).from(invites).where(eq(invites.workspaceId, workspaceId));
    expect(row?.n).toBe(seats - 1);
  });
});
