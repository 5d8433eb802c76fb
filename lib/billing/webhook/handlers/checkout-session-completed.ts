// checkout.session.completed: the buyer paid; the workspace moves to the purchased plan.
import 'server-only';
import { eq, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { checkoutSessions, subscriptions, users, workspaces } from '@/lib/db/schema';
import { track } from '@/lib/analytics/server/mutation-events';
import { billingProvider } from '@/lib/env';
import { planAmountCents } from '../../plans';
import { attributedTo, defineHandler, eventTime, invalidPayload, isStale, metadataSchema, wasDeleted } from '../define-handler';

const session = z.object({
  id: z.string().min(1),
  mode: z.string(),
  payment_status: z.string(),
  client_reference_id: z.string().nullish(),
  customer: z.string().nullish(),
  subscription: z.string().nullish(),
  metadata: metadataSchema,
});

const orbitMetadata = z.object({ workspaceId: z.string().min(1), userId: z.string().min(1), plan: z.enum(['pro', 'team']) });

export const checkoutSessionCompleted = defineHandler(session, async (tx, object, event, record) => {
  // Orbit only sells subscriptions; anything else on the account is not ours to act on.
  if (object.mode !== 'subscription') return;
  // Delayed payment methods complete unpaid; there is nothing to grant until the money arrives.
  if (object.payment_status !== 'paid' && object.payment_status !== 'no_payment_required') return;

  const meta = orbitMetadata.safeParse(object.metadata);
  if (!meta.success) throw invalidPayload('checkout.session.completed: metadata lacks workspaceId, userId or plan');
  const { workspaceId, userId, plan } = meta.data;
  if (object.client_reference_id !== workspaceId) {
    throw invalidPayload('checkout.session.completed: client_reference_id does not match metadata.workspaceId');
  }
  if (!object.customer || !object.subscription) {
    throw invalidPayload('checkout.session.completed: customer and subscription are required');
  }

  const [workspace] = await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!workspace) return; // Deleted since checkout: nothing left to upgrade.
  const [buyer] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
  const [checkout] = await tx
    .select({ id: checkoutSessions.id, provider: checkoutSessions.provider })
    .from(checkoutSessions)
    .where(or(eq(checkoutSessions.id, object.id), eq(checkoutSessions.externalId, object.id)));
  const provider = checkout?.provider ?? billingProvider ?? 'stripe';
  const now = new Date();
  const [current] = await tx.select().from(subscriptions).where(eq(subscriptions.workspaceId, workspaceId));
  // The subscription's own, newer events (e.g. an immediate cancel) may have arrived first: they win.
  // A deletion delivered before this event (out of order) left a tombstone: the buyer paid, but the subscription
  // is gone, so the workspace keeps whatever it has.
  const superseded = (current?.subscriptionId === object.subscription && isStale(current, event)) || (await wasDeleted(tx, object.subscription));

  if (!superseded) {
    const row = {
      plan,
      status: 'active' as const,
      provider,
      customerId: object.customer,
      subscriptionId: object.subscription,
      purchasedBy: buyer?.id ?? null,
      lastEventAt: eventTime(event),
      updatedAt: now,
    };
    await tx
      .insert(subscriptions)
      .values({ workspaceId, ...row })
      .onConflictDoUpdate({
        target: subscriptions.workspaceId,
        set: {
          ...row,
          // The subscription's own event may have arrived first and set the period; keep it for the same subscription.
          currentPeriodEnd: sql`case when ${subscriptions.subscriptionId} = excluded.subscription_id then ${subscriptions.currentPeriodEnd} else null end`,
        },
      });
  }

  if (checkout) {
    await tx
      .update(checkoutSessions)
      .set({ status: 'complete', completedAt: now, failureReason: null })
      .where(eq(checkoutSessions.id, checkout.id));
  }
  // Attributed to the buyer (metadata.userId, checked against users above): the webhook has no session.
  record(
    track(
      'checkout.completed',
      {
        plan,
        provider,
        // Orbit's own id when it knows the session (Stripe's ids can exceed the catalog's id length).
        checkout_session_id: checkout?.id ?? object.id,
        workspace_id: workspaceId,
        subscription_id: object.subscription,
        amount_cents: planAmountCents(plan),
        currency: 'usd',
      },
      attributedTo(buyer?.id ?? null, workspaceId),
    ),
  );
});
