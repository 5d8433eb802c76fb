// The `new-onboarding-checklist` flag, decided on the server (lib/flags/server.ts, posthog-node's local evaluation
// against the local collector's definitions): each new user sees the variant PostHog's bucketing gives their user id
// — the checklist, ticked from real data, or the welcome card. New users are signed up until both variants were seen.
import { createHash } from 'node:crypto';
import { FLAGS } from '@/lib/flags/definitions';
import { expect, makeUser, signUpAndOnboard, test, uniqueName } from './fixtures';
import { telemetrySnapshot } from './support/telemetry-hook';

const FLAG = FLAGS.find((f) => f.key === 'new-onboarding-checklist')!;

/** PostHog's bucketing (lib/flags/evaluate.ts): sha1(`key.id`), 15 hex digits / 0xfffffffffffffff ≤ rollout. */
function expectedOn(userId: string): boolean {
  const hex = createHash('sha1').update(`${FLAG.key}.${userId}`).digest('hex');
  return parseInt(hex.slice(0, 15), 16) / 0xfffffffffffffff <= FLAG.rolloutPercentage / 100;
}

test('the dashboard shows the checklist or the welcome card as the flag decides, on both variants', async ({ page }) => {
  test.setTimeout(240_000);
  const seen = new Set<boolean>();
  for (let i = 0; i < 8 && seen.size < 2; i++) {
    // A new visitor each round: no session, no PostHog identity.
    await page.context().clearCookies();
    await signUpAndOnboard(page, makeUser(`flag${i}`), { workspace: uniqueName('Flag Co'), project: uniqueName('Checklist project') });
    const userId = await page.evaluate(telemetrySnapshot).then((t) => t?.userId ?? undefined);
    expect(userId).toBeTruthy();
    const on = expectedOn(userId!);
    seen.add(on);
    if (on) {
      await expect(page.getByTestId('onboarding-checklist')).toBeVisible();
      await expect(page.getByTestId('welcome-card')).toHaveCount(0);
      await expect(page.getByTestId('checklist-project')).toHaveAttribute('data-done', 'true');
      await expect(page.getByTestId('checklist-task')).toHaveAttribute('data-done', 'false');
    } else {
      await expect(page.getByTestId('welcome-card')).toBeVisible();
      await expect(page.getByTestId('onboarding-checklist')).toHaveCount(0);
    }
    // The browser was bootstrapped with the same answer the server rendered with.
    const bootstrapped = await page.evaluate(telemetrySnapshot).then((t) => t?.flags['new-onboarding-checklist']);
    expect(bootstrapped).toBe(on);
  }
  expect([...seen].sort(), 'both variants seen').toEqual([false, true]);
});
