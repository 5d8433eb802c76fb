// Server-side analytics against the production build and the local collector: what posthog-node really sent.
// An anonymous visitor's server events and browser events share one distinct id; after sign-up the server uses
// the user id and the anonymous person is merged into the user; the webhook's checkout.completed lands on the buyer.
import type { BrowserContext } from '@playwright/test';
import { CARDS, checkout, completeOnboarding, expect, signUp, test, uniqueName } from './fixtures';
import type { InboxEventRow } from '@/lib/inbox/rows';
import { browserDistinctId } from './inbox';

const COOKIE = 'ph_phc_orbit_local_posthog';

/**
 * Gives the browser a known anonymous PostHog identity: posthog-js's own persistence cookie, which the SDK keeps
 * and the server reads (the same as a returning visitor's).
 */
async function withPosthogCookie(context: BrowserContext, baseURL: string, distinctId: string, sessionId: string): Promise<void> {
  const now = Date.now();
  const value = encodeURIComponent(JSON.stringify({ distinct_id: distinctId, $sesid: [now, sessionId, now] }));
  await context.addCookies([{ name: COOKIE, value, url: baseURL }]);
}

test('an anonymous visitor: server and browser events on one id; after sign-up the server uses the user id, merged', async ({
  page,
  context,
  baseURL,
  inbox,
  identity,
  freshUser,
}) => {
  const sessionId = `sess-${identity.distinctId.slice(4)}`;
  await withPosthogCookie(context, baseURL!, identity.distinctId, sessionId);
  let anonId = identity.distinctId;

  await test.step('a failed log-in is an anonymous server event (api.error) on the browser id', async () => {
    await page.goto('/login');
    // With the browser SDK loaded, its id is the one in its cookie: the id we gave it.
    anonId = (await browserDistinctId(context)) ?? identity.distinctId;
    expect(anonId).toBe(identity.distinctId);
    await page.getByLabel('Email', { exact: true }).fill(`nobody-${identity.distinctId}@example.com`);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    const error = await inbox.waitForEvent('api.error', {
      distinctId: anonId,
      since: identity.since,
      properties: { operation: 'auth.log_in', code: 'unauthorized', status: 401 },
    });
    expect(error.distinct_id).toBe(anonId);
    expect(error.source).toBe('server');
    expect(error.properties.$session_id).toBeTruthy();
    // No proxy in front of the test server (TRUSTED_PROXY_HOPS=0): the address is the socket's (lib/server/peer-address.ts).
    expect(error.properties.ip_hash).toMatch(/^[0-9a-f]{16}$/);
  });

  await test.step('browser events of the same visitor carry the same distinct id', async () => {
    const web = await inbox.waitForEvent('$pageview', { distinctId: anonId, since: identity.since });
    expect(web.source).toBe('web');
    expect(web.distinct_id).toBe(anonId);
  });

  let userId = '';
  await test.step('sign-up: auth.signed_up on the user id, the anonymous person merged into the user', async () => {
    await signUp(page, freshUser);
    const signedUp = await inbox.waitForEvent('auth.signed_up', { distinctId: anonId, since: identity.since });
    userId = signedUp.distinct_id;
    expect(userId).not.toBe(anonId);
    expect(signedUp.source).toBe('server');
    expect(signedUp.properties).toMatchObject({ method: 'email', user_id: userId });
    const person = await inbox.person(anonId);
    expect(person?.distinct_ids).toEqual(expect.arrayContaining([anonId, userId]));
    expect(person?.properties).toMatchObject({ email_domain: 'example.com' });
  });

  await test.step('later server events use the user id, in the workspace group', async () => {
    await completeOnboarding(page, { workspace: uniqueName('Acme'), project: uniqueName('Launch') });
    const created = await inbox.waitForEvent('workspace.created', { distinctId: userId, since: identity.since });
    expect(created.distinct_id).toBe(userId);
    const workspaceId = created.properties.workspace_id as string;
    const project = await inbox.waitForEvent('project.created', { distinctId: userId, since: identity.since, properties: { source: 'onboarding' } });
    expect(project.distinct_id).toBe(userId);
    expect(project.properties.$groups).toEqual({ workspace: workspaceId });
  });

  await test.step('no payload of this person carries the email, the password or a raw IP', async () => {
    const events: InboxEventRow[] = await inbox.events({ distinctId: anonId, since: identity.since, limit: 1000 });
    const text = JSON.stringify(events);
    expect(text).not.toContain(freshUser.email);
    expect(text).not.toContain(freshUser.password);
    expect(text).not.toContain('127.0.0.1"');
  });
});

test("the webhook's checkout.completed lands on the buyer", async ({ page, context, baseURL, inbox, identity, freshUser }) => {
  await withPosthogCookie(context, baseURL!, identity.distinctId, `sess-${identity.distinctId.slice(4)}`);
  await page.goto('/signup');
  await signUp(page, freshUser);
  await completeOnboarding(page, { workspace: uniqueName('Buyer Co') });
  const signedUp = await inbox.waitForEvent('auth.signed_up', { distinctId: identity.distinctId, since: identity.since });
  const buyer = signedUp.distinct_id;

  await checkout(page, { plan: 'Pro', card: CARDS.success });
  await expect(page).toHaveURL(/\/billing/);

  const started = await inbox.waitForEvent('checkout.started', { distinctId: buyer, since: identity.since, properties: { plan: 'pro' } });
  const completed = await inbox.waitForEvent('checkout.completed', { distinctId: buyer, since: identity.since, properties: { plan: 'pro' } });
  expect(completed.distinct_id).toBe(buyer);
  expect(completed.properties).toMatchObject({
    provider: 'local',
    checkout_session_id: started.properties.checkout_session_id,
    amount_cents: 1200,
    currency: 'usd',
  });
  expect(completed.properties.$groups).toEqual({ workspace: started.properties.workspace_id });
});

test('a declined card is checkout.failed on the buyer, with a decline code and no card data', async ({ page, context, baseURL, inbox, identity, freshUser }) => {
  await withPosthogCookie(context, baseURL!, identity.distinctId, `sess-${identity.distinctId.slice(4)}`);
  await page.goto('/signup');
  await signUp(page, freshUser);
  await completeOnboarding(page, { workspace: uniqueName('Declined Co') });
  const buyer = (await inbox.waitForEvent('auth.signed_up', { distinctId: identity.distinctId, since: identity.since })).distinct_id;

  await checkout(page, { plan: 'Pro', card: CARDS.declined });
  await expect(page.getByText('Your card was declined.')).toBeVisible();

  const started = await inbox.waitForEvent('checkout.started', { distinctId: buyer, since: identity.since });
  const failed = await inbox.waitForEvent('checkout.failed', { distinctId: buyer, since: identity.since });
  expect(failed.distinct_id).toBe(buyer);
  expect(failed.properties).toMatchObject({
    plan: 'pro',
    provider: 'local',
    reason: 'generic_decline',
    checkout_session_id: started.properties.checkout_session_id,
    workspace_id: started.properties.workspace_id,
  });
  const text = JSON.stringify(await inbox.events({ distinctId: buyer, since: identity.since, limit: 1000 }));
  expect(text).not.toContain('4000000000000002');
  expect(text).not.toContain(CARDS.declined);
});
