// The bridge between a Sentry event and the PostHog person/session it happened to: tags and links on the Sentry
// event, and the `$exception` properties that send the same exception to PostHog with a link back to Sentry.
// Pure functions (browser, server, edge); the SDK wiring lives in sentry.*.config.ts.

import type { PostHogIdentity } from '@/lib/analytics/posthog-cookie';

export type LinkConfig = {
  /** PostHog UI origin, e.g. https://us.posthog.com, or Orbit's own origin in local mode (the inbox). */
  posthogUi: string;
  /** PostHog project key (used in PostHog UI paths). */
  posthogKey: string;
  /** Local mode: links point at Orbit's /dev/inbox instead of PostHog and Sentry. */
  local: boolean;
  /** Where Sentry events can be found: in local mode Orbit's origin, else the Sentry org's issues URL. */
  sentryUi?: string;
  sentryProjectId?: string;
};

function personUrl(cfg: LinkConfig, distinctId: string): string {
  const id = encodeURIComponent(distinctId);
  return cfg.local ? `${cfg.posthogUi}/dev/inbox/persons/${id}` : `${cfg.posthogUi}/project/${cfg.posthogKey}/person/${id}`;
}

function recordingUrl(cfg: LinkConfig, sessionId: string): string {
  const id = encodeURIComponent(sessionId);
  return cfg.local ? `${cfg.posthogUi}/dev/inbox/recordings/${id}` : `${cfg.posthogUi}/project/${cfg.posthogKey}/replay/${id}`;
}

function sentryEventUrl(cfg: LinkConfig, eventId: string): string | undefined {
  if (!cfg.sentryUi) return undefined;
  if (cfg.local) return `${cfg.sentryUi}/api/dev/inbox/sentry?type=event&event_id=${eventId}`;
  return `${cfg.sentryUi}/issues/?${cfg.sentryProjectId ? `project=${cfg.sentryProjectId}&` : ''}query=${eventId}`;
}

/** Tags Sentry shows on the event (searchable), plus a `posthog` context with the clickable links. */
export function posthogTags(cfg: LinkConfig, identity: PostHogIdentity): { tags: Record<string, string>; context: Record<string, string> } {
  const tags: Record<string, string> = { 'posthog.distinct_id': identity.distinctId };
  const context: Record<string, string> = { distinct_id: identity.distinctId, person_url: personUrl(cfg, identity.distinctId) };
  tags['PostHog Person URL'] = context.person_url as string;
  if (identity.sessionId) {
    tags['posthog.session_id'] = identity.sessionId;
    context.session_id = identity.sessionId;
    context.recording_url = recordingUrl(cfg, identity.sessionId);
    tags['PostHog Recording URL'] = context.recording_url;
  }
  return { tags, context };
}

type SentryExceptionLike = { type?: string; value?: string; stacktrace?: { frames?: unknown[] } };
type SentryEventLike = { event_id?: string; level?: string; message?: string; exception?: { values?: SentryExceptionLike[] }; tags?: Record<string, unknown> };

/** `$exception` properties in posthog-js's sentryIntegration format, with Orbit's link back to the Sentry event. */
export function exceptionProperties(cfg: LinkConfig, event: SentryEventLike): Record<string, unknown> {
  const values = event.exception?.values ?? [];
  const first = values[0];
  const props: Record<string, unknown> = {
    $exception_message: first?.value ?? event.message,
    $exception_type: first?.type,
    $exception_level: event.level ?? 'error',
    $exception_list: values.map((v) => ({ ...v, stacktrace: v.stacktrace ? { ...v.stacktrace, type: 'raw' } : undefined })),
    $sentry_event_id: event.event_id,
    $sentry_exception_message: first?.value ?? event.message,
    $sentry_exception_type: first?.type,
    $sentry_tags: event.tags,
  };
  const url = event.event_id ? sentryEventUrl(cfg, event.event_id) : undefined;
  if (url) props.$sentry_url = url;
  return props;
}
