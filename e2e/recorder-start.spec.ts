// The recorder's start — rrweb's full snapshot, one long synchronous task — never lands in the middle of an input
// (lib/telemetry/browser/recorder-start.ts; docs/performance.md): real posthog-js, real remote config from the local
// collector, a real held mouse button. While the button is held the recorder does not start, although PostHog is up
// and its remote config says "record"; after the release it starts, and the full snapshot the collector receives was
// taken after the quiet period, never before.
import { expect, test } from './fixtures';
import { posthogLoaded, telemetrySnapshot } from './support/telemetry-hook';

const QUIET_MS = 400; // recorder-start.ts

test('the recorder does not start while a pointer is held, and starts once the page has been quiet', async ({ page, inbox }) => {
  test.setTimeout(90_000);
  // The recorder chunk (posthog-js's bundled recorder; only it holds rrweb's console plugin) is held back until the
  // button is down, so the press is certain to come before the recorder could start.
  let pressed!: () => void;
  const buttonDown = new Promise<void>((resolve) => (pressed = resolve));
  let recorderChunk = false;
  await page.route('**/_next/static/chunks/*.js', async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (body.includes('rrweb/console@1')) {
      recorderChunk = true;
      await buttonDown;
    }
    await route.fulfill({ response, body });
  });
  await page.goto('/');
  await page.waitForFunction(posthogLoaded, null, { timeout: 30_000 });
  // A press on an empty strip of the page (no link, no button), held.
  await page.mouse.move(4, 300);
  await page.mouse.down();
  pressed();
  const sessionId = (await page.evaluate(telemetrySnapshot))!.sessionId!;
  // Long enough for the idle chain (recorder chunk, then the start) and PostHog's remote config on a loaded machine.
  await page.waitForTimeout(4_000);
  const during = await page.evaluate(() => ({
    started: window.__orbit?.telemetry?.posthog?.sessionRecordingStarted() ?? null,
    mark: performance.getEntriesByName('orbit:recorder-start').length,
  }));
  expect(recorderChunk, 'the recorder chunk was requested (PostHog is up, recording on)').toBe(true);
  expect(during, 'recorder state while the mouse button is held').toEqual({ started: false, mark: 0 });

  const releasedAt = await page.evaluate(() => Date.now());
  await page.mouse.up();
  await page.unrouteAll({ behavior: 'ignoreErrors' }); // chunk requests of the next pages go straight to the server
  await page.waitForFunction(() => window.__orbit?.telemetry?.posthog?.sessionRecordingStarted() === true, null, { timeout: 30_000 });
  await page.waitForTimeout(1000);
  await page.goto('/pricing'); // leaving flushes the recorder's buffer
  const snapshots = (await inbox.waitForRecording(sessionId, { minSnapshots: 2, timeout: 30_000 })) as { type?: number; timestamp?: number }[];
  const full = snapshots.find((s) => s.type === 2);
  expect(full, 'rrweb full snapshot').toBeDefined();
  // Taken in the quiet idle period after the release, not while the button was down (nor right after it).
  expect(full!.timestamp! - releasedAt, 'full snapshot time after the release, ms').toBeGreaterThanOrEqual(QUIET_MS - 50);
});
