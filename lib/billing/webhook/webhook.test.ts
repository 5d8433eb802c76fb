import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/webhooks/stripe/route';
import { db } from '@/lib/db';
import { checkoutSessions, subscriptions, webhookEvents } from '@/lib/db/schema';
import { addOneMonth, buildEvent, checkoutSessionObject, signPayload, subscriptionObject } from '../events';
import { createWorkspaceWithOwner, postEvent, subscriptionOf, webhookRequest } from '@/test-support/billing';
import { relevantEvents } from '.';

async function completedCheckout(plan: 'pro' | 'team' = 'pro') {
  const owner = await createWorkspaceWithOwner();
  const [session] = await db
    .insert(checkoutSessions)
    .values({ workspaceId: owner.workspaceId, userId: owner.userId, plan, provider: 'local' })
    .returning();
  const event = buildEvent(
    'checkout.session.completed',
    checkoutSessionObject({
      sessionId: session!.id,
      workspaceId: owner.workspaceId,
      userId: owner.userId,
      plan,
      customerId: 'cus_test1',
      subscriptionId: `sub_${owner.workspaceId}`,
      origin: 'http://127.0.0.1:3000',
    }),
  );
  return { ...owner, sessionId: session!.id, event, subscriptionId: `sub_${owner.workspaceId}` };
}

const timesRecorded = async (id: string) => (await db.select().from(webhookEvents).where(eq(webhookEvents.id, id))).length;

describe('POST /api/webhooks/stripe', () => {
  it('verifies a signed checkout.session.completed and moves the workspace to Pro', async () => {
    const { event, workspaceId, userId, sessionId, subscriptionId } = await completedCheckout('pro');
    expect(await subscriptionOf(workspaceId)).toBeNull();

    const res = await postEvent(event);

    expect(res).toEqual({ status: 200, body: { received: true, id: event.id, type: event.type, outcome: 'processed' } });
    expect(await subscriptionOf(workspaceId)).toMatchObject({
      plan: 'pro',
      status: 'active',
      provider: 'local',
      customerId: 'cus_test1',
      subscriptionId,
      purchasedBy: userId,
    });
    const [session] = await db.select().from(checkoutSessions).where(eq(checkoutSessions.id, sessionId));
    expect(session).toMatchObject({ status: 'complete' });
    expect(session!.completedAt).toBeInstanceOf(Date);
  });

  it('rejects a tampered body with 400 and changes nothing', async () => {
    const { event, workspaceId } = await completedCheckout('pro');
    const payload = JSON.stringify(event);
    const signature = signPayload(payload);
    const tampered = payload.replace('"plan":"pro"', '"plan":"team"');
    expect(tampered).not.toBe(payload);

    const res = await POST(webhookRequest(tampered, signature));

    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'invalid_signature', message: expect.any(String) } });
    expect(await subscriptionOf(workspaceId)).toBeNull();
    expect(await timesRecorded(event.id)).toBe(0);
  });

  it('rejects a signature made with another secret, and a malformed one', async () => {
    const { event, workspaceId } = await completedCheckout('pro');
    const payload = JSON.stringify(event);
    for (const signature of [signPayload(payload, 'whsec_someone_else'), 'garbage', `t=${Math.floor(Date.now() / 1000)},v1=00`]) {
      const res = await POST(webhookRequest(payload, signature));
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_signature');
    }
    expect(await subscriptionOf(workspaceId)).toBeNull();
  });

  it('rejects a signature older than the tolerance (replayed capture)', async () => {
    const { event, workspaceId } = await completedCheckout('pro');
    const payload = JSON.stringify(event);
    const { stripeWebhooks } = await import('../stripe-client');
    const { stripeWebhookSecret } = await import('@/lib/env');
    const old = stripeWebhooks.generateTestHeaderString({
      payload,
      secret: stripeWebhookSecret()!,
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    const res = await POST(webhookRequest(payload, old));
    expect(res.status).toBe(400);
    expect(await subscriptionOf(workspaceId)).toBeNull();
  });

  it('rejects a missing signature with 400', async () => {
    const { event, workspaceId } = await completedCheckout('pro');
    const res = await POST(webhookRequest(JSON.stringify(event), null));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'missing_signature', message: 'Missing Stripe-Signature header.' } });
    expect(await subscriptionOf(workspaceId)).toBeNull();
  });

  it('processes a replayed event id once', async () => {
    const { event, workspaceId } = await completedCheckout('pro');
    expect((await postEvent(event)).body.outcome).toBe('processed');
    const afterFirst = await subscriptionOf(workspaceId);

    // Someone changes the plan in between; replaying the old event must not undo it.
    await db.update(subscriptions).set({ plan: 'team' }).where(eq(subscriptions.workspaceId, workspaceId));
    const replay = await postEvent(event);

    expect(replay).toEqual({ status: 200, body: { received: true, id: event.id, type: event.type, outcome: 'duplicate' } });
    expect((await subscriptionOf(workspaceId))!.plan).toBe('team');
    expect((await subscriptionOf(workspaceId))!.updatedAt).toEqual(afterFirst!.updatedAt);
    expect(await timesRecorded(event.id)).toBe(1);
  });

  it('acknowledges and ignores event types it does not handle', async () => {
    const event = buildEvent('charge.succeeded', { id: 'ch_1', object: 'charge' });
    expect(relevantEvents.has('charge.succeeded')).toBe(false);
    expect(await postEvent(event)).toEqual({
      status: 200,
      body: { received: true, id: event.id, type: 'charge.succeeded', outcome: 'ignored' },
    });
    expect(await timesRecorded(event.id)).toBe(0);
  });

  it('answers 400 to a signed event whose object lacks what the handler needs, recording nothing', async () => {
    const { event, workspaceId } = await completedCheckout('pro');
    const broken = { ...event, data: { object: { ...event.data.object, metadata: { plan: 'pro' } } } };
    const res = await postEvent(broken);
    expect(res.status).toBe(400);
    expect((res.body.error as { code: string }).code).toBe('invalid_payload');
    expect(await subscriptionOf(workspaceId)).toBeNull();
    expect(await timesRecorded(event.id)).toBe(0);
  });

  it('answers 500 when a handler fails and leaves nothing half-written, so Stripe can retry', async () => {
    const { event, workspaceId, sessionId } = await completedCheckout('pro');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    // Violate the unique subscription_id: the subscription upsert fails after the event id was inserted.
    const other = await createWorkspaceWithOwner();
    await db.insert(subscriptions).values({
      workspaceId: other.workspaceId,
      plan: 'pro',
      provider: 'local',
      subscriptionId: event.data.object.subscription,
    });

    const res = await postEvent(event);

    expect(res.status).toBe(500);
    expect((res.body.error as { code: string }).code).toBe('internal');
    expect(await subscriptionOf(workspaceId)).toBeNull();
    expect(await timesRecorded(event.id)).toBe(0);
    const [session] = await db.select().from(checkoutSessions).where(eq(checkoutSessions.id, sessionId));
    expect(session!.status).toBe('open');
    errors.mockRestore();

    // Once the cause is gone, Stripe's retry of the same event succeeds.
    await db.delete(subscriptions).where(eq(subscriptions.workspaceId, other.workspaceId));
    expect((await postEvent(event)).body.outcome).toBe('processed');
    expect((await subscriptionOf(workspaceId))!.plan).toBe('pro');
  });
});

describe('event handlers', () => {
  async function proSubscriber() {
    const setup = await completedCheckout('pro');
    await postEvent(setup.event);
    const periodStart = new Date('2030-01-10T00:00:00Z');
    const base = {
      subscriptionId: setup.subscriptionId,
      customerId: 'cus_test1',
      workspaceId: setup.workspaceId,
      userId: setup.userId,
      periodStart,
      periodEnd: addOneMonth(periodStart),
    };
    return { ...setup, base };
  }

  it('customer.subscription.created sets the renewal date', async () => {
    const { base, workspaceId } = await proSubscriber();
    const res = await postEvent(buildEvent('customer.subscription.created', subscriptionObject({ ...base, plan: 'pro', status: 'active' })));
    expect(res.status).toBe(200);
    expect((await subscriptionOf(workspaceId))!.currentPeriodEnd).toEqual(new Date('2030-02-10T00:00:00Z'));
  });

  it('customer.subscription.updated switches the plan by price id', async () => {
    const { base, workspaceId } = await proSubscriber();
    const updated = subscriptionObject({ ...base, plan: 'team', status: 'active' });
    // The price decides, not the metadata (Stripe's portal changes the price and leaves metadata alone).
    updated.metadata.plan = 'pro';
    expect((await postEvent(buildEvent('customer.subscription.updated', updated))).status).toBe(200);
    expect(await subscriptionOf(workspaceId)).toMatchObject({ plan: 'team', status: 'active' });
  });

  it('customer.subscription.updated rejects an unknown price without metadata', async () => {
    const { base, workspaceId } = await proSubscriber();
    const updated = subscriptionObject({ ...base, plan: 'team', status: 'active' });
    updated.items.data[0]!.price.id = 'price_unknown';
    const { plan: _plan, ...metadata } = updated.metadata;
    const res = await postEvent(buildEvent('customer.subscription.updated', { ...updated, metadata }));
    expect(res.status).toBe(400);
    expect((await subscriptionOf(workspaceId))!.plan).toBe('pro');
  });

  it('customer.subscription.deleted returns the workspace to Free', async () => {
    const { base, workspaceId } = await proSubscriber();
    const res = await postEvent(buildEvent('customer.subscription.deleted', subscriptionObject({ ...base, plan: 'pro', status: 'canceled' })));
    expect(res.status).toBe(200);
    expect(await subscriptionOf(workspaceId)).toMatchObject({ plan: 'free', status: 'canceled' });
  });

  it('customer.subscription.deleted for an older subscription leaves the current one alone', async () => {
    const { base, workspaceId } = await proSubscriber();
    const res = await postEvent(
      buildEvent('customer.subscription.deleted', subscriptionObject({ ...base, subscriptionId: 'sub_old', plan: 'pro', status: 'canceled' })),
    );
    expect(res.status).toBe(200);
    expect(await subscriptionOf(workspaceId)).toMatchObject({ plan: 'pro', status: 'active' });
  });

  it('applies events by their creation time, not arrival: an older update after a newer cancel changes nothing', async () => {
    const { base, workspaceId } = await proSubscriber();
    const later = buildEvent('customer.subscription.deleted', subscriptionObject({ ...base, plan: 'pro', status: 'canceled' }));
    const earlier = buildEvent('customer.subscription.updated', subscriptionObject({ ...base, plan: 'team', status: 'active' }));
    earlier.created = later.created - 60;
    expect((await postEvent(later)).status).toBe(200);
    expect((await postEvent(earlier)).status).toBe(200);
    expect(await subscriptionOf(workspaceId)).toMatchObject({ plan: 'free', status: 'canceled' });

    // An older payment failure must not mark a newer, healthy state past due either.
    const again = await proSubscriber();
    const renewed = buildEvent('customer.subscription.updated', subscriptionObject({ ...again.base, plan: 'pro', status: 'active' }));
    const staleFailure = buildEvent('invoice.payment_failed', { id: 'in_old', customer: 'cus_test1', subscription: again.subscriptionId });
    staleFailure.created = renewed.created - 60;
    await postEvent(renewed);
    await postEvent(staleFailure);
    expect(await subscriptionOf(again.workspaceId)).toMatchObject({ plan: 'pro', status: 'active' });
  });

  it('invoice.payment_failed marks the subscription past due (new and old invoice shapes)', async () => {
    const { workspaceId, subscriptionId } = await proSubscriber();
    const invoice = {
      id: 'in_1',
      object: 'invoice',
      customer: 'cus_test1',
      status: 'open',
      parent: { type: 'subscription_details', subscription_details: { subscription: subscriptionId } },
    };
    expect((await postEvent(buildEvent('invoice.payment_failed', invoice))).status).toBe(200);
    expect(await subscriptionOf(workspaceId)).toMatchObject({ plan: 'pro', status: 'past_due' });

    const second = await proSubscriber();
    const legacy = { id: 'in_2', object: 'invoice', customer: 'cus_test1', subscription: second.subscriptionId };
    expect((await postEvent(buildEvent('invoice.payment_failed', legacy))).status).toBe(200);
    expect(await subscriptionOf(second.workspaceId)).toMatchObject({ status: 'past_due' });
  });

  it('a deletion that arrives before its checkout is remembered: the late checkout does not grant the plan', async () => {
    const { event: checkout, workspaceId, userId, sessionId, subscriptionId } = await completedCheckout('pro');
    const periodStart = new Date();
    const base = { subscriptionId, customerId: 'cus_test1', workspaceId, userId, periodStart, periodEnd: addOneMonth(periodStart) };
    const deleted = buildEvent('customer.subscription.deleted', subscriptionObject({ ...base, plan: 'pro', status: 'canceled' }));
    // Stripe created the checkout event first; the deletion is delivered first.
    checkout.created = deleted.created - 30;

    expect((await postEvent(deleted)).status).toBe(200);
    expect((await postEvent(checkout)).body.outcome).toBe('processed');

    expect((await subscriptionOf(workspaceId))?.plan ?? 'free').toBe('free');
    // The checkout itself did complete (the buyer paid); only the plan is withheld.
    const [session] = await db.select().from(checkoutSessions).where(eq(checkoutSessions.id, sessionId));
    expect(session).toMatchObject({ status: 'complete' });

    // An older subscription.updated of the same subscription arriving even later does not revive it either.
    const update = buildEvent('customer.subscription.updated', subscriptionObject({ ...base, plan: 'team', status: 'active' }));
    update.created = deleted.created - 10;
    expect((await postEvent(update)).status).toBe(200);
    expect((await subscriptionOf(workspaceId))?.plan ?? 'free').toBe('free');

    // A new subscription of the same workspace is not affected by the old one's tombstone.
    const fresh = buildEvent(
      'checkout.session.completed',
      checkoutSessionObject({ sessionId, workspaceId, userId, plan: 'pro', customerId: 'cus_test1', subscriptionId: `${subscriptionId}_2`, origin: 'http://127.0.0.1:3000' }),
    );
    expect((await postEvent(fresh)).status).toBe(200);
    expect(await subscriptionOf(workspaceId)).toMatchObject({ plan: 'pro', status: 'active', subscriptionId: `${subscriptionId}_2` });
  });

  it('an event about a subscription Orbit does not know is acknowledged without effect', async () => {
    const before = await db.select().from(subscriptions);
    const res = await postEvent(buildEvent('invoice.payment_failed', { id: 'in_x', customer: 'cus_nobody', subscription: 'sub_nobody' }));
    expect(res.status).toBe(200);
    expect(await db.select().from(subscriptions)).toEqual(before);
  });
});
