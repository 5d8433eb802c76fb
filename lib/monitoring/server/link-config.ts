// Where links between PostHog and Sentry point, and where the browser sends its errors: decided by the server from its
// runtime configuration, for server events and for the page's bootstrap alike, so one build serves every deployment.
import 'server-only';
import { DEFAULT_POSTHOG_HOST, POSTHOG_LOCAL_KEY } from '@/lib/analytics/constants';
import { env, localInbox } from '@/lib/env';
import { sentryOrgUi, sentryProjectIdFromDsn, type LinkConfig } from '@/lib/monitoring/shared/posthog-link';
import type { BrowserMonitoring } from '@/lib/telemetry/browser/snippet';

/** PostHog's UI for an ingest host: us.i.posthog.com → us.posthog.com (NEXT_PUBLIC_POSTHOG_UI_HOST wins). */
function posthogUiHost(): string {
  const host = env.NEXT_PUBLIC_POSTHOG_HOST ?? DEFAULT_POSTHOG_HOST;
  return env.NEXT_PUBLIC_POSTHOG_UI_HOST ?? host.replace(/^(https?:\/\/)(us|eu)\.i\./, '$1$2.');
}

export function serverLinkConfig(): LinkConfig {
  const origin = env.APP_URL ?? process.env.__NEXT_PRIVATE_ORIGIN ?? '';
  return {
    local: localInbox,
    posthogUi: localInbox ? origin : posthogUiHost(),
    posthogKey: env.NEXT_PUBLIC_POSTHOG_KEY ?? POSTHOG_LOCAL_KEY,
    sentryUi: localInbox ? origin : sentryOrgUi(env.SENTRY_ORG, env.SENTRY_URL),
    sentryProjectId: localInbox ? undefined : sentryProjectIdFromDsn(env.SENTRY_DSN ?? env.NEXT_PUBLIC_SENTRY_DSN),
  };
}

/** The browser's half: in local mode it addresses the collector and the inbox on the page's own origin. */
export function browserMonitoring(): BrowserMonitoring {
  if (localInbox) return { local: true, dsn: '', posthogUi: '' };
  const { posthogUi, sentryUi } = serverLinkConfig();
  return { local: false, dsn: env.NEXT_PUBLIC_SENTRY_DSN ?? '', posthogUi, ...(sentryUi ? { sentryUi } : {}) };
}
