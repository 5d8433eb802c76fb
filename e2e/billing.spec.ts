// Billing failures: a declined card changes nothing and says so; a failed renewal says so on the billing page.
import { createHmac, randomBytes } from 'node:crypto';
import { TEST_AUTH_SECRET } from './support/test-server';
import { CARDS, checkout, expect, signUpAndOnboard, test, uniqueName } from './fixtures';
import { telemetrySnapshot } from './support/telemetry-hook';

test('a declined card leaves the plan Free with a clear message', async ({ page, freshUser }) => {
  await signUpAndOnboard(page, freshUser, { workspace: uniqueName('Declined Co') });

  await checkout(page, { plan: 'Pro', card: CARDS.declined });
  await expect(page.getByText('Your card was declined.')).toBeVisible();
  await expect(page).toHaveURL(/\/checkout\//);

  await page.goto('/billing');
  await expect(page.getByTestId('current-plan')).toHaveText('Free');
});

/** A Stripe-format delivery signed as the local provider signs it (secret derived from the auth secret, lib/env.ts). */
function signedDelivery(event: Record<string, unknown>): { body: string; signature: string } {
  const secret = `whsec_local_${createHmac('sha256', TEST_AUTH_SECRET).update('orbit-local-webhook').digest('base64url')}`;
  const body = JSON.stringify(event);
  const t = Math.floor(Date.now() / 1000);
  return { body, signature: `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}` };
}

test('a failed renewal (invoice.payment_failed webhook) marks the plan past due and sends subscription.payment_failed', async ({ page, request, inbox, freshUser }) => {
  const since = new Date(Date.now() - 1_000).toISOString();
  await signUpAndOnboard(page, freshUser, { workspace: uniqueName('Renewal Co') });
  const buyer = await page.evaluate(telemetrySnapshot).then((t) => t?.userId ?? undefined);
  expect(buyer).toBeTruthy();
  await checkout(page, { plan: 'Pro', card: CARDS.success });
  await expect(page).toHaveURL(/\/billing/);
  const completed = await inbox.waitForEvent('checkout.completed', { distinctId: buyer!, since });
  const subscriptionId = completed.properties.subscription_id as string;

  const invoice = {
    id: `in_e2e_${randomBytes(6).toString('hex')}`,
    object: 'invoice',
    attempt_count: 1,
    parent: { type: 'subscription_details', subscription_details: { subscription: subscriptionId } },
  };
  const event = { id: `evt_e2e_${randomBytes(8).toString('hex')}`, object: 'event', type: 'invoice.payment_failed', created: Math.floor(Date.now() / 1000), data: { object: invoice } };
  const { body, signature } = signedDelivery(event);
  const res = await request.post('/api/webhooks/stripe', { data: body, headers: { 'content-type': 'application/json', 'stripe-signature': signature } });
  expect(res.status(), await res.text()).toBe(200);

  await page.goto('/billing');
  await expect(page.getByText('Your last payment failed.')).toBeVisible();
  const failed = await inbox.waitForEvent('subscription.payment_failed', { distinctId: buyer!, since });
  expect(failed.source).toBe('server');
  expect(failed.properties).toMatchObject({ plan: 'pro', provider: 'local', subscription_id: subscriptionId, attempt_count: 1 });
});
