// Errors grouped into issues: the same bug thrown in two signed-in users' browsers is one issue with two events and
// two users, in the query API and on the inbox's issue page. The bug is a function named after this test's marker,
// so the real Sentry SDK's stack gives it a top frame (and so a fingerprint) no other test shares.
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, makeUser, signUpAndOnboard, test, uniqueName } from './fixtures';
import type { InboxIssue } from './inbox';

/** Signs a new user up, opens /dev/errors and waits until the lazy Sentry SDK has sent its first envelope. */
async function readyUser(page: Page): Promise<void> {
  await signUpAndOnboard(page, makeUser('issues'), { workspace: uniqueName('Issues') });
  const sentryUp = page.waitForRequest((r) => /\/sentry\/api\/\d+\/envelope\/|\/monitoring/.test(r.url()), { timeout: 20_000 });
  await page.goto('/dev/errors');
  await sentryUp;
}

/** An uncaught error from a function called `bugName`: window.onerror hands it to the real SDK. */
async function throwBug(page: Page, bugName: string): Promise<void> {
  await page.evaluate((name) => {
    const bug = { [name]: () => { throw new Error(`checkout total is NaN (${name})`); } }[name]!;
    setTimeout(bug, 0);
  }, bugName);
}

test('two throws of the same bug from two users are one issue: count 2, users 2', async ({ page, newPage, request }) => {
  // Two sign-ups with onboarding before the throws.
  test.setTimeout(180_000);
  const bugName = `orbitIssueBug_${randomBytes(5).toString('hex')}`;
  const other = await newPage();
  await readyUser(page);
  await readyUser(other);
  await throwBug(page, bugName);
  await throwBug(other, bugName);

  let issue: InboxIssue | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get('/api/dev/inbox/issues?limit=1000');
        expect(res.ok()).toBe(true);
        issue = ((await res.json()) as { issues: InboxIssue[] }).issues.find((i) => i.title.includes(bugName));
        return issue && { count: issue.count, users: issue.users };
      },
      { timeout: 20_000, message: `the issue of ${bugName}` },
    )
    .toEqual({ count: 2, users: 2 });

  await page.goto(`/dev/inbox/errors/issues/${issue!.id}`);
  await expect(page.getByTestId('issue-title')).toContainText(bugName);
  await expect(page.getByRole('link', { name: new RegExp(bugName) })).toHaveCount(2);
});
