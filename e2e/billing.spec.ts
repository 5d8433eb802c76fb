// Billing failures: a declined card changes nothing and says so.
import { CARDS, checkout, completeOnboarding, expect, signUp, test, uniqueName } from './fixtures';

test('a declined card leaves the plan Free with a clear message', async ({ page, freshUser }) => {
  await signUp(page, freshUser);
  await completeOnboarding(page, { workspace: uniqueName('Declined Co') });

  await checkout(page, { plan: 'Pro', card: CARDS.declined });
  await expect(page.getByText('Your card was declined.')).toBeVisible();
  await expect(page).toHaveURL(/\/checkout\//);

  await page.goto('/billing');
  await expect(page.getByTestId('current-plan')).toHaveText('Free');
});
