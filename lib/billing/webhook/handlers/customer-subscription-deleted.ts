// customer.subscription.deleted: the subscription ended (canceled now or at period end); back to Free.
import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { track } from '@/lib/analytics/server/mutation-events';
import { deletedSubscriptions, subscriptions } from '@/lib/db/schema';
import { attributedTo, defineHandler, eventTime, isStale } from '../define-handler';

const subscription = z.object({ id: z.string().min(1), customer: z.string().min(1) });

export const customerSubscriptionDeleted = defineHandler(subscription, async (tx, object, event, record) => {
  // Remembered even when Orbit has no row yet: its checkout may still be on the way and must not grant the plan.
  await tx
    .insert(deletedSubscriptions)
    .values({ subscriptionId: object.id, customerId: object.customer, deletedAt: eventTime(event) })
    .onConflictDoNothing();
  // Matching on the subscription id: a stale deletion of an older subscription leaves the current one alone.
  const [known] = await tx.select().from(subscriptions).where(eq(subscriptions.subscriptionId, object.id));
  if (!known || isStale(known, event)) return;
  await tx
    .update(subscriptions)
    .set({ plan: 'free', status: 'canceled', currentPeriodEnd: null, lastEventAt: eventTime(event), updatedAt: new Date() })
    .where(eq(subscriptions.subscriptionId, object.id));
  if (known.plan !== 'free') {
    record(
      track(
        'subscription.canceled',
        { plan: known.plan, provider: known.provider, workspace_id: known.workspaceId, subscription_id: object.id },
        attributedTo(known.purchasedBy, known.workspaceId),
      ),
    );
  }
});
