// The deployment's forwarder: started by instrumentation.ts once the database is migrated, outside local mode and
// with PostHog or Sentry configured. Stored rows go where the configuration says now: a PostHog path is rebuilt on
// the configured host, an envelope goes to the configured DSN (a destination switched off meanwhile drops its rows).
import 'server-only';
import { serverAnalytics } from '@/lib/analytics/server/client';
import { env, localInbox } from '@/lib/env';
import { installRelayForwarder, RelayForwarder } from './forwarder';
import { backlog } from './queue';
import { storedPosthogTarget } from './posthog-proxy';
import { configuredEnvelopeEndpoint } from './sentry-tunnel';

export function startRelayForwarder(): void {
  if (localInbox || !(env.NEXT_PUBLIC_POSTHOG_KEY || env.NEXT_PUBLIC_SENTRY_DSN)) return;
  installRelayForwarder(
    new RelayForwarder({
      target: (row) =>
        row.destination === 'posthog'
          ? env.NEXT_PUBLIC_POSTHOG_KEY
            ? storedPosthogTarget(row.path, env.NEXT_PUBLIC_POSTHOG_HOST)
            : null
          : configuredEnvelopeEndpoint(env.NEXT_PUBLIC_SENTRY_DSN),
      timeoutMs: env.RELAY_FORWARD_TIMEOUT_MS,
      // The deployment reporting on itself: personless, never a visitor.
      report: (report) => serverAnalytics().capture('analytics.relay_backlog', report, { distinctId: 'orbit_server', hasPerson: false }),
    }),
  );
  // The start-up output says what a previous process left to deliver (the health output says it from then on).
  void backlog().then(
    ({ rows, bytes, oldestStoredAt }) => {
      if (rows === 0 || oldestStoredAt === null) return;
      console.info(`[relay] ${rows} stored request(s), ${bytes} bytes, the oldest ${Math.round((Date.now() - oldestStoredAt) / 1000)} s old: delivering to PostHog/Sentry`);
    },
    () => undefined,
  );
}
