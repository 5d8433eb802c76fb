// POST /api/webhooks/stripe — billing events from Stripe (or Orbit's local provider), verified by signature.
import { processStripeWebhook } from '@/lib/billing/webhook';

export async function POST(req: Request): Promise<Response> {
  // The signature covers the exact bytes, so the body is read raw, never re-serialized.
  const rawBody = await req.text();
  const result = await processStripeWebhook(rawBody, req.headers.get('stripe-signature'));
  return Response.json(result.body, { status: result.status });
}
