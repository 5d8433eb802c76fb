// A recording of the landing page plays back styled, and its full snapshot stays small: Orbit's own style sheets are
// recorded by URL (the player loads them from Orbit's origin), not stringified into the snapshot
// (lib/telemetry/browser/posthog-init.ts RECORDING_COST; docs/performance.md). The replay is checked in the inbox's
// rrweb-player: the hero's call to action has the live page's colours and size, i.e. Tailwind's sheet applied.
import type { Frame } from '@playwright/test';
import { expect, test } from './fixtures';
import { posthogLoaded, telemetrySnapshot } from './support/telemetry-hook';

const CTA = '[data-cta-id="hero_start_free"]';

type SnapshotNode = { tagName?: string; attributes?: Record<string, unknown>; childNodes?: SnapshotNode[] };

/** Every element of an rrweb full snapshot's node tree. */
function elements(node: SnapshotNode | undefined, out: SnapshotNode[] = []): SnapshotNode[] {
  if (!node) return out;
  if (node.tagName) out.push(node);
  for (const child of node.childNodes ?? []) elements(child, out);
  return out;
}

const styleOf = (selector: string) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  const s = getComputedStyle(el);
  return { background: s.backgroundColor, color: s.color, radius: s.borderTopLeftRadius, paddingLeft: s.paddingLeft, display: s.display };
};

test('the landing page replays styled, its style sheets recorded by URL instead of inlined', async ({ page, inbox }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.waitForFunction(posthogLoaded, null, { timeout: 30_000 });
  const sessionId = (await page.evaluate(telemetrySnapshot))!.sessionId!;
  const live = await page.evaluate(styleOf, CTA);
  expect(live, 'the hero CTA on the live page').not.toBeNull();
  // Tailwind's button: a coloured background, not the browser default.
  expect(live!.background).not.toBe('rgba(0, 0, 0, 0)');

  // The recorder starts after PostHog's remote config; leaving the page flushes its buffer.
  await page.waitForFunction(() => window.__orbit?.telemetry?.posthog?.sessionRecordingStarted() === true, null, { timeout: 30_000 });
  await page.waitForTimeout(1000);
  await page.goto('/pricing');
  const snapshots = (await inbox.waitForRecording(sessionId, { minSnapshots: 2, timeout: 30_000 })) as { type?: number; data?: { node?: SnapshotNode } }[];
  const full = snapshots.find((s) => s.type === 2);
  expect(full, 'rrweb full snapshot').toBeDefined();
  const nodes = elements(full!.data?.node);
  const sheets = nodes.filter((n) => n.tagName === 'link' && String(n.attributes?.['rel']).includes('stylesheet'));
  expect(sheets.length, 'style sheet links in the snapshot').toBeGreaterThan(0);
  // Recorded by URL (Orbit's own origin), never as the sheet's stringified rules.
  for (const sheet of sheets) {
    expect(String(sheet.attributes?.['href'])).toMatch(/\/_next\/static\/.+\.css/);
    expect(sheet.attributes, 'inlined CSS text').not.toHaveProperty('_cssText');
  }
  // Slim DOM: no script contents in the snapshot.
  expect(nodes.filter((n) => n.tagName === 'script'), 'script elements in the snapshot').toEqual([]);

  await page.goto(`/dev/inbox/recordings/${encodeURIComponent(sessionId)}`);
  const iframe = page.getByTestId('recording-player').locator('iframe');
  await expect(iframe).toBeAttached({ timeout: 30_000 });
  const replay = (await (await iframe.elementHandle())!.contentFrame()) as Frame;
  await expect.poll(() => replay.evaluate(styleOf, CTA), { timeout: 20_000, message: 'the hero CTA in the replay, styled as on the live page' }).toEqual(live);
});
