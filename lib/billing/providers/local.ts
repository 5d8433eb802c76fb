// The offline provider: Orbit's own hosted checkout page and billing portal. Payment happens in
// lib/billing/local-checkout.ts, which reports the outcome as signed Stripe-format webhook events.
import 'server-only';
import type { BillingProvider } from './types';

export const localProvider: BillingProvider = {
  name: 'local',
  async createCheckout({ sessionId }) {
    return { url: `/checkout/${encodeURIComponent(sessionId)}`, externalId: null };
  },
  // Orbit hosts the page: the session's row is the whole state, and an expired row cannot be paid.
  async expireCheckout() {
    return 'expired';
  },
  async createPortal() {
    return { url: '/billing/portal' };
  },
};
