// Billing webhook events (checkout.completed, subscription.updated / canceled). A webhook has no cookie and no
// session: the person is the buyer the checkout recorded (metadata.userId → subscriptions.purchased_by), so
// revenue lands on the person who paid, joined with their browser history by the user id they identified with.
// Handlers collect events inside their transaction; they are sent only after it committed (a rolled-back or
// duplicate delivery records nothing).
import 'server-only';
import type { EventName, EventProperties } from '@/lib/analytics/catalog';
import { serverAnalytics } from './client';
import { flushAfterResponse } from './flush-after';
import { identityForUser } from './identity';

export type WebhookTracked = {
  [N in EventName]: { event: N; properties: EventProperties<N>; userId: string | null; workspaceId: string };
}[EventName];

/** Typed constructor for one webhook event. */
export function webhookEvent<N extends EventName>(
  event: N,
  properties: EventProperties<N>,
  who: { userId: string | null; workspaceId: string },
): WebhookTracked {
  return { event, properties, ...who } as WebhookTracked;
}

/** Sends the events of one committed webhook delivery. Never throws. */
export function recordWebhookEvents(events: readonly WebhookTracked[]): void {
  try {
    const analytics = serverAnalytics();
    if (!analytics.active || events.length === 0) return;
    for (const e of events) {
      // Without a known buyer the event belongs to the workspace alone: a personless event in its group.
      const identity = e.userId ? identityForUser(e.userId) : { distinctId: `workspace_${e.workspaceId}`, hasPerson: false };
      analytics.capture(e.event, e.properties as EventProperties<typeof e.event>, identity, { groups: { workspace: e.workspaceId } });
    }
    flushAfterResponse();
  } catch (error) {
    console.error('[analytics] webhook events failed:', error instanceof Error ? error.message : error);
  }
}

const WEBHOOK_DISTINCT_ID = 'orbit_billing_webhook';

/**
 * A verified delivery whose handler failed (the provider retries it): `webhook.failed` and the `api.error` every
 * failing route records. Personless: the failure is about the deployment, not about the buyer. Never throws.
 */
export function recordWebhookFailure(type: string, durationMs: number): void {
  try {
    const analytics = serverAnalytics();
    if (!analytics.active) return;
    const identity = { distinctId: WEBHOOK_DISTINCT_ID, hasPerson: false };
    analytics.capture('webhook.failed', { type }, identity);
    analytics.capture(
      'api.error',
      { operation: 'billing.webhook', endpoint: '/api/webhooks/stripe', code: 'internal', status: 500, duration_ms: Math.round(durationMs * 10) / 10 },
      identity,
    );
    flushAfterResponse();
  } catch (error) {
    console.error('[analytics] webhook failure event failed:', error instanceof Error ? error.message : error);
  }
}
