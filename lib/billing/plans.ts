// Orbit's plans, defined once: the pricing page, the billing page, checkout amounts and limits all read this.
// No server-only import: marketing pages and client components render it too.
import type { Plan } from '@/lib/db/schema/billing';

export type PlanId = Plan;
export type PaidPlanId = Exclude<PlanId, 'free'>;

export type PlanDefinition = {
  id: PlanId;
  name: string;
  /** US dollars per user per month. */
  priceMonthly: number;
  tagline: string;
  features: string[];
  /** null = unlimited. */
  limits: { projects: number | null; members: number | null };
};

export const PLANS_CATALOG: Record<PlanId, PlanDefinition> = {
  free: {
    id: 'free',
    name: 'Free',
    priceMonthly: 0,
    tagline: 'For individuals getting a first project off the ground.',
    features: ['Up to 3 projects', 'Up to 2 members', 'Unlimited tasks', 'Community support'],
    limits: { projects: 3, members: 2 },
  },
  pro: {
    id: 'pro',
    name: 'Pro',
    priceMonthly: 12,
    tagline: 'For small teams shipping every week.',
    features: ['Unlimited projects', 'Up to 10 members', 'Unlimited tasks', 'Email support'],
    limits: { projects: null, members: 10 },
  },
  team: {
    id: 'team',
    name: 'Team',
    priceMonthly: 29,
    tagline: 'For growing organisations that plan together.',
    features: ['Unlimited projects', 'Unlimited members', 'Unlimited tasks', 'Priority support'],
    limits: { projects: null, members: null },
  },
};

export const PAID_PLANS: readonly PaidPlanId[] = ['pro', 'team'];

export function isPaidPlan(plan: string): plan is PaidPlanId {
  return (PAID_PLANS as readonly string[]).includes(plan);
}

/** A paid plan counts while the subscription is active, trialing or in its payment-retry window. */
export function effectivePlan(plan: PlanId | null, status: string | null): PlanId {
  if (!plan || !status) return 'free';
  return status === 'active' || status === 'trialing' || status === 'past_due' ? plan : 'free';
}

/** Smallest currency unit (cents), as Stripe reports amounts. */
export function planAmountCents(plan: PlanId): number {
  return Math.round(PLANS_CATALOG[plan].priceMonthly * 100);
}

/** `$12.00` — the label format of the pay button. */
export function formatUsd(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}
