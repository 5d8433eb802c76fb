// Errors grouped into issues as Sentry groups them: the same bug thrown in two signed-in users' browsers is one issue
// with two events and two users, and the same bug in Chrome's and in Firefox's stack syntax is one issue, in the query
// API and on the inbox's issue page. Each bug is named after its test's marker, so no other test shares its issue.
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

/** Throws `stack` as an uncaught error's stack: the real SDK parses it (its Chrome and Firefox parsers both run). */
async function throwWithStack(page: Page, message: string, stack: string): Promise<void> {
  await page.evaluate(
    ([m, st]) => {
      const error = new TypeError(m);
      error.stack = st;
      setTimeout(() => {
        throw error;
      }, 0);
    },
    [message, stack] as const,
  );
}

test("the same bug in Chrome's and in Firefox's stack syntax is one issue, grouped by its stack", async ({ page, request }) => {
  test.setTimeout(120_000);
  const bugName = `orbitStackBug_${randomBytes(5).toString('hex')}`;
  await readyUser(page);
  const chunk = `${new URL(page.url()).origin}/_next/static/chunks/app/checkout/page-3f9a1c2b7d4e5f60.js`;
  const message = `checkout total is NaN (${bugName})`;
  // Chrome: `at Type.fn (url:line:col)`, anonymous closures without a name, native frames at <anonymous>.
  await throwWithStack(
    page,
    message,
    [`TypeError: ${message}`, `    at Object.${bugName} (${chunk}:1:2345)`, `    at ${chunk}:1:1502`, '    at Array.forEach (<anonymous>)', `    at HTMLButtonElement.onClick (${chunk}:1:1400)`].join('\n'),
  );
  // Firefox: `fn@url:line:col`, closures as `outer/<`, other columns.
  await throwWithStack(page, message, [`${bugName}@${chunk}:1:2350`, `onClick/<@${chunk}:1:1510`, `onClick@${chunk}:1:1402`, ''].join('\n'));

  let issues: InboxIssue[] = [];
  await expect
    .poll(
      async () => {
        const res = await request.get('/api/dev/inbox/issues?limit=1000');
        expect(res.ok()).toBe(true);
        issues = ((await res.json()) as { issues: InboxIssue[] }).issues.filter((i) => i.title.includes(bugName));
        return issues.map((i) => ({ count: i.count, grouped_by: i.grouped_by }));
      },
      { timeout: 20_000, message: `the issues of ${bugName}` },
    )
    .toEqual([{ count: 2, grouped_by: 'stack trace' }]);
  expect(issues[0]!.fingerprint).toContain(`frame: module: chunks/app/checkout/page · function: ${bugName}`);

  await page.goto(`/dev/inbox/errors/issues/${issues[0]!.id}`);
  await expect(page.getByTestId('issue-grouped-by')).toHaveText('stack trace');
  await expect(page.getByTestId('issue-grouping-values')).toContainText(`function: ${bugName}`);
});
