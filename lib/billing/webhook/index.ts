// Stripe-format webhooks, from Stripe or from Orbit's local provider (POST /api/webhooks/stripe): verify the
// signature over the raw body, then run the event type's handler through the mutation wrapper like every route
// (lib/server/mutation.ts, as a `service` caller: no session): one span, one Sentry report of an unexpected failure,
// `api.error` and the handler's events on the analytics path, errors answered by errorResponse(). The event id and
// the handler's writes are recorded in one transaction, so a replay changes nothing and a failure leaves nothing
// half-written (Stripe retries on any non-2xx).
import 'server-only';
import { z } from 'zod';
import { track, type TrackedEvent } from '@/lib/analytics/server/mutation-events';
import { db } from '@/lib/db';
import { webhookEvents } from '@/lib/db/schema';
import { stripeWebhookSecret } from '@/lib/env';
import { readBoundedText, WEBHOOK_MAX_BODY_BYTES } from '@/lib/server/bounded-body';
import { AppError, errorResponse } from '@/lib/server/errors';
import { runMutation } from '@/lib/server/mutation';
import { pathWithNul } from '@/lib/server/nul-characters';
import { stripeWebhooks } from '../stripe-client';
import { invalidPayload, type WebhookHandler } from './define-handler';
import { checkoutSessionCompleted } from './handlers/checkout-session-completed';
import { customerSubscriptionDeleted } from './handlers/customer-subscription-deleted';
import { customerSubscriptionUpdated } from './handlers/customer-subscription-updated';
import { invoicePaymentFailed } from './handlers/invoice-payment-failed';

const handlers: Record<string, WebhookHandler> = {
  'checkout.session.completed': checkoutSessionCompleted,
  'customer.subscription.created': customerSubscriptionUpdated,
  'customer.subscription.updated': customerSubscriptionUpdated,
  'customer.subscription.deleted': customerSubscriptionDeleted,
  'invoice.payment_failed': invoicePaymentFailed,
};

/** The event types Orbit acts on; every other type is acknowledged and ignored. */
export const relevantEvents: ReadonlySet<string> = new Set(Object.keys(handlers));

const envelope = z.object({
  id: z.string().startsWith('evt_'),
  type: z.string().min(1),
  created: z.number().int(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

type StripeEvent = z.infer<typeof envelope>;

/** The route, as `api.error` and `api.request` name it. */
const WEBHOOK_ENDPOINT = '/api/webhooks/stripe';

/**
 * The delivery's event, verified: its raw body read with a byte limit (413 before the signature is computed over
 * it), signed with the configured secret (404 `not_configured` without one; 400 `missing_signature`,
 * `invalid_signature`), a Stripe event without NUL characters (400 `invalid_payload`). Throws AppError otherwise.
 */
async function verifiedEvent(req: Request, secret: string | null): Promise<StripeEvent> {
  // The signature covers the exact bytes, so the body is read raw, never re-serialized.
  const rawBody = await readBoundedText(req, WEBHOOK_MAX_BODY_BYTES);
  if (!secret) throw new AppError('not_configured', 'Billing is not configured on this deployment.');
  const signature = req.headers.get('stripe-signature');
  if (!signature) throw new AppError('missing_signature', 'Missing Stripe-Signature header.');
  let verified: unknown;
  try {
    verified = stripeWebhooks.constructEvent(rawBody, signature, secret);
  } catch {
    throw new AppError('invalid_signature', 'The Stripe-Signature header does not match the payload.');
  }
  const parsed = envelope.safeParse(verified);
  if (!parsed.success) throw invalidPayload('The payload is not a Stripe event.');
  if (pathWithNul(parsed.data) !== null) throw invalidPayload('The payload contains a NUL character.');
  return parsed.data;
}

type Outcome = 'processed' | 'duplicate' | 'ignored';

/** Runs `handler` once per event id; the events it records are kept only when its writes committed. */
async function deliver(handler: WebhookHandler, event: StripeEvent): Promise<{ outcome: Outcome; tracked: TrackedEvent[] }> {
  const tracked: TrackedEvent[] = [];
  const outcome = await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(webhookEvents)
      .values({ id: event.id, type: event.type })
      .onConflictDoNothing()
      .returning({ id: webhookEvents.id });
    if (inserted.length === 0) return 'duplicate' as const;
    await handler(tx, event.data.object, { id: event.id, type: event.type, created: event.created }, (e) => tracked.push(e));
    return 'processed' as const;
  });
  // A failed or duplicate delivery records nothing; a retried one records once.
  return { outcome, tracked: outcome === 'processed' ? tracked : [] };
}

/** Answers one delivery: 200 with the outcome, or the error (a 500 makes the provider retry). */
export async function handleStripeWebhook(req: Request, secret: string | null = stripeWebhookSecret()): Promise<Response> {
  let event: StripeEvent;
  try {
    event = await verifiedEvent(req, secret);
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error);
    throw error;
  }
  const ok = (outcome: Outcome) => Response.json({ received: true, id: event.id, type: event.type, outcome });
  const handler = handlers[event.type];
  if (!handler) return ok('ignored');
  const result = await runMutation({ name: 'billing.webhook', input: envelope, auth: 'service' }, event, (e) => deliver(handler, e), {
    analytics: {
      success: (_event, delivery) => delivery.tracked,
      // A verified delivery whose handler failed is an incident even though the provider retries it.
      error: (e, error) => (e && error.code === 'internal' ? track('webhook.failed', { type: e.type }) : null),
    },
    request: { endpoint: WEBHOOK_ENDPOINT, method: 'POST' },
    headers: req.headers,
    reportTags: { 'webhook.type': event.type, 'webhook.event_id': event.id },
  });
  return result.ok ? ok(result.data.outcome) : errorResponse(result.error);
}
