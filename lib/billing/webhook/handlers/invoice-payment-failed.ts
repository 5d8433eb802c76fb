// invoice.payment_failed: a renewal charge failed. The subscription is past due; Stripe retries the payment and
// later sends customer.subscription.updated/deleted with the final outcome. Access continues meanwhile.
import 'server-only';
import { and, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import { z } from 'zod';
import { track } from '@/lib/analytics/server/mutation-events';
import { subscriptions } from '@/lib/db/schema';
import { attributedTo, defineHandler, eventTime, isStale } from '../define-handler';

const invoice = z.object({
  id: z.string().min(1),
  customer: z.string().nullish(),
  // Where the subscription id lives depends on the API version: top level (older) or under parent (2025+).
  subscription: z.string().nullish(),
  parent: z.object({ subscription_details: z.object({ subscription: z.string() }).nullish() }).nullish(),
  attempt_count: z.number().int().min(0).max(1000).nullish(),
});

export const invoicePaymentFailed = defineHandler(invoice, async (tx, object, event, record) => {
  const subscriptionId = object.parent?.subscription_details?.subscription ?? object.subscription;
  const match = subscriptionId
    ? eq(subscriptions.subscriptionId, subscriptionId)
    : object.customer
      ? eq(subscriptions.customerId, object.customer)
      : null;
  if (!match) return;
  const [known] = await tx.select().from(subscriptions).where(match).limit(1);
  // Every failed charge of a paid plan is reported, also a repeated one while already past due; a stale one is not.
  const knownSubscription = known?.subscriptionId ?? subscriptionId;
  if (known && knownSubscription && known.plan !== 'free' && !isStale(known, event)) {
    record(
      track(
        'subscription.payment_failed',
        {
          plan: known.plan,
          provider: known.provider,
          workspace_id: known.workspaceId,
          subscription_id: knownSubscription,
          ...(object.attempt_count != null ? { attempt_count: object.attempt_count } : {}),
        },
        attributedTo(known.purchasedBy, known.workspaceId),
      ),
    );
  }
  await tx
    .update(subscriptions)
    .set({ status: 'past_due', lastEventAt: eventTime(event), updatedAt: new Date() })
    .where(
      and(
        match,
        inArray(subscriptions.status, ['active', 'trialing']),
        // An older failure must not override a newer recovery (Stripe may deliver out of order).
        or(isNull(subscriptions.lastEventAt), lte(subscriptions.lastEventAt, eventTime(event))),
      ),
    );
});
