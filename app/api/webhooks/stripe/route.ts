// POST /api/webhooks/stripe — billing events from Stripe (or Orbit's local provider), verified by signature.
import { processStripeWebhook } from '@/lib/billing/webhook';
import { BodyTooLargeError, readBoundedText, WEBHOOK_MAX_BODY_BYTES } from '@/lib/server/bounded-body';

export async function POST(req: Request): Promise<Response> {
  // The signature covers the exact bytes, so the body is read raw, never re-serialized; an oversized body is
  // refused before the signature is even computed over it.
  let rawBody: string;
  try {
    rawBody = await readBoundedText(req, WEBHOOK_MAX_BODY_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    const message = `The webhook body is larger than ${WEBHOOK_MAX_BODY_BYTES} bytes.`;
    return Response.json({ error: { code: 'payload_too_large', message } }, { status: 413 });
  }
  const result = await processStripeWebhook(rawBody, req.headers.get('stripe-signature'));
  return Response.json(result.body, { status: result.status });
}
