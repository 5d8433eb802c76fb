// Delivery of the local provider's signed events: a real HTTP POST to Orbit's own webhook route, the same request
// Stripe would make. Tests inject a delivery that calls the route handler directly.
import 'server-only';
import type { StripeFormatEvent } from './events';
import { signPayload } from './events';

export type EventDelivery = (event: StripeFormatEvent) => Promise<void>;

class DeliveryError extends Error {
  constructor(readonly status: number) {
    super(`Webhook delivery failed with HTTP ${status}`);
    this.name = 'DeliveryError';
  }
}

export function httpDelivery(origin: string): EventDelivery {
  const endpoint = new URL('/api/webhooks/stripe', origin);
  return async (event) => {
    const payload = JSON.stringify(event);
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'stripe-signature': signPayload(payload),
        'user-agent': 'Orbit-LocalBilling/1.0 (Stripe-format webhooks)',
      },
      body: payload,
      cache: 'no-store',
      redirect: 'error',
      // Generous: in development the webhook route may compile on its first request.
      signal: AbortSignal.timeout(60_000),
    });
    await response.body?.cancel();
    if (!response.ok) throw new DeliveryError(response.status);
  };
}
