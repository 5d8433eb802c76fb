// PostHog in the browser, asserted on what the real posthog-js sent to the local collector: the funnel's
// catalog events in order on one merged person, enriched pageviews exactly once per navigation, a masked recording,
// no secret in any payload, a new anonymous person after log out, and the pricing experiment's variants from SSR.
import { createHash, randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { Page, Request } from '@playwright/test';
import { catalog, isEventName } from '@/lib/analytics/catalog';
import { validateEvent } from '@/lib/analytics/validate';
import { CARDS, checkout, expect, signUp, test, uniqueName } from './fixtures';
import type { InboxEventRow } from '@/lib/inbox/rows';
import { orderedPrefix } from './inbox';
import { posthogLoaded, recorderStarted, telemetrySnapshot } from './support/telemetry-hook';

const REFERRER = 'https://news.example.com/issues/42?ref=mail';
const FLAG = 'pricing-page-layout';

/** Waits until the lazily loaded posthog-js is up in this page and returns its ids. */
async function posthogIds(page: Page): Promise<{ distinctId: string; sessionId: string }> {
  await page.waitForFunction(posthogLoaded, null, { timeout: 20_000 });
  return page.evaluate(telemetrySnapshot).then((t) => ({ distinctId: t!.distinctId!, sessionId: t!.sessionId! }));
}

/** Every body the page sent to PostHog or Sentry, decompressed when gzipped (posthog-js compresses batches). */
function recordPayloads(page: Page): string[] {
  const bodies: string[] = [];
  page.on('request', (request: Request) => {
    if (!/\/(ingest|sentry)\//.test(new URL(request.url()).pathname)) return;
    const body = request.postDataBuffer();
    if (!body) return;
    try {
      bodies.push(gunzipSync(body).toString('utf8'));
    } catch {
      bodies.push(body.toString('utf8'));
    }
  });
  return bodies;
}

/**
 * A distinct id that lib/flags/evaluate.ts buckets into `variant` (PostHog's hashing, repeated here because that
 * module is server-only): sha1(`${key}.${id}variant`) → [0, 1), control below 0.5.
 */
function distinctIdFor(variant: 'control' | 'test'): string {
  for (;;) {
    const id = `e2e-flag-${randomUUID()}`;
    const hash = parseInt(createHash('sha1').update(`${FLAG}.${id}variant`).digest('hex').slice(0, 15), 16) / 0xfffffffffffffff;
    if ((hash < 0.5) === (variant === 'control')) return id;
  }
}

test('newsletter visit → CTA → sign up → onboarding → project → checkout: catalog events in order on one merged person, enriched pageviews, masked recording, no secrets; log out starts a new person', async ({
  page,
  inbox,
  identity,
  freshUser,
}) => {
  const payloads = recordPayloads(page);
  const workspace = uniqueName('Acme');
  const project = uniqueName('Launch');

  await page.goto('/?utm_source=newsletter&utm_medium=email&utm_campaign=fall', { referer: REFERRER });
  const anon = await posthogIds(page);
  expect(anon.distinctId).not.toBe('');
  // The visitor stays a moment on the landing page: the recorder starts in the first quiet idle period (never in the
  // middle of an input), and the recording is asserted below to begin on this page.
  await page.waitForFunction(recorderStarted, null, { timeout: 20_000 });

  await page.locator('a[data-cta-id="hero_start_free"]').click();
  await expect(page).toHaveURL(/\/signup/);
  await signUp(page, freshUser);

  // Onboarding by client navigations only (no reload), so every pageview below is one navigation.
  await expect(page).toHaveURL(/\/onboarding\/profile/);
  await page.getByLabel('Your role').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/onboarding\/workspace/);
  await page.getByLabel('Workspace name').fill(workspace);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/onboarding\/project/);
  await page.getByLabel('Project name').fill(project);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page).toHaveURL(/\/dashboard/);

  await checkout(page, { plan: 'Pro', card: CARDS.success });
  await expect(page).toHaveURL(/\/billing\?checkout=success/);
  await expect(page.getByTestId('current-plan')).toHaveText('Pro');

  const user = await posthogIds(page);
  expect(user.distinctId, 'identified as the user after sign-up').not.toBe(anon.distinctId);

  const clientFunnel = [
    'marketing.visit_landing',
    'marketing.cta_clicked',
    'auth.signup_started',
    'onboarding.step_viewed',
    'onboarding.step_viewed',
    'onboarding.step_viewed',
    'pricing.experiment_viewed',
    'pricing.plan_selected',
  ];
  let events: InboxEventRow[] = [];
  await expect
    .poll(
      async () => {
        events = await inbox.events({ distinctId: user.distinctId, since: identity.since, limit: 1000 });
        return orderedPrefix(events, clientFunnel);
      },
      { timeout: 20_000, message: 'client funnel events in order' },
    )
    .toEqual(clientFunnel);

  await test.step('one person: the anonymous id was merged at sign-up', async () => {
    const person = await inbox.person(user.distinctId);
    expect(person?.['distinct_ids']).toEqual(expect.arrayContaining([anon.distinctId, user.distinctId]));
    expect(events.find((e) => e.event === 'marketing.visit_landing')?.distinct_id).toBe(anon.distinctId);
  });

  await test.step('each catalog event is valid and carries the super-properties', async () => {
    const catalogEvents = events.filter((e) => !e.event.startsWith('$') && e.source === 'web');
    expect(catalogEvents.length).toBeGreaterThanOrEqual(clientFunnel.length);
    for (const e of catalogEvents) {
      // The SDK adds its own properties ($lib, campaign ids, super-properties); the event's own are the schema's keys.
      expect(isEventName(e.event), e.event).toBe(true);
      const keys = Object.keys(catalog[e.event as keyof typeof catalog].schema.shape);
      // posthog-js also sets absent campaign parameters (utm_*) to null on every event.
      const own = Object.fromEntries(Object.entries(e.properties).filter(([k, v]) => keys.includes(k) && v !== null));
      const result = validateEvent(e.event, own);
      expect.soft(result.ok, `${e.event} ${JSON.stringify(result.ok ? {} : result.issues)}`).toBe(true);
      expect.soft(e.properties).toMatchObject({ app: 'orbit', deployment: expect.any(String), ui_theme: 'light' });
    }
    const steps = events.filter((e) => e.event === 'onboarding.step_viewed').map((e) => e.properties['step']);
    expect(steps).toEqual(['profile', 'workspace', 'project']);
    expect(events.find((e) => e.event === 'marketing.cta_clicked')?.properties).toMatchObject({ cta_id: 'hero_start_free', path: '/', destination: '/signup' });
    expect(events.find((e) => e.event === 'marketing.visit_landing')?.properties).toMatchObject({
      path: '/',
      referrer_domain: 'news.example.com',
      utm_source: 'newsletter',
    });
    expect(events.find((e) => e.event === 'pricing.plan_selected')?.properties).toMatchObject({ plan: 'pro', signed_in: true, auth_state: 'authenticated' });
    const last = events.filter((e) => e.source === 'web').at(-1);
    expect(last?.properties).toMatchObject({ auth_state: 'authenticated', workspace_id: expect.stringMatching(/.+/) });
  });

  await test.step('exactly one enriched $pageview per navigation', async () => {
    const expected = [
      '/',
      '/signup',
      '/onboarding/profile',
      '/onboarding/workspace',
      '/onboarding/project',
      '/dashboard',
      '/pricing',
      '/checkout/[session]',
      '/billing',
    ];
    let pageviews: InboxEventRow[] = [];
    const paths = async () => {
      pageviews = await inbox.events({ event: '$pageview', distinctId: user.distinctId, since: identity.since });
      return pageviews.map((e) => new URL(String(e.properties['$current_url'])).pathname.replace(/\/checkout\/.+/, '/checkout/[session]'));
    };
    // Polls until the list is complete; a duplicate or a transient URL makes it differ for good.
    await expect.poll(paths, { timeout: 15_000 }).toEqual(expected);
    for (const pv of pageviews) {
      expect.soft(pv.properties, String(pv.properties['$current_url'])).toMatchObject({
        referrer_url: 'https://news.example.com/issues/42',
        referrer_domain: 'news.example.com',
        entry_path: '/',
        entry_query: '?utm_source=newsletter&utm_medium=email&utm_campaign=fall',
        utm_source: 'newsletter',
        utm_medium: 'email',
        utm_campaign: 'fall',
      });
    }
  });

  await test.step('the session is recorded from the landing page on, with a full snapshot', async () => {
    const snapshots = (await inbox.waitForRecording(anon.sessionId, { minSnapshots: 3 })) as Array<{ type: number; data?: { href?: string } }>;
    expect(snapshots.some((s) => s.type === 2), 'rrweb full snapshot').toBe(true);
    const hrefs = snapshots.filter((s) => s.type === 4).map((s) => new URL(s.data?.href ?? 'http://x/').pathname);
    expect(hrefs[0]).toBe('/');
    expect(user.sessionId).toBe(anon.sessionId);
  });

  const invitee = `invitee-${randomUUID().slice(0, 8)}@example.com`;
  await test.step('settings: the names and emails people typed are on screen, and masked in the recording', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page).toHaveURL(/\/settings/);
    await page.getByLabel('Invite by email').fill(invitee);
    await page.getByRole('button', { name: 'Send invite' }).click();
    const list = page.getByRole('list', { name: 'Members and pending invites' });
    await expect(list).toContainText(invitee);
    await expect(list).toContainText(freshUser.name);
    // The re-rendered list (with the invite) has reached the recording: what is checked below is really there.
    // React renders `Invited as {role}` as two text nodes, so the recording holds "Invited as " and "member" apart.
    await expect
      .poll(async () => JSON.stringify(await inbox.recording(anon.sessionId)).includes('Invited as '), { timeout: 30_000 })
      .toBe(true);
  });

  await test.step('no payload contains the password, the card number, the email, the name or an invitee', async () => {
    const stored = {
      events: await inbox.events({ distinctId: user.distinctId, since: identity.since, limit: 1000 }),
      recording: await inbox.recording(anon.sessionId),
      person: await inbox.person(user.distinctId),
    };
    expect(payloads.length).toBeGreaterThan(0);
    for (const secret of [freshUser.password, freshUser.email, freshUser.name, invitee, CARDS.success, CARDS.success.replace(/ /g, '')]) {
      const where = [
        ...stored.events.filter((e) => JSON.stringify(e).includes(secret)).map((e) => `event ${e.event} (${e.source})`),
        ...(JSON.stringify(stored.recording).includes(secret) ? ['recording'] : []),
        ...(JSON.stringify(stored.person).includes(secret) ? ['person'] : []),
        ...payloads.filter((p) => p.includes(secret)).map((p) => `sent: ${p.slice(Math.max(0, p.indexOf(secret) - 200), p.indexOf(secret) + 50)}`),
      ];
      expect.soft(where, `payloads containing ${secret.slice(0, 4)}…`).toEqual([]);
    }
  });

  await test.step('log out → the next events come from a new anonymous distinct id', async () => {
    const outAt = new Date().toISOString();
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/^http:\/\/[^/]+\/(\?.*)?$/);
    await inbox.waitForEvent('auth.logged_out', { distinctId: user.distinctId, since: outAt });
    await expect.poll(async () => page.evaluate(telemetrySnapshot).then((t) => t?.distinctId ?? undefined)).not.toBe(user.distinctId);
    const next = await posthogIds(page);
    expect(next.distinctId).not.toBe(anon.distinctId);
    await page.locator('a[data-cta-id="hero_see_pricing"]').click();
    const after = await inbox.waitForEvent('marketing.cta_clicked', { distinctId: next.distinctId, since: outAt });
    expect(after.distinct_id).toBe(next.distinctId);
    const person = await inbox.person(next.distinctId);
    expect(person?.['distinct_ids'] ?? [next.distinctId]).not.toContain(user.distinctId);
  });
});


for (const variant of ['control', 'test'] as const) {
  test(`pricing experiment: the ${variant} variant is in the SSR HTML and recorded as an exposure`, async ({ page, context, inbox, identity, request, baseURL }) => {
    const distinctId = distinctIdFor(variant);
    const cookie = { name: 'ph_phc_orbit_local_posthog', value: encodeURIComponent(JSON.stringify({ distinct_id: distinctId })) };

    const html = await (await request.get('/pricing', { headers: { cookie: `${cookie.name}=${cookie.value}` } })).text();
    expect(html).toContain(`data-pricing-variant="${variant}"`);
    // test: the comparison table comes before the plan cards in the document, control: after.
    const comparisonFirst = html.indexOf('id="compare-title"') < html.indexOf('data-plan="free"');
    expect(comparisonFirst).toBe(variant === 'test');

    await context.addCookies([{ ...cookie, url: baseURL! }]);
    await page.goto('/pricing');
    await expect(page.locator(`[data-pricing-variant="${variant}"]`)).toBeVisible();
    expect((await posthogIds(page)).distinctId).toBe(distinctId);
    await inbox.waitForEvent('pricing.experiment_viewed', { distinctId, since: identity.since, properties: { flag_key: FLAG, variant } });
    await inbox.waitForEvent('$feature_flag_called', { distinctId, since: identity.since, properties: { $feature_flag: FLAG, $feature_flag_response: variant } });
  });
}
