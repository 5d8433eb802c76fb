import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/webhooks/stripe/route';
import { db } from '@/lib/db';
import { checkoutSessions } from '@/lib/db/schema';
import { stripeWebhookSecret } from '@/lib/env';
import { cardPaymentInput } from './card';
import { startCheckout } from './checkout';
import { httpDelivery } from './deliver';
import { addOneMonth, buildEvent, subscriptionObject } from './events';
import { payLocalCheckout } from './local-checkout';
import { cancelLocalSubscription, changeLocalPlan } from './portal';
import { localProvider } from './providers/local';
import { stripeWebhooks } from './stripe-client';
import { createWorkspaceWithOwner, recordingDelivery, subscriptionOf } from '@/test-support/billing';

const ORIGIN = 'http://127.0.0.1:3999';
const expiry = `08 / ${String((new Date().getFullYear() + 2) % 100).padStart(2, '0')}`;
const card = (number: string) =>
  cardPaymentInput.parse({ sessionId: 'x', cardNumber: number, expiry, cvc: '123', name: 'Ada Buyer' }).card;

async function openSession(plan: 'pro' | 'team' = 'pro') {
  const owner = await createWorkspaceWithOwner();
  const { url, sessionId } = await startCheckout({
    userId: owner.userId,
    workspace: { id: owner.workspaceId, role: 'owner', plan: 'free' },
    plan,
    origin: ORIGIN,
    provider: localProvider,
  });
  return { ...owner, url, sessionId };
}

const statusOf = async (id: string) =>
  (await db.select().from(checkoutSessions).where(eq(checkoutSessions.id, id)))[0]!;

describe('local checkout', () => {
  it('creates an open checkout session and points at Orbit’s hosted page', async () => {
    const { url, sessionId, workspaceId, userId } = await openSession('team');
    expect(url).toBe(`/checkout/${sessionId}`);
    expect(await statusOf(sessionId)).toMatchObject({ workspaceId, userId, plan: 'team', provider: 'local', status: 'open' });
  });

  it('refuses checkout to members who are not owners or admins, and for the plan already held', async () => {
    const member = await createWorkspaceWithOwner('member');
    const attempt = (role: 'member' | 'owner', plan: 'free' | 'pro') =>
      startCheckout({ userId: member.userId, workspace: { id: member.workspaceId, role, plan }, plan: 'pro', origin: ORIGIN, provider: localProvider });
    await expect(attempt('member', 'free')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(attempt('owner', 'pro')).rejects.toMatchObject({ code: 'conflict' });
  });

  it('4242… pays: a signed checkout.session.completed of Stripe’s shape reaches the webhook and the plan becomes Pro', async () => {
    const { sessionId, workspaceId, userId } = await openSession('pro');
    const deliver = recordingDelivery();

    await payLocalCheckout({ sessionId, card: card('4242 4242 4242 4242'), userId, workspaceId, origin: ORIGIN, deliver });

    expect(deliver.sent.map((s) => [s.event.type, s.status])).toEqual([
      ['checkout.session.completed', 200],
      ['customer.subscription.created', 200],
    ]);
    const completed = deliver.sent[0]!.event;
    expect(completed).toMatchObject({ object: 'event', api_version: expect.any(String), livemode: false });
    expect(completed.id).toMatch(/^evt_/);
    expect(completed.data.object).toMatchObject({
      id: sessionId,
      object: 'checkout.session',
      mode: 'subscription',
      customer: expect.stringMatching(/^cus_/),
      subscription: expect.stringMatching(/^sub_/),
      client_reference_id: workspaceId,
      metadata: { workspaceId, userId, plan: 'pro' },
      payment_status: 'paid',
      status: 'complete',
      amount_total: 1200,
      currency: 'usd',
    });
    const sub = await subscriptionOf(workspaceId);
    expect(sub).toMatchObject({ plan: 'pro', status: 'active', provider: 'local', purchasedBy: userId });
    expect(sub!.currentPeriodEnd!.getTime()).toBeGreaterThan(Date.now() + 27 * 86_400_000);
    expect((await statusOf(sessionId)).status).toBe('complete');

    // Paying the same session again is refused: it is already paid.
    await expect(
      payLocalCheckout({ sessionId, card: card('4242424242424242'), userId, workspaceId, origin: ORIGIN, deliver }),
    ).rejects.toMatchObject({ code: 'conflict', message: 'This checkout has already been paid.' });
    expect(deliver.sent).toHaveLength(2);
  });

  it('4000…0002 is declined: no event, session failed, plan stays Free; a retry with 4242 then succeeds', async () => {
    const { sessionId, workspaceId, userId } = await openSession('pro');
    const deliver = recordingDelivery();

    await expect(
      payLocalCheckout({ sessionId, card: card('4000 0000 0000 0002'), userId, workspaceId, origin: ORIGIN, deliver }),
    ).rejects.toMatchObject({ code: 'payment_failed', message: 'Your card was declined.' });
    expect(deliver.sent).toHaveLength(0);
    expect(await statusOf(sessionId)).toMatchObject({ status: 'failed', failureReason: 'generic_decline' });
    expect(await subscriptionOf(workspaceId)).toBeNull();

    await expect(
      payLocalCheckout({ sessionId, card: card('4000000000009995'), userId, workspaceId, origin: ORIGIN, deliver }),
    ).rejects.toMatchObject({ message: 'Your card has insufficient funds.' });

    await payLocalCheckout({ sessionId, card: card('4242424242424242'), userId, workspaceId, origin: ORIGIN, deliver });
    expect((await subscriptionOf(workspaceId))!.plan).toBe('pro');
  });

  it('a delivery that times out after the webhook applied the event still counts as paid', async () => {
    const { sessionId, workspaceId, userId } = await openSession('pro');
    const inner = recordingDelivery();
    const slow = async (event: Parameters<typeof inner>[0]) => {
      await inner(event);
      throw new Error('The operation was aborted due to timeout');
    };
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    await payLocalCheckout({ sessionId, card: card('4242424242424242'), userId, workspaceId, origin: ORIGIN, deliver: slow });
    errors.mockRestore();
    expect((await subscriptionOf(workspaceId))!.plan).toBe('pro');
  });

  it('one subscription per workspace: Pro and Team started while on Free, both paid → the Team checkout replaced the Pro one, which is refused', async () => {
    const { sessionId: pro, workspaceId, userId } = await openSession('pro');
    const { sessionId: team } = await startCheckout({
      userId,
      workspace: { id: workspaceId, role: 'owner', plan: 'free' },
      plan: 'team',
      origin: ORIGIN,
      provider: localProvider,
    });
    const deliver = recordingDelivery();

    await expect(payLocalCheckout({ sessionId: pro, card: card('4242424242424242'), userId, workspaceId, origin: ORIGIN, deliver })).rejects.toMatchObject({
      code: 'conflict',
      message: 'This checkout has expired. Start a new one from the billing page.',
    });
    await payLocalCheckout({ sessionId: team, card: card('4242424242424242'), userId, workspaceId, origin: ORIGIN, deliver });

    expect(deliver.sent.map((s) => s.event.type)).toEqual(['checkout.session.completed', 'customer.subscription.created']);
    expect(await subscriptionOf(workspaceId)).toMatchObject({ plan: 'team', status: 'active' });
    expect([(await statusOf(pro)).status, (await statusOf(team)).status]).toEqual(['expired', 'complete']);
  });

  it('a workspace that holds a subscription pays no second one, however the checkout was opened', async () => {
    const { sessionId, workspaceId, userId } = await openSession('pro');
    // A subscription arrives another way (the provider's dashboard, or a checkout paid a moment earlier).
    const deliver = recordingDelivery();
    const now = new Date();
    await deliver(
      buildEvent(
        'customer.subscription.created',
        subscriptionObject({ subscriptionId: 'sub_elsewhere', customerId: 'cus_elsewhere', workspaceId, userId, plan: 'team', status: 'active', periodStart: now, periodEnd: addOneMonth(now) }),
      ),
    );
    expect(await subscriptionOf(workspaceId)).toMatchObject({ plan: 'team', status: 'active' });

    await expect(payLocalCheckout({ sessionId, card: card('4242424242424242'), userId, workspaceId, origin: ORIGIN, deliver })).rejects.toMatchObject({ code: 'conflict' });
    // A caller who still believes the workspace is on Free cannot open another checkout either.
    await expect(
      startCheckout({ userId, workspace: { id: workspaceId, role: 'owner', plan: 'free' }, plan: 'pro', origin: ORIGIN, provider: localProvider }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(deliver.sent).toHaveLength(1);
    expect(await subscriptionOf(workspaceId)).toMatchObject({ plan: 'team', subscriptionId: 'sub_elsewhere' });
  });

  it("only the session's own user in its own workspace may pay it", async () => {
    const { sessionId } = await openSession('pro');
    const stranger = await createWorkspaceWithOwner();
    const deliver = recordingDelivery();
    await expect(
      payLocalCheckout({ sessionId, card: card('4242424242424242'), userId: stranger.userId, workspaceId: stranger.workspaceId, origin: ORIGIN, deliver }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(deliver.sent).toHaveLength(0);
  });

  it('the local portal switches Pro → Team and cancels through signed subscription events', async () => {
    const { sessionId, workspaceId, userId } = await openSession('pro');
    const deliver = recordingDelivery();
    await payLocalCheckout({ sessionId, card: card('4242424242424242'), userId, workspaceId, origin: ORIGIN, deliver });

    await changeLocalPlan({ userId, workspaceId, role: 'owner', plan: 'team', deliver });
    const updated = deliver.sent.at(-1)!.event;
    expect(updated.type).toBe('customer.subscription.updated');
    expect(updated.data.previous_attributes).toHaveProperty('items');
    expect(await subscriptionOf(workspaceId)).toMatchObject({ plan: 'team', status: 'active' });

    await expect(changeLocalPlan({ userId, workspaceId, role: 'owner', plan: 'team', deliver })).rejects.toMatchObject({ code: 'conflict' });

    await cancelLocalSubscription({ userId, workspaceId, role: 'owner', deliver });
    expect(deliver.sent.at(-1)!.event.type).toBe('customer.subscription.deleted');
    expect(await subscriptionOf(workspaceId)).toMatchObject({ plan: 'free', status: 'canceled' });
    await expect(cancelLocalSubscription({ userId, workspaceId, role: 'owner', deliver })).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('httpDelivery (the production path)', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  it('POSTs the event over HTTP with a Stripe-Signature that verifies against the webhook secret', async () => {
    const received: { method?: string; url?: string; signature?: string; body: string }[] = [];
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        received.push({ method: req.method, url: req.url, signature: req.headers['stripe-signature'] as string, body });
        // Hand the real request to the route handler, as Next would.
        const response = await POST(
          new Request(`http://127.0.0.1${req.url}`, { method: 'POST', headers: req.headers as Record<string, string>, body }),
        );
        res.writeHead(response.status, { 'content-type': 'application/json' }).end(await response.text());
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const { sessionId, workspaceId, userId } = await openSession('team');
    await payLocalCheckout({ sessionId, card: card('5555 5555 5555 4444'), userId, workspaceId, origin, deliver: httpDelivery(origin) });

    expect(received).toHaveLength(2);
    for (const r of received) {
      expect(r).toMatchObject({ method: 'POST', url: '/api/webhooks/stripe', signature: expect.stringMatching(/^t=\d+,v1=[0-9a-f]{64}$/) });
      const event = stripeWebhooks.constructEvent(r.body, r.signature!, stripeWebhookSecret()!);
      expect(event.id).toMatch(/^evt_/);
    }
    expect((await subscriptionOf(workspaceId))!.plan).toBe('team');
  });

  it('throws when the webhook does not answer 2xx', async () => {
    server = createServer((_req, res) => res.writeHead(500).end());
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { sessionId, workspaceId, userId } = await openSession('pro');
    await expect(
      payLocalCheckout({ sessionId, card: card('4242424242424242'), userId, workspaceId, origin, deliver: httpDelivery(origin) }),
    ).rejects.toThrow(/HTTP 500/);
    expect(await subscriptionOf(workspaceId)).toBeNull();
  });
});
