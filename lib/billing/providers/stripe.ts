// Real Stripe: a Checkout Session in subscription mode and the Stripe-hosted customer portal. The Stripe client is
// injected so tests can point it at a local mock of Stripe's HTTP API.
import 'server-only';
import type Stripe from 'stripe';
import type { PaidPlanId } from '../plans';
import type { BillingProvider } from './types';

export type StripeProviderConfig = { stripe: Stripe; prices: Record<PaidPlanId, string> };

export function createStripeProvider({ stripe, prices }: StripeProviderConfig): BillingProvider {
  return {
    name: 'stripe',
    async createCheckout({ workspaceId, userId, plan, customerId, origin }) {
      const metadata = { workspaceId, userId, plan };
      const session = await stripe.checkout.sessions.create({
        mode: 'subscription',
        line_items: [{ price: prices[plan], quantity: 1 }],
        success_url: `${origin}/billing?checkout=success`,
        cancel_url: `${origin}/billing?checkout=canceled`,
        client_reference_id: workspaceId,
        metadata,
        // Copied onto the subscription so its later events (updated, deleted) carry the workspace too.
        subscription_data: { metadata },
        ...(customerId ? { customer: customerId } : {}),
      });
      if (!session.url) throw new Error('Stripe returned a checkout session without a URL');
      return { url: session.url, externalId: session.id };
    },
    async expireCheckout(externalId) {
      try {
        await stripe.checkout.sessions.expire(externalId);
        return 'expired';
      } catch (error) {
        // Stripe expires only open sessions: one paid (or expired on its own) a moment ago is refused. Ask which.
        const { status } = await stripe.checkout.sessions.retrieve(externalId);
        if (status === 'complete') return 'complete';
        if (status === 'expired') return 'expired';
        throw error;
      }
    },
    async createPortal({ customerId, origin }) {
      const portal = await stripe.billingPortal.sessions.create({ customer: customerId, return_url: `${origin}/billing` });
      return { url: portal.url };
    },
  };
}
