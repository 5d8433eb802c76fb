// Benchmark only: the naive server-analytics pattern many snippets show — a PostHog client per request, capture,
// then an awaited shutdown() before the response — so `npm run bench` can measure what Orbit's queued,
// after()-flushed capture (lib/analytics/server/client.ts, flush-after.ts) saves. Only its route imports it
// (app/api/bench/naive-tasks), off unless BENCH_NAIVE_ANALYTICS=1 (lib/dev-surfaces.ts).
// See docs/performance.md, "after()-flushing on the server".
import 'server-only';
import { PostHog } from 'posthog-node';
import { env } from '@/lib/env';

/** Sends one event and waits for PostHog's answer: the request pays the full round trip. Never throws. */
export async function captureAndAwait(event: string, distinctId: string, properties: Record<string, string>): Promise<void> {
  const key = env.NEXT_PUBLIC_POSTHOG_KEY;
  const host = env.POSTHOG_HOST ?? env.NEXT_PUBLIC_POSTHOG_HOST;
  if (!key || !host) return;
  const client = new PostHog(key, { host, flushAt: 1, flushInterval: 0, requestTimeout: env.POSTHOG_REQUEST_TIMEOUT_MS });
  client.on('error', () => undefined);
  client.capture({ distinctId, event, properties });
  await client.shutdown().catch(() => undefined);
}
