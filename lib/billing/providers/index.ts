// The active billing provider, chosen by lib/env.ts (`billingProvider`): Stripe when a secret key is set.
import 'server-only';
import { billingProvider, env } from '@/lib/env';
import { getStripe } from '../stripe-client';
import { localProvider } from './local';
import { createStripeProvider } from './stripe';
import type { BillingProvider } from './types';

let stripeProvider: BillingProvider | undefined;

export function getBillingProvider(): BillingProvider {
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
