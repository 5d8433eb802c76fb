// Reads of a workspace's billing state, and who may change it.
import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/lib/db';
import { subscriptions, type MemberRole, type Plan, type SubscriptionStatus } from '@/lib/db/schema';
import { AppError } from '@/lib/server/errors';
import { effectivePlan } from './plans';

export type BillingOverview = {
  /** What the workspace gets today (a canceled Pro is Free). */
  plan: Plan;
  status: SubscriptionStatus | null;
  provider: 'local' | 'stripe' | null;
  customerId: string | null;
  subscriptionId: string | null;
  currentPeriodEnd: Date | null;
};

export async function getSubscription(workspaceId: string) {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.workspaceId, workspaceId)).limit(1);
  return row ?? null;
}

export async function getBillingOverview(workspaceId: string): Promise<BillingOverview> {
  const row = await getSubscription(workspaceId);
  return {
    plan: effectivePlan(row?.plan ?? null, row?.status ?? null),
    status: row?.status ?? null,
    provider: row?.provider ?? null,
    customerId: row?.customerId ?? null,
    subscriptionId: row?.subscriptionId ?? null,
    currentPeriodEnd: row?.currentPeriodEnd ?? null,
  };
}

export function canManageBilling(role: MemberRole): boolean {
  return role === 'owner' || role === 'admin';
}

export function assertCanManageBilling(role: MemberRole): void {
  if (!canManageBilling(role)) throw new AppError('forbidden', 'Only workspace owners and admins can manage billing.');
}
