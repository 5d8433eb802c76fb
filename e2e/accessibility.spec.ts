// Accessibility: axe-core's WCAG 2.0/2.1 A and AA rules on every page of Orbit, 0 violations. The marketing pages,
// sign-up and log-in (with a refused log-in's error), each onboarding step, the app (dashboard, a project with a
// task, settings, billing before and after an upgrade, the checkout and a declined card, the billing portal), the 404 page, and the local
// inbox with each of its pages (events, persons and a person, recordings and a recording, errors, an issue and an
// error, traces and a trace, dashboards and a dashboard, funnels). Every page of a journey is checked and all
// violations reported together, so one run lists everything to fix. Motion is reduced so that no check reads a
// colour halfway through a fade-in.
import AxeBuilder from '@axe-core/playwright';
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { addTask, CARDS, checkout, expect, makeUser, signUpViaApi, test, uniqueName } from './fixtures';
import { registerSecret } from './support/typed-secrets';

const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type Violation = { rule: string; impact: string | null | undefined; nodes: number; first: string[] };

test.use({ reducedMotion: 'reduce' });

/** The page's WCAG A/AA violations, checked softly: the journey goes on and the test fails at the end with all. */
async function checkPage(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('load');
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_A_AA).analyze();
  if (violations.length) {
    // Every node with its selector, HTML and axe's reason, for whoever fixes them (the report's attachments).
    const nodes = violations.flatMap((v) => v.nodes.map((n) => ({ rule: v.id, target: n.target, html: n.html, why: n.failureSummary })));
    await test.info().attach(`axe: ${name}`, { body: JSON.stringify(nodes, null, 2), contentType: 'application/json' });
  }
  const found: Violation[] = violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    nodes: v.nodes.length,
    first: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim() ?? ''}`),
  }));
  expect.soft(found, `${name} (${new URL(page.url()).pathname})`).toEqual([]);
}

/** Opens the first link of the page whose address starts with `prefix`, and checks the page it leads to. */
async function followFirst(page: Page, prefix: string, name: string): Promise<void> {
  const link = page.locator(`a[href^="${prefix}"]`).first();
  await expect(link, `a link to ${prefix}… on ${page.url()}`).toBeVisible();
  await link.click();
  // A client navigation to a page of many spans can take a while on a loaded 2-core machine.
  await expect(page).toHaveURL(new RegExp(`${prefix.replace(/[.?]/g, '\\$&')}[^/?#]+`), { timeout: 30_000 });
  await checkPage(page, name);
}

test('signed out: landing, pricing, sign-up, log-in (and its error), the 404 page', async ({ page }) => {
  for (const [path, name] of [
    ['/', 'landing'],
    ['/pricing', 'pricing'],
    ['/signup', 'sign-up'],
    ['/login', 'log-in'],
  ] as const) {
    await page.goto(path);
    await checkPage(page, name);
  }
  await page.getByLabel('Email', { exact: true }).fill(`nobody-${randomBytes(4).toString('hex')}@example.test`);
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await checkPage(page, 'log-in, refused');

  const missing = await page.goto('/no-such-page');
  expect(missing?.status()).toBe(404);
  await checkPage(page, '404');
});

test('signed in: each onboarding step, dashboard, a project, settings, billing, checkout, the billing portal', async ({ page }) => {
  test.setTimeout(180_000);
  await signUpViaApi(page, makeUser('a11y'));
  await page.goto('/onboarding');
  await expect(page).toHaveURL(/\/onboarding\/profile/);
  await checkPage(page, 'onboarding: profile');
  await page.getByLabel('Your role').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/onboarding\/workspace/);
  await checkPage(page, 'onboarding: workspace');
  const workspace = uniqueName('A11y');
  registerSecret('workspace', workspace);
  await page.getByLabel('Workspace name').fill(workspace);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/onboarding\/project/);
  await checkPage(page, 'onboarding: project');
  const project = uniqueName('A11y project');
  registerSecret('project', project);
  await page.getByLabel('Project name').fill(project);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await checkPage(page, 'dashboard');

  await page.getByRole('link', { name: project, exact: true }).click();
  await expect(page).toHaveURL(/\/projects\/[^/?#]+/);
  await addTask(page, 'Check the contrast');
  const done = await addTask(page, 'Label every control');
  await done.check();
  await expect(done).toBeChecked();
  await checkPage(page, 'project, with a done task');

  await page.goto('/settings');
  await checkPage(page, 'settings');
  await page.goto('/billing');
  await checkPage(page, 'billing (free plan)');
  await page.goto('/pricing');
  await checkPage(page, 'pricing, signed in');
  await page.getByRole('button', { name: 'Upgrade to Pro' }).click();
  await expect(page).toHaveURL(/\/checkout\/[^/?#]+/);
  await checkPage(page, 'checkout');
  await checkout(page, { card: CARDS.declined });
  await expect(page.getByText('Your card was declined.')).toBeVisible();
  await checkPage(page, 'checkout, card declined');
  await checkout(page, { card: CARDS.success });
  await expect(page).toHaveURL(/\/billing/);
  await expect(page.getByTestId('current-plan')).toHaveText('Pro');
  await checkPage(page, 'billing (Pro plan)');
  await page.goto('/billing/portal');
  await expect(page).toHaveURL(/\/billing\/portal/);
  await checkPage(page, 'billing portal');
});

test('the local inbox: every page, with the data a session leaves', async ({ page, request }) => {
  test.setTimeout(240_000);
  // A session that leaves events, a person, a recording, traces and an error.
  await signUpViaApi(page, makeUser('a11y-inbox'));
  const sentryUp = page.waitForRequest((r) => /\/sentry\/api\/\d+\/envelope\/|\/monitoring/.test(r.url()), { timeout: 30_000 });
  await page.goto('/onboarding');
  await expect(page).toHaveURL(/\/onboarding\/profile/);
  await sentryUp;
  const bug = `orbitA11yBug_${randomBytes(5).toString('hex')}`;
  await page.evaluate((name) => {
    const thrower = { [name]: () => { throw new Error(`a11y inbox error (${name})`); } }[name]!;
    setTimeout(thrower, 0);
  }, bug);
  await expect
    .poll(async () => JSON.stringify(await (await request.get('/api/dev/inbox/issues?limit=1000')).json()).includes(bug), { timeout: 30_000 })
    .toBe(true);
  await expect.poll(async () => ((await (await request.get('/api/dev/inbox/recordings')).json()) as { recordings: unknown[] }).recordings.length, { timeout: 60_000 }).toBeGreaterThan(0);

  await page.goto('/dev/inbox');
  await checkPage(page, 'inbox: events');
  await page.goto('/dev/inbox/persons');
  await checkPage(page, 'inbox: persons');
  await followFirst(page, '/dev/inbox/persons/', 'inbox: a person');
  await page.goto('/dev/inbox/recordings');
  await checkPage(page, 'inbox: recordings');
  await followFirst(page, '/dev/inbox/recordings/', 'inbox: a recording');
  await page.goto('/dev/inbox/errors');
  await checkPage(page, 'inbox: errors');
  await followFirst(page, '/dev/inbox/errors/issues/', 'inbox: an issue');
  await followFirst(page, '/dev/inbox/errors/', 'inbox: an error');
  await page.goto('/dev/inbox/traces');
  await checkPage(page, 'inbox: traces');
  await followFirst(page, '/dev/inbox/traces/', 'inbox: a trace');
  await page.goto('/dev/inbox/dashboards');
  await checkPage(page, 'inbox: dashboards');
  await followFirst(page, '/dev/inbox/dashboards/', 'inbox: a dashboard');
  await page.goto('/dev/inbox/funnels');
  await checkPage(page, 'inbox: funnels');
  await page.goto('/dev/inbox/health');
  await checkPage(page, 'inbox: event health');
});
