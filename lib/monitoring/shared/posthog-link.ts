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
  /** Where Sentry events can be found: in local mode Orbit's origin, else the Sentry org's URL. */
  sentryUi?: string;
  /** The Sentry project (the DSN's last path segment), narrowing the issue search as posthog-js's link does. */
  sentryProjectId?: string;
};

function personUrl(cfg: LinkConfig, distinctId: string): string {
  const id = encodeURIComponent(distinctId);
  return cfg.local ? `${cfg.posthogUi}/dev/inbox/persons/${id}` : `${cfg.posthogUi}/project/${cfg.posthogKey}/person/${id}`;
}

/** Seconds before the moment the replay link opens at: posthog-js's own default (get_session_replay_url). */
const REPLAY_LOOK_BACK_S = 10;

/**
 * When a PostHog session started: posthog-js's session ids are UUIDv7, whose first 48 bits are the start in ms (it
 * reads a bootstrapped session's start the same way); null for any other id.
 */
export function sessionStartMs(sessionId: string): number | null {
  const hex = sessionId.replace(/-/g, '');
  if (!/^[0-9a-f]{12}7[0-9a-f]{19}$/i.test(hex)) return null;
  return parseInt(hex.slice(0, 12), 16);
}

/**
 * The recording of a session, opened at `atMs` (the error's time) when known. PostHog's format is posthog-js's
 * get_session_replay_url({ withTimestamp: true }): `/project/<key>/replay/<session>?t=<seconds into the session, 10
 * s before the moment>`; the local inbox's player takes the moment itself, `?t=<ISO 8601 UTC>` — not epoch ms: a
 * 13-digit number passes the Luhn check one time in ten, and Sentry's scrubbing (scrub.ts) turns it into `[card]`.
 */
function recordingUrl(cfg: LinkConfig, sessionId: string, atMs?: number): string {
  const id = encodeURIComponent(sessionId);
  // Date's range (±8.64e15 ms): beyond it toISOString throws.
  const at = atMs !== undefined && Number.isFinite(atMs) && Math.abs(atMs) <= 8.64e15 ? Math.floor(atMs) : undefined;
  if (cfg.local) return `${cfg.posthogUi}/dev/inbox/recordings/${id}${at !== undefined ? `?t=${new Date(at).toISOString()}` : ''}`;
  const url = `${cfg.posthogUi}/project/${cfg.posthogKey}/replay/${id}`;
  const start = sessionStartMs(sessionId);
  if (at === undefined || start === null) return url;
  return `${url}?t=${Math.max(Math.floor((at - start) / 1000) - REPLAY_LOOK_BACK_S, 0)}`;
}

/** The project id of a Sentry DSN (`https://<key>@<host>/<project id>`), for the link from PostHog to Sentry. */
/**
 * The Sentry organisation's UI, where the `$sentry_url` links go: `<SENTRY_URL>/organizations/<org>` — sentry.io
 * unless a self-hosted Sentry's URL is given. Undefined without an org (no link is better than a wrong one).
 */
export function sentryOrgUi(org: string | undefined, sentryUrl = 'https://sentry.io'): string | undefined {
  if (!org) return undefined;
  let base: URL;
  try {
    base = new URL(sentryUrl);
  } catch {
    return undefined;
  }
  // Its origin and path only: a query or fragment in SENTRY_URL would end up in the middle of every link.
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}/organizations/${encodeURIComponent(org)}`;
}

export function sentryProjectIdFromDsn(dsn: string | undefined): string | undefined {
  if (!dsn) return undefined;
  try {
    const id = new URL(dsn).pathname.split('/').filter(Boolean).at(-1);
    return id && /^\d+$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

function sentryEventUrl(cfg: LinkConfig, eventId: string): string | undefined {
  if (!cfg.sentryUi) return undefined;
  if (cfg.local) return `${cfg.sentryUi}/api/dev/inbox/sentry?type=event&event_id=${eventId}`;
  return `${cfg.sentryUi}/issues/?${cfg.sentryProjectId ? `project=${cfg.sentryProjectId}&` : ''}query=${eventId}`;
}

/**
 * Tags Sentry shows on the event (searchable), plus a `posthog` context with the clickable links; with `atMs` (the
 * event's time) the recording link opens at that moment.
 */
export function posthogTags(cfg: LinkConfig, identity: PostHogIdentity, atMs?: number): { tags: Record<string, string>; context: Record<string, string> } {
  const tags: Record<string, string> = { 'posthog.distinct_id': identity.distinctId };
  const context: Record<string, string> = { distinct_id: identity.distinctId, person_url: personUrl(cfg, identity.distinctId) };
  tags['PostHog Person URL'] = context.person_url as string;
  if (identity.sessionId) {
    tags['posthog.session_id'] = identity.sessionId;
    context.session_id = identity.sessionId;
    context.recording_url = recordingUrl(cfg, identity.sessionId, atMs);
    tags['PostHog Recording URL'] = context.recording_url;
  }
  return { tags, context };
}

type SentryExceptionLike = { type?: string; value?: string; stacktrace?: { frames?: unknown[] } };
type SentryEventLike = { event_id?: string; level?: string; message?: string; exception?: { values?: SentryExceptionLike[] }; tags?: Record<string, unknown> };

/**
 * `$exception` properties in posthog-js's sentryIntegration format, with the link back to Sentry in its format too:
 * `$sentry_url` = `https://sentry.io/organizations/<org>/issues/?project=<project id>&query=<event id>` (Sentry's
 * issue search opens the issue of an event id).
 */
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
