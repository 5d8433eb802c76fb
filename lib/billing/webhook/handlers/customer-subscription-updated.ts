// customer.subscription.updated (and .created, which has the same shape): plan switches, renewals, status changes.
import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { subscriptions, users, workspaces } from '@/lib/db/schema';
import { track } from '@/lib/analytics/server/mutation-events';
import { billingProvider } from '@/lib/env';
import { effectivePlan } from '../../plans';
import { attributedTo, defineHandler, eventTime, invalidPayload, isStale, metadataSchema, wasDeleted } from '../define-handler';
import { planFromPrice, statusFromStripe } from '../plans-from-stripe';

const subscription = z.object({
  id: z.string().min(1),
  customer: z.string().min(1),
  status: z.string(),
  metadata: metadataSchema,
  items: z.object({
    data: z
      .array(z.object({ price: z.object({ id: z.string() }), current_period_end: z.number().int().nullish() }))
      .min(1),
  }),
  // Older API versions carried the period on the subscription itself.
  current_period_end: z.number().int().nullish(),
});

export const customerSubscriptionUpdated = defineHandler(subscription, async (tx, object, event, record) => {
  const item = object.items.data[0]!;
  const plan = planFromPrice(item.price.id, object.metadata.plan);
  if (!plan) throw invalidPayload(`${event.type}: price ${item.price.id} is not one of Orbit's plans`);
  const status = statusFromStripe(object.status);
  const periodEndSeconds = item.current_period_end ?? object.current_period_end;
  const currentPeriodEnd = periodEndSeconds ? new Date(periodEndSeconds * 1000) : null;
  const now = new Date();

  const [known] = await tx.select().from(subscriptions).where(eq(subscriptions.subscriptionId, object.id));
  if (known) {
    if (isStale(known, event)) return;
    await tx
      .update(subscriptions)
      .set({ plan, status, customerId: object.customer, currentPeriodEnd, lastEventAt: eventTime(event), updatedAt: now })
      .where(eq(subscriptions.workspaceId, known.workspaceId));
    // Renewals and the `.created` that follows a checkout change neither plan nor status: not an update.
    if (known.plan !== plan || known.status !== status) {
      record(
        track(
          'subscription.updated',
          {
            plan,
            ...(known.plan !== plan ? { previous_plan: known.plan } : {}),
            status,
            provider: known.provider,
            workspace_id: known.workspaceId,
            subscription_id: object.id,
          },
          attributedTo(known.purchasedBy, known.workspaceId),
        ),
      );
    }
    return;
  }

  // A subscription Orbit has not seen yet (its checkout event may still be on its way): the metadata copied at
  // checkout names the workspace.
  const workspaceId = object.metadata.workspaceId;
  if (!workspaceId || (await wasDeleted(tx, object.id))) return;
  const [workspace] = await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!workspace) return;
  const [current] = await tx.select().from(subscriptions).where(eq(subscriptions.workspaceId, workspaceId));
  // A late event about another subscription must not replace one that is still live.
  if (current?.subscriptionId && effectivePlan(current.plan, current.status) !== 'free') return;
  const buyerId = object.metadata.userId;
  const [buyer] = buyerId ? await tx.select({ id: users.id }).from(users).where(eq(users.id, buyerId)) : [];

  const values = {
    plan,
    status,
    customerId: object.customer,
    subscriptionId: object.id,
    currentPeriodEnd,
    purchasedBy: buyer?.id ?? current?.purchasedBy ?? null,
    lastEventAt: eventTime(event),
    updatedAt: now,
  };
  await tx
    .insert(subscriptions)
    .values({ workspaceId, provider: current?.provider ?? billingProvider ?? 'stripe', ...values })
    .onConflictDoUpdate({ target: subscriptions.workspaceId, set: values });
});
