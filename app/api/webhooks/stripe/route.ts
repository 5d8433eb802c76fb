// POST /api/webhooks/stripe — billing events from Stripe (or Orbit's local provider), verified by signature.
import { handleStripeWebhook } from '@/lib/billing/webhook';

export function POST(req: Request): Promise<Response> {
  return handleStripeWebhook(req);
}
