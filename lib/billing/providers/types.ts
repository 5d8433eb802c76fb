// What a billing provider does: send the buyer to a hosted checkout (and take one back), and the subscriber to a
// billing portal.
// Everything else (plan changes, cancellations, renewals) reaches Orbit as Stripe-format webhook events.
import type { PaidPlanId } from '../plans';

type CheckoutRequest = {
  /** Orbit's checkout_sessions row id. */
  sessionId: string;
  workspaceId: string;
  userId: string;
  plan: PaidPlanId;
  /** An existing Stripe customer to reuse (a workspace that subscribed before). */
  customerId: string | null;
  origin: string;
};

export type CheckoutRedirect = { url: string; externalId: string | null };

type PortalRequest = { workspaceId: string; customerId: string; origin: string };

export interface BillingProvider {
  readonly name: 'local' | 'stripe';
  createCheckout(request: CheckoutRequest): Promise<CheckoutRedirect>;
  /**
   * Makes a checkout the provider hosts unpayable (a newer one replaces it). 'complete' when it was paid already
   * and cannot be expired; throws when its state cannot be learned.
   */
  expireCheckout(externalId: string): Promise<'expired' | 'complete'>;
  createPortal(request: PortalRequest): Promise<{ url: string }>;
}
