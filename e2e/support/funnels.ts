// Playwright's view of Orbit's funnels: the same definitions the inbox and the provisioner read
// (lib/analytics/insights/funnels.ts), computed with the inbox's own funnel code over what the real SDKs sent for
// one person. A renamed event or a step that stops being emitted fails the journey that should walk it.
import { funnelByKey, type FunnelKey } from '@/lib/analytics/insights';
import { computeFunnel } from '@/lib/inbox/ui/funnel';
import { expect } from '@playwright/test';
import type { Inbox } from '../inbox';

/** Labels of the steps this person reached, in order (the furthest attempt within the conversion window). */
async function funnelProgress(inbox: Inbox, key: FunnelKey, { distinctId, since }: { distinctId: string; since?: string }): Promise<string[]> {
  const funnel = funnelByKey(key);
  const events = await inbox.events({ distinctId, since, limit: 1000 });
  // Every event here belongs to this one person (the query follows merged ids).
  const result = computeFunnel(funnel, events, () => distinctId);
  return result.steps.filter((s) => s.count > 0).map((s) => s.label);
}

/** Waits until the person has walked the funnel's first `steps` steps (all of them by default), in order. */
export async function expectFunnel(inbox: Inbox, key: FunnelKey, who: { distinctId: string; since?: string }, steps?: number): Promise<void> {
  const funnel = funnelByKey(key);
  const want = funnel.steps.slice(0, steps ?? funnel.steps.length).map((s) => s.label);
  await expect.poll(async () => (await funnelProgress(inbox, key, who)).slice(0, want.length), { timeout: 20_000, message: `funnel ${key} for ${who.distinctId}` }).toEqual(want);
}
