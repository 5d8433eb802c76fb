// The billing portal. Local mode: switching between paid plans and canceling, each reported as the signed
// Stripe-format event Stripe's own portal would send. Stripe mode: a session of Stripe's hosted portal.
import 'server-only';
import type { MemberRole } from '@/lib/db/schema';
import { AppError } from '@/lib/server/errors';
import type { EventDelivery } from './deliver';
import { addOneMonth, buildEvent, subscriptionObject } from './events';
import { effectivePlan, isPaidPlan, PLANS_CATALOG, type PaidPlanId } from './plans';
import { getBillingProvider, type BillingProvider } from './providers';
import { assertCanManageBilling, getSubscription } from './subscription';

type Caller = { userId: string; workspaceId: string; role: MemberRole };

async function activeLocalSubscription(caller: Caller) {
  assertCanManageBilling(caller.role);
  const sub = await getSubscription(caller.workspaceId);
  const plan = effectivePlan(sub?.plan ?? null, sub?.status ?? null);
  if (!sub || !isPaidPlan(plan) || !sub.subscriptionId || !sub.customerId) {
    throw new AppError('conflict', 'Your workspace has no active subscription.');
  }
  if (sub.provider !== 'local') throw new AppError('conflict', 'This subscription is managed in the Stripe portal.');
  const periodEnd = sub.currentPeriodEnd ?? addOneMonth(new Date());
  const periodStart = new Date(periodEnd);
  periodStart.setUTCMonth(periodStart.getUTCMonth() - 1);
  return { sub, plan, subscriptionId: sub.subscriptionId, customerId: sub.customerId, periodStart, periodEnd };
}

export async function changeLocalPlan(caller: Caller & { plan: PaidPlanId; deliver: EventDelivery }): Promise<void> {
  const current = await activeLocalSubscription(caller);
  if (current.plan === caller.plan) throw new AppError('conflict', `Your workspace is already on ${PLANS_CATALOG[caller.plan].name}.`);
  const base = {
    subscriptionId: current.subscriptionId,
    customerId: current.customerId,
    workspaceId: caller.workspaceId,
    userId: current.sub.purchasedBy,
    status: 'active' as const,
    periodStart: current.periodStart,
    periodEnd: current.periodEnd,
  };
  const next = subscriptionObject({ ...base, plan: caller.plan });
  const previous = subscriptionObject({ ...base, plan: current.plan });
  await caller.deliver(
    buildEvent('customer.subscription.updated', next, { items: previous.items, metadata: previous.metadata }),
  );
}

export async function cancelLocalSubscription(caller: Caller & { deliver: EventDelivery }): Promise<void> {
  const current = await activeLocalSubscription(caller);
  await caller.deliver(
    buildEvent(
      'customer.subscription.deleted',
      subscriptionObject({
        subscriptionId: current.subscriptionId,
        customerId: current.customerId,
        workspaceId: caller.workspaceId,
        userId: current.sub.purchasedBy,
        plan: current.plan,
        status: 'canceled',
        periodStart: current.periodStart,
        periodEnd: current.periodEnd,
      }),
    ),
  );
}

/** The portal's URL for this workspace: Stripe's hosted portal, or Orbit's local one. */
export async function openPortal(
  caller: Caller & { origin: string; provider?: BillingProvider },
): Promise<{ url: string }> {
  assertCanManageBilling(caller.role);
  const provider = caller.provider ?? getBillingProvider();
  const sub = await getSubscription(caller.workspaceId);
  if (!sub?.customerId || sub.provider !== provider.name) {
    throw new AppError('conflict', 'Your workspace has no billing account yet.');
  }
  return provider.createPortal({ workspaceId: caller.workspaceId, customerId: sub.customerId, origin: caller.origin });
}
