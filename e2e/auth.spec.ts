// Sign-in, sign-out and the guard on app routes.
import { completeOnboarding, expect, logIn, logOut, makeUser, signUp, test, uniqueName } from './fixtures';

test('wrong password and unknown email get the same message; log out guards the app; log back in works', async ({ page, freshUser }) => {
  const workspace = uniqueName('Auth Co');
  await signUp(page, freshUser);
  await completeOnboarding(page, { workspace });
  await logOut(page);

  await test.step('app routes redirect to /login when logged out', async () => {
    for (const path of ['/dashboard', '/settings', '/billing', '/onboarding']) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/login(\?|$)/);
    }
  });

  await test.step('wrong password → clear message, no session', async () => {
    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).fill(freshUser.email);
    await page.getByLabel('Password', { exact: true }).fill(`${freshUser.password}-wrong`);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByText('Incorrect email or password.')).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  await test.step('unknown email → the same message (no account enumeration)', async () => {
    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).fill(makeUser('nobody').email);
    await page.getByLabel('Password', { exact: true }).fill(freshUser.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByText('Incorrect email or password.')).toBeVisible();
  });

  await test.step('log back in → dashboard of the same workspace', async () => {
    await logIn(page, freshUser, /\/dashboard/);
    await expect(page.getByRole('heading', { name: workspace })).toBeVisible();
  });

  await test.step('?next= brings the user back where they were going', async () => {
    await logOut(page);
    await page.goto('/login?next=%2Fsettings');
    await page.getByLabel('Email', { exact: true }).fill(freshUser.email);
    await page.getByLabel('Password', { exact: true }).fill(freshUser.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page).toHaveURL(/\/settings/);
  });
});

test('signing up again with a taken email does not replace the account', async ({ page, freshUser, newPage }) => {
  await signUp(page, freshUser);
  const other = await newPage();
  await other.goto('/signup');
  await other.getByLabel('Name', { exact: true }).fill('Someone Else');
  await other.getByLabel('Email', { exact: true }).fill(freshUser.email);
  await other.getByLabel('Password', { exact: true }).fill('another-password-123');
  await other.getByRole('button', { name: 'Create account' }).click();
  await expect(other).not.toHaveURL(/\/onboarding/);

  // The intruder's password does not open the account; the owner's still does.
  const third = await newPage();
  await third.goto('/login');
  await third.getByLabel('Email', { exact: true }).fill(freshUser.email);
  await third.getByLabel('Password', { exact: true }).fill('another-password-123');
  await third.getByRole('button', { name: 'Log in' }).click();
  await expect(third.getByText('Incorrect email or password.')).toBeVisible();
  await logIn(third, freshUser);
});
