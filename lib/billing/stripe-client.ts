// The Stripe SDK client, created once when STRIPE_SECRET_KEY is set. Tests build their own client pointed at a
// local mock of Stripe's HTTP API and inject it into the provider instead.
import 'server-only';
import Stripe from 'stripe';
import { env } from '@/lib/env';

let client: Stripe | undefined;

export function getStripe(): Stripe {
  if (!env.STRIPE_SECRET_KEY) throw new Error('STRIPE_SECRET_KEY is required for the stripe billing provider');
  client ??= new Stripe(env.STRIPE_SECRET_KEY, { maxNetworkRetries: 2, appInfo: { name: 'Orbit' } });
  return client;
}

/** Signature verification and test signing need no API key: they are Stripe's static webhook helpers. */
export const stripeWebhooks = Stripe.webhooks;
