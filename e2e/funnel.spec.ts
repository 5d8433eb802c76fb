// The whole funnel a paying customer walks, in one browser: landing → sign up → onboarding → first project and
// task → pricing → Pro checkout with Stripe's test card → billing shows Pro; then the same journey as the funnel
// definitions (lib/analytics/insights) see it in the events the SDKs sent.
import { CARDS, addTask, checkout, expect, signUp, test, uniqueName } from './fixtures';
import { browserDistinctId } from './inbox';
import { expectFunnel } from './support/funnels';

test('landing → Start free → sign up → onboarding → project and task → Upgrade to Pro → billing shows Pro', async ({ page, freshUser, inbox, identity }) => {
  const workspace = uniqueName('Acme');
  const project = uniqueName('Launch');
  const task = uniqueName('Write the announcement');

  await test.step('landing page CTA leads to sign-up', async () => {
    await page.goto('/');
    const cta = page.locator('a[data-cta-id="hero_start_free"]');
    await expect(cta).toHaveText(/Start free/);
    await expect(page.locator('a[data-cta-id="hero_see_pricing"]')).toHaveAttribute('href', /\/pricing/);
    await cta.click();
    await expect(page).toHaveURL(/\/signup/);
  });

  await test.step('sign up', async () => {
    await signUp(page, freshUser);
  });

  await test.step('onboarding: profile, workspace, project', async () => {
    await expect(page).toHaveURL(/\/onboarding\/profile/);
    await expect(page.getByText('Step 1 of 3')).toBeVisible();
    await page.getByLabel('Your role').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(page).toHaveURL(/\/onboarding\/workspace/);
    await expect(page.getByText('Step 2 of 3')).toBeVisible();
    await page.getByLabel('Workspace name').fill(workspace);
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(page).toHaveURL(/\/onboarding\/project/);
    await expect(page.getByText('Step 3 of 3')).toBeVisible();
    await page.getByLabel('Project name').fill(project);
    await page.getByRole('button', { name: 'Create project' }).click();
    await expect(page).toHaveURL(/\/dashboard/);
  });

  await test.step('dashboard lists the project; add a task and complete it', async () => {
    await expect(page.getByRole('heading', { name: workspace })).toBeVisible();
    await page.getByRole('link', { name: project, exact: true }).click();
    await expect(page).toHaveURL(/\/projects\/[^/]+/);
    await expect(page.getByRole('heading', { name: project, exact: true })).toBeVisible();
    const checkbox = await addTask(page, task);
    await expect(checkbox).not.toBeChecked();
    await checkbox.check();
    await expect(checkbox).toBeChecked();
    await expect(checkbox, 'saved (disabled while the request is in flight)').toBeEnabled();
    await page.reload();
    await expect(page.getByRole('checkbox', { name: task, exact: true })).toBeChecked();
  });

  await test.step('billing starts on Free', async () => {
    await page.goto('/billing');
    await expect(page.getByTestId('current-plan')).toHaveText('Free');
  });

  await test.step('pricing → Upgrade to Pro → pay with 4242 → billing shows Pro', async () => {
    await checkout(page, { plan: 'Pro', card: CARDS.success });
    await expect(page).toHaveURL(/\/billing\?checkout=success/);
    await expect(page.getByTestId('current-plan')).toHaveText('Pro');
    await page.reload();
    await expect(page.getByTestId('current-plan')).toHaveText('Pro');
    await expect(page.getByRole('link', { name: 'Manage billing' })).toBeVisible();
  });

  await test.step('the funnels defined in code count this journey in full: checkout and acquisition', async () => {
    const distinctId = await browserDistinctId(page.context());
    expect(distinctId, 'posthog-js identified the user').toBeTruthy();
    const who = { distinctId: distinctId!, since: identity.since };
    await expectFunnel(inbox, 'checkout', who);
    await expectFunnel(inbox, 'acquisition', who);
  });
});
