import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '@/lib/db';
import { checkoutSessions } from '@/lib/db/schema';
import { startCheckout } from '../checkout';
import { createWorkspaceWithOwner } from '@/test-support/billing';
import { createStripeProvider } from './stripe';

// A local stand-in for api.stripe.com: records each request and answers like Stripe does.
type Recorded = { method: string; path: string; auth: string | undefined; form: URLSearchParams };
let server: Server;
let port = 0;
const requests: Recorded[] = [];
// Checkout Sessions as Stripe keeps them: ids handed out in order, each open until expired or paid.
let nextSession = 123;
const sessions = new Map<string, 'open' | 'complete' | 'expired'>();

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const form = new URLSearchParams(await readBody(req));
    const path = req.url ?? '';
    requests.push({ method: req.method ?? '', path, auth: req.headers.authorization, form });
    res.setHeader('content-type', 'application/json');
    const expire = /^\/v1\/checkout\/sessions\/([\w]+)\/expire$/.exec(path)?.[1];
    const retrieve = /^\/v1\/checkout\/sessions\/([\w]+)$/.exec(path)?.[1];
    if (path === '/v1/checkout/sessions') {
      const id = `cs_test_${nextSession++}`;
      sessions.set(id, 'open');
      res.end(JSON.stringify({ id, object: 'checkout.session', status: 'open', url: `https://checkout.stripe.com/c/pay/${id}` }));
    } else if (expire && sessions.get(expire) === 'open') {
      sessions.set(expire, 'expired');
      res.end(JSON.stringify({ id: expire, object: 'checkout.session', status: 'expired' }));
    } else if (expire && sessions.has(expire)) {
      res.statusCode = 400;
      res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'Only Checkout Sessions with a status in ["open"] can be expired.' } }));
    } else if (retrieve && req.method === 'GET' && sessions.has(retrieve)) {
      res.end(JSON.stringify({ id: retrieve, object: 'checkout.session', status: sessions.get(retrieve) }));
    } else if (path === '/v1/billing_portal/sessions') {
      res.end(JSON.stringify({ id: 'bps_123', object: 'billing_portal.session', url: 'https://billing.stripe.com/p/session/test_123' }));
    } else {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'Unrecognized request URL' } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
});

beforeEach(() => {
  requests.length = 0;
  nextSession = 123;
  sessions.clear();
});

const provider = () =>
  createStripeProvider({
    stripe: new Stripe('sk_test_orbit', { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 }),
    prices: { pro: 'price_pro_123', team: 'price_team_456' },
  });

describe('stripe provider', () => {
  it('creates a subscription Checkout Session with the plan price, workspace reference and metadata', async () => {
    const result = await provider().createCheckout({
      sessionId: 'cs_local_abc',
      workspaceId: 'ws_1',
      userId: 'usr_1',
      plan: 'team',
      customerId: null,
      origin: 'https://orbit.example',
    });

    expect(result).toEqual({ url: 'https://checkout.stripe.com/c/pay/cs_test_123', externalId: 'cs_test_123' });
    expect(requests).toHaveLength(1);
    const [req] = requests;
    expect(req!.method).toBe('POST');
    expect(req!.path).toBe('/v1/checkout/sessions');
    expect(req!.auth).toBe('Bearer sk_test_orbit');
    expect(Object.fromEntries(req!.form)).toEqual({
      mode: 'subscription',
      'line_items[0][price]': 'price_team_456',
      'line_items[0][quantity]': '1',
      success_url: 'https://orbit.example/billing?checkout=success',
      cancel_url: 'https://orbit.example/billing?checkout=canceled',
      client_reference_id: 'ws_1',
      'metadata[workspaceId]': 'ws_1',
      'metadata[userId]': 'usr_1',
      'metadata[plan]': 'team',
      'subscription_data[metadata][workspaceId]': 'ws_1',
      'subscription_data[metadata][userId]': 'usr_1',
      'subscription_data[metadata][plan]': 'team',
    });
  });

  it('reuses an existing customer', async () => {
    await provider().createCheckout({
      sessionId: 'cs_local_abc',
      workspaceId: 'ws_1',
      userId: 'usr_1',
      plan: 'pro',
      customerId: 'cus_42',
      origin: 'https://orbit.example',
    });
    expect(requests[0]!.form.get('customer')).toBe('cus_42');
    expect(requests[0]!.form.get('line_items[0][price]')).toBe('price_pro_123');
  });

  it('expires an open Checkout Session; one Stripe already completed or expired is reported as such', async () => {
    const stripe = provider();
    const { externalId } = await stripe.createCheckout({ sessionId: 'cs_local_1', workspaceId: 'ws_1', userId: 'usr_1', plan: 'pro', customerId: null, origin: 'https://orbit.example' });
    expect(await stripe.expireCheckout(externalId!)).toBe('expired');
    expect(requests.at(-1)).toMatchObject({ method: 'POST', path: `/v1/checkout/sessions/${externalId}/expire` });
    expect(await stripe.expireCheckout(externalId!)).toBe('expired');
    sessions.set('cs_test_paid', 'complete');
    expect(await stripe.expireCheckout('cs_test_paid')).toBe('complete');
    expect(requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/checkout/sessions/cs_test_paid' });
  });

  it('one subscription per workspace: a second checkout expires the first at Stripe, and is refused when the first was paid', async () => {
    const owner = await createWorkspaceWithOwner();
    const start = (plan: 'pro' | 'team') =>
      startCheckout({ userId: owner.userId, workspace: { id: owner.workspaceId, role: 'owner', plan: 'free' }, plan, origin: 'https://orbit.example', provider: provider() });

    const pro = await start('pro');
    const team = await start('team');
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/checkout/sessions',
      'POST /v1/checkout/sessions/cs_test_123/expire',
      'POST /v1/checkout/sessions',
    ]);
    expect([sessions.get('cs_test_123'), sessions.get('cs_test_124')]).toEqual(['expired', 'open']);
    const rows = await db.select().from(checkoutSessions).where(eq(checkoutSessions.workspaceId, owner.workspaceId));
    expect(Object.fromEntries(rows.map((r) => [r.id, [r.externalId, r.status]]))).toEqual({
      [pro.sessionId]: ['cs_test_123', 'expired'],
      [team.sessionId]: ['cs_test_124', 'open'],
    });

    // The Team checkout is paid at Stripe before its webhook arrives; a Pro checkout started now must not be.
    sessions.set('cs_test_124', 'complete');
    requests.length = 0;
    await expect(start('pro')).rejects.toMatchObject({ code: 'conflict' });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/checkout/sessions/cs_test_124/expire', 'GET /v1/checkout/sessions/cs_test_124']);
  });

  it('opens a customer portal session returning to /billing', async () => {
    const result = await provider().createPortal({ workspaceId: 'ws_1', customerId: 'cus_42', origin: 'https://orbit.example' });
    expect(result).toEqual({ url: 'https://billing.stripe.com/p/session/test_123' });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.path).toBe('/v1/billing_portal/sessions');
    expect(Object.fromEntries(requests[0]!.form)).toEqual({ customer: 'cus_42', return_url: 'https://orbit.example/billing' });
  });
});
