// The bounded body reader, and the routes that used to read unbounded bodies: the REST API (`defineRoute`) and
// the Stripe webhook. Oversized bodies get 413 before anything parses or verifies them.
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { POST as betterAuth } from '@/app/api/auth/[...all]/route';
import { POST as createProject } from '@/app/api/projects/route';
import { POST as stripeWebhook } from '@/app/api/webhooks/stripe/route';
import { signPayload } from '@/lib/billing/events';
import { API_MAX_BODY_BYTES, AUTH_MAX_BODY_BYTES, BodyTooLargeError, readBoundedBody, WEBHOOK_MAX_BODY_BYTES } from './bounded-body';

const MB = 1024 * 1024;

/** A body of `total` bytes produced on demand, counting how many bytes the reader actually pulled. */
function meteredStream(total: number, chunk = 64 * 1024) {
  const meter = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (meter.pulled >= total) return controller.close();
      const n = Math.min(chunk, total - meter.pulled);
      meter.pulled += n;
      controller.enqueue(new Uint8Array(n).fill(0x61));
    },
    cancel() {
      meter.cancelled = true;
    },
  });
  return { stream, meter };
}

const streamed = (url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  new Request(url, { method: 'POST', body, headers, duplex: 'half' } as RequestInit & { duplex: 'half' });

describe('readBoundedBody', () => {
  it('returns the body when it fits', async () => {
    const body = await readBoundedBody(new Request('http://x/', { method: 'POST', body: 'hello' }), 5);
    expect(new TextDecoder().decode(body)).toBe('hello');
    expect(await readBoundedBody(new Request('http://x/'), 5)).toEqual(new Uint8Array(0));
  });

  it('stops reading a streamed body as soon as it passes the limit', async () => {
    const { stream, meter } = meteredStream(64 * MB);
    await expect(readBoundedBody(streamed('http://x/', stream), MB)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(meter.pulled).toBeLessThanOrEqual(MB + 2 * 64 * 1024);
    expect(meter.cancelled).toBe(true);
  });

  it('refuses a declared Content-Length over the limit without reading a byte', async () => {
    const { stream, meter } = meteredStream(64 * MB);
    const req = streamed('http://x/', stream, { 'content-length': String(64 * MB) });
    await expect(readBoundedBody(req, MB)).rejects.toThrow(/larger than 1048576 bytes/);
    expect(meter.pulled).toBeLessThanOrEqual(64 * 1024);
  });
});

describe('routes read bodies with a limit', () => {
  it('POST /api/projects with a body over API_MAX_BODY_BYTES: 413 before auth or JSON parsing', async () => {
    const body = JSON.stringify({ name: 'x', description: 'a'.repeat(API_MAX_BODY_BYTES) });
    const req = new NextRequest('http://127.0.0.1/api/projects', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    const res = await createProject(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'payload_too_large', message: expect.stringMatching(/larger than/) } });
  });

  it('the Stripe webhook with a correctly signed body over WEBHOOK_MAX_BODY_BYTES: 413 before signature verification', async () => {
    const payload = JSON.stringify({
      id: 'evt_oversized',
      object: 'event',
      type: 'orbit.unknown',
      created: 1,
      data: { object: { padding: 'a'.repeat(WEBHOOK_MAX_BODY_BYTES) } },
    });
    const req = new Request('http://127.0.0.1/api/webhooks/stripe', {
      method: 'POST',
      body: payload,
      headers: { 'stripe-signature': signPayload(payload) },
    });
    const res = await stripeWebhook(req);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'payload_too_large', message: expect.stringMatching(/larger than/) } });
  });

  it('the Stripe webhook stops reading an endless streamed body', async () => {
    const { stream, meter } = meteredStream(64 * MB);
    const res = await stripeWebhook(streamed('http://127.0.0.1/api/webhooks/stripe', stream, { 'stripe-signature': 't=1,v1=x' }));
    expect(res.status).toBe(413);
    expect(meter.pulled).toBeLessThanOrEqual(WEBHOOK_MAX_BODY_BYTES + 2 * 64 * 1024);
  });

  it("Better Auth's endpoints stop reading a streamed body past AUTH_MAX_BODY_BYTES, and still sign in below it", async () => {
    const { stream, meter } = meteredStream(64 * MB);
    const res = await betterAuth(streamed('http://127.0.0.1/api/auth/sign-in/email', stream, { 'content-type': 'application/json' }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    expect(meter.pulled).toBeLessThanOrEqual(AUTH_MAX_BODY_BYTES + 2 * 64 * 1024);
    const small = await betterAuth(
      new Request('http://127.0.0.1/api/auth/sign-in/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1', 'x-forwarded-for': '198.51.100.77' },
        body: JSON.stringify({ email: 'nobody@example.com', password: 'wrong-password' }),
      }),
    );
    expect(small.status).toBe(401);
  });
});
