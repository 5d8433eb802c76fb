// Stripe-format webhooks, from Stripe or from Orbit's local provider: verify the signature over the raw body,
// pick the handler for the event type, and record the event id and the handler's writes in one transaction, so a
// replay changes nothing and a failure leaves nothing half-written (Stripe retries on any non-2xx).
import 'server-only';
import { captureException, withScope } from '@sentry/nextjs';
import { z } from 'zod';
import { recordWebhookEvents, recordWebhookFailure, type WebhookTracked } from '@/lib/analytics/server/webhook-events';
import { db } from '@/lib/db';
import { webhookEvents } from '@/lib/db/schema';
import { stripeWebhookSecret } from '@/lib/env';
import { stripeWebhooks } from '../stripe-client';
import { PayloadError, type WebhookHandler } from './define-handler';
import { checkoutSessionCompleted } from './handlers/checkout-session-completed';
import { customerSubscriptionDeleted } from './handlers/customer-subscription-deleted';
import { customerSubscriptionUpdated } from './handlers/customer-subscription-updated';
import { invoicePaymentFailed } from './handlers/invoice-payment-failed';
import { pathWithNul } from '@/lib/server/nul-characters';

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

export type WebhookErrorCode = 'not_configured' | 'missing_signature' | 'invalid_signature' | 'invalid_payload' | 'handler_failed';

export type WebhookResponse =
  | { status: 200; body: { received: true; id: string; type: string; outcome: 'processed' | 'duplicate' | 'ignored' } }
  | { status: 400 | 404 | 500; body: { error: { code: WebhookErrorCode; message: string } } };

const fail = (status: 400 | 404 | 500, code: WebhookErrorCode, message: string): WebhookResponse => ({
  status,
  body: { error: { code, message } },
});

export async function processStripeWebhook(
  rawBody: string,
  signature: string | null,
  secret: string | null = stripeWebhookSecret(),
): Promise<WebhookResponse> {
  const started = performance.now();
  if (!secret) return fail(404, 'not_configured', 'Billing is not configured on this deployment.');
  if (!signature) return fail(400, 'missing_signature', 'Missing Stripe-Signature header.');
  let verified: unknown;
  try {
    verified = stripeWebhooks.constructEvent(rawBody, signature, secret);
  } catch {
    return fail(400, 'invalid_signature', 'The Stripe-Signature header does not match the payload.');
  }
  const parsed = envelope.safeParse(verified);
  if (!parsed.success) return fail(400, 'invalid_payload', 'The payload is not a Stripe event.');
  if (pathWithNul(parsed.data) !== null) return fail(400, 'invalid_payload', 'The payload contains a NUL character.');
  const event = parsed.data;

  const handler = handlers[event.type];
  const ok = (outcome: 'processed' | 'duplicate' | 'ignored'): WebhookResponse => ({
    status: 200,
    body: { received: true, id: event.id, type: event.type, outcome },
  });
  if (!handler) return ok('ignored');

  const tracked: WebhookTracked[] = [];
  try {
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
    // After the commit: a failed or duplicate delivery records nothing; a retried one records once.
    if (outcome === 'processed') recordWebhookEvents(tracked);
    return ok(outcome);
  } catch (error) {
    if (error instanceof PayloadError) return fail(400, 'invalid_payload', error.message);
    console.error(`[billing webhook] ${event.type} ${event.id} failed:`, error instanceof Error ? error.message : error);
    reportHandlerFailure(event, error, performance.now() - started);
    return fail(500, 'handler_failed', 'The event could not be processed; it will be retried.');
  }
}

/** A failed handler is an incident even though the provider retries: Sentry, `webhook.failed` and `api.error`. */
function reportHandlerFailure(event: { id: string; type: string }, error: unknown, durationMs: number): void {
  try {
    withScope((scope) => {
      scope.setTags({ mutation: 'billing.webhook', 'webhook.type': event.type, 'webhook.event_id': event.id });
      captureException(error, { mechanism: { type: 'orbit.webhook', handled: true } });
    });
  } catch {
    // Reporting never changes the answer the provider gets.
  }
  recordWebhookFailure(event.type, durationMs);
}
