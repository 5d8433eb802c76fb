// The active billing provider, chosen by lib/env.ts (`billingProvider`): Stripe when a secret key is set, none in
// production unless one is named.
import 'server-only';
import { billingProvider, env } from '@/lib/env';
import { AppError } from '@/lib/server/errors';
import { getStripe } from '../stripe-client';
import { localProvider } from './local';
import { createStripeProvider } from './stripe';
import type { BillingProvider } from './types';

let stripeProvider: BillingProvider | undefined;

/** A clear, non-5xx refusal: without a provider nothing can be bought, whatever the request says. */
const billingNotConfigured = () => new AppError('not_found', 'Billing is not configured on this deployment.');

/** The local provider's own actions (pay a test checkout, change or cancel in its portal) exist only when it is active. */
export function assertLocalBilling(): void {
  if (billingProvider !== 'local') throw billingNotConfigured();
}

export function getBillingProvider(): BillingProvider {
  if (billingProvider === null) throw billingNotConfigured();
  if (billingProvider === 'local') return localProvider;
  if (!env.STRIPE_PRICE_PRO || !env.STRIPE_PRICE_TEAM) {
    throw new Error('STRIPE_PRICE_PRO and STRIPE_PRICE_TEAM are required when BILLING_PROVIDER=stripe');
  }
  stripeProvider ??= createStripeProvider({
    stripe: getStripe(),
    prices: { pro: env.STRIPE_PRICE_PRO, team: env.STRIPE_PRICE_TEAM },
  });
  return stripeProvider;
}

export type { BillingProvider } from './types';
