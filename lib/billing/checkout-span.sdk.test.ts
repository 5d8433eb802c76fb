// A successful payment is a success in Sentry: the real sentry.server.config.ts (its sampler, hooks and transport)
// records the request, the real payCheckoutAction pays a local checkout (its signed webhook delivered over HTTP to
// the real route handler on loopback), and the test reads the status of the `checkout.pay` span as the SDK ended it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as Sentry from '@sentry/nextjs';
import { spanToJSON } from '@sentry/core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => undefined, delete: () => undefined, has: () => false }),
}));

const { auth } = await import('@/lib/auth/config');
const { createFirstWorkspace } = await import('@/lib/onboarding/state');
const { db } = await import('@/lib/db');
const { checkoutSessions, subscriptions } = await import('@/lib/db/schema');
const { startCheckout } = await import('./checkout');
const { localProvider } = await import('./providers/local');
const { payCheckoutAction } = await import('./actions');
const webhook = await import('@/app/api/webhooks/stripe/route');

type EndedSpan = { name: string; op: unknown; status: string; message: unknown };
const ended: EndedSpan[] = [];
let server: http.Server;
let previousOrigin: string | undefined;

beforeAll(async () => {
  await import('@/sentry.server.config');
  Sentry.getClient()!.on('spanEnd', (span) => {
    // What the SDK streams to Sentry for this span (traceLifecycle 'stream'): its name, op and status.
    const json = spanToJSON(span);
    ended.push({ name: json.name, op: json.attributes?.['sentry.op'], status: json.status, message: json.attributes?.['sentry.status.message'] });
  });
  // Orbit's own webhook route, where the local provider delivers the signed events (lib/billing/deliver.ts).
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const answer = await webhook.POST(
        new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) }),
      );
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(await answer.text());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  previousOrigin = process.env.__NEXT_PRIVATE_ORIGIN;
  process.env.__NEXT_PRIVATE_ORIGIN = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (previousOrigin === undefined) delete process.env.__NEXT_PRIVATE_ORIGIN;
  else process.env.__NEXT_PRIVATE_ORIGIN = previousOrigin;
  await new Promise((resolve) => server.close(resolve));
  await Sentry.close(2_000);
});

const expiry = `08 / ${String((new Date().getFullYear() + 2) % 100).padStart(2, '0')}`;
const redirectOf = (error: unknown) => /^NEXT_REDIRECT;[^;]*;([^;]*);/.exec(String((error as { digest?: unknown } | null)?.digest ?? ''))?.[1];

describe('a successful checkout in Sentry', () => {
  it('pays, redirects to /billing, and the checkout.pay span ends ok', async () => {
    const email = `span-${Date.now()}@example.test`;
    const { headers, response } = await auth.api.signUpEmail({ body: { name: 'Ada Buyer', email, password: 'correct horse battery' }, returnHeaders: true });
    const token = /orbit\.session_token=([^;]+)/.exec(headers.get('set-cookie') ?? '')?.[1];
    expect(token).toMatch(/\S/);
    const workspace = await createFirstWorkspace(response.user.id, 'Span workspace');
    const { sessionId } = await startCheckout({
      userId: response.user.id,
      workspace: { id: workspace.id, role: 'owner', plan: 'free' },
      plan: 'pro',
      origin: 'http://localhost:3000',
      provider: localProvider,
    });
    request.headers = new Headers({ cookie: `orbit.session_token=${token}`, host: 'localhost:3000', 'x-forwarded-for': '10.6.0.1' });

    // The request's root span, as Next opens it for the action's POST.
    const thrown = await Sentry.startSpan({ name: `POST /checkout/${sessionId}`, op: 'http.server', forceTransaction: true }, async () => {
      try {
        const result = await payCheckoutAction(null, { sessionId, cardNumber: '4242 4242 4242 4242', expiry, cvc: '123', name: 'Ada Buyer' });
        return { result };
      } catch (error) {
        return { error };
      }
    });

    expect('result' in thrown ? thrown.result : undefined, 'a successful payment redirects').toBeUndefined();
    expect(redirectOf(thrown.error)).toBe('/billing?checkout=success');
    const [session] = await db.select().from(checkoutSessions).where(eq(checkoutSessions.id, sessionId));
    expect(session!.status).toBe('complete');
    const [subscription] = await db.select().from(subscriptions).where(eq(subscriptions.workspaceId, workspace.id));
    expect(subscription!.plan).toBe('pro');
    const pay = ended.filter((s) => s.name === 'checkout.pay');
    expect(pay).toEqual([{ name: 'checkout.pay', op: 'flow.checkout', status: 'ok', message: undefined }]);
  });
});
