// From an error to its moment: a bug thrown in the browser during a recorded session; its error page in the inbox
// links to the replay at the error's time (the player starts 2 s before it, the error marked on the timeline), to
// the trace with the error's span highlighted, and back to its issue.
import { randomBytes } from 'node:crypto';
import { expect, makeUser, signUpAndOnboard, test, uniqueName } from './fixtures';
import type { InboxIssue } from './inbox';
import type { SentryItemRow } from '@/lib/inbox/rows';
import { posthogLoaded, sentryLoaded, telemetrySnapshot } from './support/telemetry-hook';

test('an error page opens the replay at the error and the trace at its span, and links back to its issue', async ({ page, request, inbox }) => {
  test.setTimeout(180_000);
  const bugName = `orbitMomentBug_${randomBytes(5).toString('hex')}`;
  await signUpAndOnboard(page, makeUser('moment'), { workspace: uniqueName('Moment') });
  // A product page (the debug pages under /dev are not tracked): both SDKs up, posthog-js with its session, and its
  // recorder running (it starts after PostHog's remote config): the error happens inside the recording.
  await page.goto('/dashboard');
  await page.waitForFunction(posthogLoaded, null, { timeout: 30_000 });
  await page.waitForFunction(sentryLoaded, null, { timeout: 30_000 });
  await page.waitForFunction(() => window.__orbit?.telemetry?.posthog?.sessionRecordingStarted() === true, null, { timeout: 30_000 });
  const sessionId = (await page.evaluate(telemetrySnapshot))?.sessionId;
  expect(sessionId, "posthog-js's session").toBeTruthy();

  // Thrown during a client navigation, so the error happens inside a span (the navigation's, which Sentry opens
  // synchronously on the click): after the page's load span ended, an error outside any span has no span to show.
  await page.evaluate((name) => {
    const bug = { [name]: () => { throw new Error(`moment bug (${name})`); } }[name]!;
    document.querySelector<HTMLAnchorElement>('header a[href="/settings"], nav a[href="/settings"], a[href="/settings"]')!.click();
    setTimeout(bug, 0);
  }, bugName);
  await expect(page).toHaveURL(/\/settings$/);
  const sessionOf = (payload: unknown) => JSON.stringify(payload).match(/"posthog[^"]*session[^"]*":"([^"]+)"/i)?.[1];
  let item: SentryItemRow | undefined;
  await expect
    .poll(
      async () => {
        const { items } = (await (await request.get('/api/dev/inbox/sentry?type=event&limit=1000&order=desc')).json()) as { items: SentryItemRow[] };
        item = items.find((i) => JSON.stringify(i.payload).includes(bugName));
        return item ? sessionOf(item.payload) : undefined;
      },
      { timeout: 30_000, message: `the error of ${bugName}, linked to the PostHog session` },
    )
    .toBe(sessionId);
  // Leaving the page flushes the recorder's buffer (past the error) and ends the page's transaction (the error's span):
  // the collector then has both, without waiting on posthog-js's or Sentry's timers.
  await page.goto('/pricing');
  await inbox.waitForRecording(sessionId!, { minSnapshots: 2, timeout: 30_000 });
  let issue: InboxIssue | undefined;
  await expect
    .poll(async () => {
      issue = ((await (await request.get('/api/dev/inbox/issues?limit=1000')).json()) as { issues: InboxIssue[] }).issues.find((i) => i.title.includes(bugName));
      return issue?.count ?? 0;
    }, { timeout: 30_000, message: `the issue of ${bugName}` })
    .toBeGreaterThan(0);

  await page.goto(`/dev/inbox/errors/${item!.id}`);
  await expect(page.getByTestId('error-issue-link')).toHaveAttribute('href', `/dev/inbox/errors/issues/${issue!.id}`);

  // The replay, at the error.
  await page.getByTestId('error-replay-link').click();
  await expect(page).toHaveURL(/\/dev\/inbox\/recordings\/[^?]+\?t=\d{4}-\d{2}-\d{2}T[\d:.]+Z/);
  const moment = page.getByTestId('recording-moment');
  await expect(moment).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('recording-error-marker')).toBeVisible();
  const momentMs = Number(await moment.getAttribute('data-moment-ms'));
  const playerMs = Number(await moment.getAttribute('data-player-ms'));
  expect(momentMs).toBeGreaterThan(0);
  expect(Math.abs(playerMs - Math.max(0, momentMs - 2_000)), `player at ${playerMs} ms, error at ${momentMs} ms`).toBeLessThan(1_000);

  // The trace, at the failing span.
  await page.goBack();
  const traceLink = page.getByTestId('error-trace-link');
  await expect(traceLink).toHaveAttribute('href', /\/dev\/inbox\/traces\/[0-9a-f]+\?span=[0-9a-f]{16}$/);
  const href = new URL((await traceLink.getAttribute('href'))!, 'http://x');
  const span = href.searchParams.get('span')!;
  const traceId = href.pathname.split('/').at(-1)!;
  // The error's span belongs to the navigation's transaction, which Sentry sends when it ends (idle, or on leaving):
  // an item of the trace holding that span, other than the error event (which names it too).
  await expect
    .poll(
      async () => {
        const { items } = (await (await request.get(`/api/dev/inbox/sentry?trace_id=${traceId}&limit=1000`)).json()) as { items: SentryItemRow[] };
        return items.some((i) => i.type !== 'event' && (i.span_id === span || JSON.stringify(i.payload).includes(`"span_id":"${span}"`)));
      },
      { timeout: 60_000, message: `a transaction with span ${span} of trace ${traceId}` },
    )
    .toBe(true);
  await traceLink.click();
  await expect(page.getByTestId('waterfall')).toBeVisible();
  await expect(page.locator(`#span-${span}[data-highlighted]`)).toBeVisible();
});
