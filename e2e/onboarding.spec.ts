// Onboarding: one route per step, resumable after a reload or a new login, every step skippable but the workspace.
import { expect, logIn, logOut, signUp, test, uniqueName } from './fixtures';

test('onboarding resumes where it stopped and can be skipped except for the workspace', async ({ page, freshUser }) => {
  const workspace = uniqueName('Resume Co');
  await signUp(page, freshUser);

  await test.step('profile step survives a reload and can be skipped', async () => {
    await page.goto('/onboarding');
    await expect(page).toHaveURL(/\/onboarding\/profile/);
    await expect(page.getByText('Step 1 of 3')).toBeVisible();
    await page.reload();
    await expect(page).toHaveURL(/\/onboarding\/profile/);
    await page.getByRole('button', { name: 'Skip' }).click();
    await expect(page).toHaveURL(/\/onboarding\/workspace/);
  });

  await test.step('workspace step has no Skip and is where the user resumes', async () => {
    await expect(page.getByText('Step 2 of 3')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Skip' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Skip' })).toHaveCount(0);
    await page.reload();
    await expect(page).toHaveURL(/\/onboarding\/workspace/);
    await page.goto('/onboarding');
    await expect(page).toHaveURL(/\/onboarding\/workspace/);
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/onboarding\/workspace/);
  });

  await test.step('a new login resumes at the workspace step', async () => {
    await page.goto('/onboarding/workspace');
    // The onboarding layout need not carry the app shell's Log out button; dropping the cookies ends the session too.
    if (await page.getByRole('button', { name: 'Log out' }).count()) await logOut(page);
    else await page.context().clearCookies();
    await logIn(page, freshUser, /\/onboarding\/workspace/);
  });

  await test.step('workspace → project step, which survives a reload and can be skipped', async () => {
    await page.getByLabel('Workspace name').fill(workspace);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL(/\/onboarding\/project/);
    await expect(page.getByText('Step 3 of 3')).toBeVisible();
    await page.reload();
    await expect(page).toHaveURL(/\/onboarding\/project/);
    await page.getByRole('button', { name: 'Skip' }).click();
    await expect(page).toHaveURL(/\/dashboard/);
    await expect(page.getByRole('heading', { name: workspace })).toBeVisible();
  });

  await test.step('a finished onboarding sends /onboarding to the dashboard', async () => {
    await page.goto('/onboarding');
    await expect(page).toHaveURL(/\/dashboard/);
  });
});
