// Stripe-format events built by the local provider, with the same shape and signature scheme Stripe uses, so
// they travel the exact code path real Stripe events take (POST /api/webhooks/stripe → verify → handle).
import 'server-only';
import { newId } from '@/lib/db/ids';
import { stripeWebhookSecret } from '@/lib/env';
import { planAmountCents, type PaidPlanId } from './plans';
import { stripeWebhooks } from './stripe-client';

/** The API version Orbit's local events claim; the webhook accepts the fields common to recent versions. */
const LOCAL_API_VERSION = '2026-10-28.endive';

export type StripeFormatEvent<T extends Record<string, unknown> = Record<string, unknown>> = {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
  data: { object: T; previous_attributes?: Record<string, unknown> };
};

/** Price ids the local provider uses in subscription items; the webhook maps them back to plans. */
export const LOCAL_PRICE_IDS: Record<PaidPlanId, string> = { pro: 'price_local_pro', team: 'price_local_team' };

const nowSeconds = () => Math.floor(Date.now() / 1000);

export function buildEvent<T extends Record<string, unknown>>(
  type: string,
  object: T,
  previousAttributes?: Record<string, unknown>,
): StripeFormatEvent<T> {
  return {
    id: newId('evt'),
    object: 'event',
    api_version: LOCAL_API_VERSION,
    created: nowSeconds(),
    livemode: false,
    pending_webhooks: 1,
    request: { id: newId('req_local'), idempotency_key: null },
    type,
    data: previousAttributes ? { object, previous_attributes: previousAttributes } : { object },
  };
}

export type CheckoutCompletedInput = {
  sessionId: string;
  workspaceId: string;
  userId: string;
  plan: PaidPlanId;
  customerId: string;
  subscriptionId: string;
  origin: string;
};

export function checkoutSessionObject(input: CheckoutCompletedInput) {
  const amount = planAmountCents(input.plan);
  return {
    id: input.sessionId,
    object: 'checkout.session',
    mode: 'subscription',
    customer: input.customerId,
    subscription: input.subscriptionId,
    client_reference_id: input.workspaceId,
    metadata: { workspaceId: input.workspaceId, userId: input.userId, plan: input.plan },
    payment_status: 'paid',
    status: 'complete',
    amount_subtotal: amount,
    amount_total: amount,
    currency: 'usd',
    created: nowSeconds(),
    livemode: false,
    success_url: `${input.origin}/billing?checkout=success`,
    cancel_url: `${input.origin}/billing`,
    url: null,
  };
}

export type SubscriptionObjectInput = {
  subscriptionId: string;
  customerId: string;
  workspaceId: string;
  userId: string | null;
  plan: PaidPlanId;
  status: 'active' | 'canceled';
  periodStart: Date;
  periodEnd: Date;
};

export function subscriptionObject(input: SubscriptionObjectInput) {
  const start = Math.floor(input.periodStart.getTime() / 1000);
  const end = Math.floor(input.periodEnd.getTime() / 1000);
  const canceled = input.status === 'canceled' ? nowSeconds() : null;
  return {
    id: input.subscriptionId,
    object: 'subscription',
    customer: input.customerId,
    status: input.status,
    currency: 'usd',
    cancel_at_period_end: false,
    canceled_at: canceled,
    ended_at: canceled,
    created: start,
    start_date: start,
    livemode: false,
    metadata: { workspaceId: input.workspaceId, plan: input.plan, ...(input.userId ? { userId: input.userId } : {}) },
    items: {
      object: 'list',
      has_more: false,
      data: [
        {
          id: `si_${input.subscriptionId.replace(/^sub_/, '')}`,
          object: 'subscription_item',
          quantity: 1,
          current_period_start: start,
          current_period_end: end,
          price: {
            id: LOCAL_PRICE_IDS[input.plan],
            object: 'price',
            currency: 'usd',
            unit_amount: planAmountCents(input.plan),
            recurring: { interval: 'month', interval_count: 1 },
            lookup_key: input.plan,
          },
        },
      ],
    },
  };
}

/** One month after `from`, the way Stripe bills monthly subscriptions (same day next month). */
export function addOneMonth(from: Date): Date {
  const next = new Date(from);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return next;
}

/** The `Stripe-Signature` header for a payload, exactly as Stripe computes it (t=…,v1=HMAC-SHA256). */
export function signPayload(payload: string, secret: string | null = stripeWebhookSecret()): string {
  if (!secret) throw new Error('Billing is not configured: there is no webhook secret to sign with');
  return stripeWebhooks.generateTestHeaderString({ payload, secret });
}
