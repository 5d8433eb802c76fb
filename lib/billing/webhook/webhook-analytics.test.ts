// What the billing webhook reports besides its answer: subscription.payment_failed for a failed renewal, and for a
// handler failure a Sentry event (the mutation wrapper's report, as for every route) plus webhook.failed and
// api.error — through real posthog-node and the real local collector (in-process) on the test's database. Sentry
// is replaced at its module edge and asserted exactly.
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@sentry/nextjs', async (importOriginal) => (await import('@/test-support/sentry')).sentryDouble(importOriginal));
const { sentryRecorder: sentry } = await import('@/test-support/sentry');

const { db } = await import('@/lib/db');
const { checkoutSessions, inboxEvents, subscriptions } = await import('@/lib/db/schema');
const { configureServerAnalytics, serverAnalytics } = await import('@/lib/analytics/server/client');
const { buildEvent, checkoutSessionObject } = await import('../events');
const { createWorkspaceWithOwner, postEvent, subscriptionOf } = await import('@/test-support/billing');

async function drain(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await serverAnalytics().flush();
    if (serverAnalytics().stats().queued === 0) return;
  }
}

const stored = (event: string, distinctId: string) =>
  db.select().from(inboxEvents).where(and(eq(inboxEvents.event, event), eq(inboxEvents.distinctId, distinctId)));

async function completedCheckout() {
  const owner = await createWorkspaceWithOwner();
  const [session] = await db
    .insert(checkoutSessions)
    .values({ workspaceId: owner.workspaceId, userId: owner.userId, plan: 'pro', provider: 'local' })
    .returning();
  const subscriptionId = `sub_${owner.workspaceId}`;
  const event = buildEvent(
    'checkout.session.completed',
    checkoutSessionObject({
      sessionId: session!.id,
      workspaceId: owner.workspaceId,
      userId: owner.userId,
      plan: 'pro',
      customerId: 'cus_test1',
      subscriptionId,
      origin: 'http://127.0.0.1:3000',
    }),
  );
  return { ...owner, event, subscriptionId };
}

beforeEach(() => {
  sentry.reset();
  configureServerAnalytics({ apiRequestSampleRate: 0 });
});

afterEach(async () => {
  await serverAnalytics().shutdown(500);
});

describe('billing webhook analytics', () => {
  it('invoice.payment_failed sends subscription.payment_failed to the buyer, once per delivery', async () => {
    const setup = await completedCheckout();
    expect((await postEvent(setup.event)).status).toBe(200);
    const invoice = {
      id: 'in_failed_1',
      object: 'invoice',
      customer: 'cus_test1',
      attempt_count: 2,
      parent: { type: 'subscription_details', subscription_details: { subscription: setup.subscriptionId } },
    };
    const failed = buildEvent('invoice.payment_failed', invoice);
    expect((await postEvent(failed)).status).toBe(200);
    // Stripe's redelivery of the same event id records nothing more.
    expect((await postEvent(failed)).body.outcome).toBe('duplicate');
    await drain();

    expect(await subscriptionOf(setup.workspaceId)).toMatchObject({ status: 'past_due' });
    const events = await stored('subscription.payment_failed', setup.userId);
    expect(events).toHaveLength(1);
    expect(events[0]!.properties).toMatchObject({
      plan: 'pro',
      provider: 'local',
      workspace_id: setup.workspaceId,
      subscription_id: setup.subscriptionId,
      attempt_count: 2,
      $groups: { workspace: setup.workspaceId },
    });
  });

  it('a failing handler answers 500 and reports to Sentry, webhook.failed and api.error', async () => {
    const setup = await completedCheckout();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const other = await createWorkspaceWithOwner();
    // The subscription id is taken: the upsert fails inside the handler's transaction.
    await db.insert(subscriptions).values({ workspaceId: other.workspaceId, plan: 'pro', provider: 'local', subscriptionId: setup.subscriptionId });

    const res = await postEvent(setup.event);
    await drain();
    errors.mockRestore();

    expect(res.status).toBe(500);
    expect(sentry.reports).toHaveLength(1);
    // The mutation wrapper's reporting point, as for every route: its mechanism and classification tags.
    expect(sentry.reports[0]!.tags).toMatchObject({
      'webhook.type': 'checkout.session.completed',
      'webhook.event_id': setup.event.id,
      mutation: 'billing.webhook',
      'error.category': expect.any(String),
      'error.severity': expect.any(String),
    });
    expect(sentry.reports[0]!.mechanism).toEqual({ type: 'orbit.mutation', handled: false });
    const workspaceEvents = await db.select().from(inboxEvents).where(eq(inboxEvents.event, 'webhook.failed'));
    expect(workspaceEvents.map((e) => e.properties)).toEqual([expect.objectContaining({ type: 'checkout.session.completed' })]);
    const apiErrors = await db.select().from(inboxEvents).where(eq(inboxEvents.event, 'api.error'));
    expect(apiErrors.map((e) => e.properties)).toEqual([
      expect.objectContaining({ operation: 'billing.webhook', endpoint: '/api/webhooks/stripe', code: 'internal', status: 500 }),
    ]);
    // The failure is not about a person: personless, never on the buyer.
    expect(workspaceEvents[0]!.properties).toMatchObject({ $process_person_profile: false });
  });
});
