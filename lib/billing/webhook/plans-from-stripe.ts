// Translating Stripe's vocabulary into Orbit's: price ids → plans, subscription statuses → Orbit's statuses.
import 'server-only';
import type { SubscriptionStatus } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { LOCAL_PRICE_IDS } from '../events';
import { isPaidPlan, type PaidPlanId } from '../plans';

export function planFromPrice(priceId: string | undefined, metadataPlan: string | undefined): PaidPlanId | null {
  const prices: Record<string, PaidPlanId> = {
    [LOCAL_PRICE_IDS.pro]: 'pro',
    [LOCAL_PRICE_IDS.team]: 'team',
    ...(env.STRIPE_PRICE_PRO ? { [env.STRIPE_PRICE_PRO]: 'pro' as const } : {}),
    ...(env.STRIPE_PRICE_TEAM ? { [env.STRIPE_PRICE_TEAM]: 'team' as const } : {}),
  };
  const fromPrice = priceId ? prices[priceId] : undefined;
  if (fromPrice) return fromPrice;
  // A price Orbit does not know (a new price not yet in env): the plan stamped at checkout is the fallback.
  return metadataPlan && isPaidPlan(metadataPlan) ? metadataPlan : null;
}

/**
 * Stripe has more states than Orbit needs. `unpaid` and `incomplete_expired` mean the retries are over (no
 * access); `paused` is a trial that ended without a payment method (no access until resumed).
 */
export function statusFromStripe(status: string): SubscriptionStatus {
  switch (status) {
    case 'active':
    case 'trialing':
    case 'past_due':
    case 'canceled':
    case 'incomplete':
      return status;
    case 'paused':
      return 'incomplete';
    default:
      return 'canceled';
  }
}
