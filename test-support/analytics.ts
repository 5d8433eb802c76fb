// Server analytics in unit tests: events leave posthog-node's queue in batches after the response; a test waits for
// them the way the app's after() does, then reads what the in-process collector stored.

/** Flushes until posthog-node's queue is empty (a flush can queue more: identify, group), at most `rounds` times. */
export async function drainServerAnalytics(rounds = 20): Promise<void> {
  const { serverAnalytics } = await import('@/lib/analytics/server/client');
  for (let i = 0; i < rounds; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await serverAnalytics().flush();
    if (serverAnalytics().stats().queued === 0) return;
  }
}
