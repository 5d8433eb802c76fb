// Paying a local checkout session. A declined card marks the session failed (it can be retried); an accepted one
// is reported the way Stripe reports it: signed `checkout.session.completed` and `customer.subscription.created`
// events delivered to the webhook, which is the only place the plan changes.
import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/lib/db';
import { checkoutSessions } from '@/lib/db/schema';
import { newId } from '@/lib/db/ids';
import { AppError, notFound } from '@/lib/server/errors';
import type { CardCheck } from './card';
import { getCheckoutForPayer, HAS_SUBSCRIPTION, isSubscribed } from './checkout';
import type { EventDelivery } from './deliver';
import { addOneMonth, buildEvent, checkoutSessionObject, subscriptionObject } from './events';
import { isPaidPlan } from './plans';
import { getSubscription } from './subscription';

export type PayLocalCheckoutInput = {
  sessionId: string;
  card: CardCheck;
  userId: string;
  workspaceId: string;
  origin: string;
  deliver: EventDelivery;
};

export async function payLocalCheckout(input: PayLocalCheckoutInput): Promise<{ plan: 'pro' | 'team' }> {
  const { sessionId, card, userId, workspaceId, origin, deliver } = input;
  const session = await getCheckoutForPayer(sessionId, { userId, workspaceId });
  if (!session || session.provider !== 'local' || !isPaidPlan(session.plan)) throw notFound('Checkout session');
  if (session.status === 'complete') throw new AppError('conflict', 'This checkout has already been paid.');
  if (session.status === 'expired') {
    throw new AppError('conflict', 'This checkout has expired. Start a new one from the billing page.');
  }

  // The checkout was opened before the workspace got its subscription (another checkout paid a moment earlier,
  // or the provider's dashboard): a second subscription would be charged on top of the first.
  const existing = await getSubscription(workspaceId);
  if (isSubscribed(existing)) throw new AppError('conflict', HAS_SUBSCRIPTION);

  if (!card.outcome.ok) {
    await db
      .update(checkoutSessions)
      .set({ status: 'failed', failureReason: card.outcome.declineCode })
      .where(eq(checkoutSessions.id, session.id));
    throw new AppError('payment_failed', card.outcome.message);
  }

  const customerId = (existing?.provider === 'local' ? existing.customerId : null) ?? newId('cus');
  const subscriptionId = newId('sub');
  const now = new Date();
  const plan = session.plan;

  try {
    await deliver(
      buildEvent(
        'checkout.session.completed',
        checkoutSessionObject({ sessionId: session.id, workspaceId, userId, plan, customerId, subscriptionId, origin }),
      ),
    );
  } catch (error) {
    // A slow answer is not a failed one: if the webhook did apply the event, the payment went through.
    const [after] = await db
      .select({ status: checkoutSessions.status })
      .from(checkoutSessions)
      .where(eq(checkoutSessions.id, session.id));
    if (after?.status !== 'complete') throw error;
  }
  try {
    // Stripe follows a subscription checkout with the subscription's own event; it carries the billing period.
    await deliver(
      buildEvent(
        'customer.subscription.created',
        subscriptionObject({
          subscriptionId,
          customerId,
          workspaceId,
          userId,
          plan,
          status: 'active',
          periodStart: now,
          periodEnd: addOneMonth(now),
        }),
      ),
    );
  } catch (error) {
    // The plan is already paid for; only the renewal date is missing until the next subscription event.
    console.error('[billing] customer.subscription.created delivery failed', error instanceof Error ? error.message : error);
  }
  return { plan };
}
