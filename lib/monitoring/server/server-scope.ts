// Server-side context for Sentry, set once per request where Orbit learns who is calling: the user (id only), the
// workspace and plan, the route, and the PostHog identity the browser sent (headers or posthog-js's cookie), so
// every server event links to the same PostHog person and recording as the browser's.
import 'server-only';
import type { Event } from '@sentry/core';
import { getIsolationScope } from '@sentry/nextjs';
import { POSTHOG_LOCAL_KEY } from '@/lib/analytics/constants';
import { requestPosthogIds, type PostHogIdentity } from '@/lib/analytics/posthog-cookie';
import { env } from '@/lib/env';
import { posthogTags } from '@/lib/monitoring/shared/posthog-link';
import { serverLinkConfig } from './link-config';

/** The PostHog identity of a request, read as server analytics reads it: `x-posthog-*` headers first, else the cookie. */
export function posthogIdentity(headers: Headers): PostHogIdentity | null {
  const { distinctId, sessionId } = requestPosthogIds(headers, env.NEXT_PUBLIC_POSTHOG_KEY ?? POSTHOG_LOCAL_KEY);
  return distinctId ? { distinctId, sessionId: sessionId ?? undefined } : null;
}

export type RequestIdentity = {
  user?: { id: string } | null;
  workspace?: { id: string; plan: string } | null;
  headers?: Headers;
};

/** Puts the caller on this request's isolation scope; every event and span of the request inherits it. */
export function identifyRequest({ user, workspace, headers }: RequestIdentity): void {
  try {
    const scope = getIsolationScope();
    if (user !== undefined) scope.setUser(user ? { id: user.id } : null);
    if (workspace) scope.setTags({ workspace_id: workspace.id, plan: workspace.plan });
    // A signed-in user's PostHog distinct id is their user id (identify on log in), when the browser sent none.
    const identity = (headers ? posthogIdentity(headers) : null) ?? (user ? { distinctId: user.id } : null);
    if (identity) {
      // The recording opens at this request (its errors come within it).
      const { tags, context } = posthogTags(serverLinkConfig(), identity, Date.now());
      scope.setTags(tags);
      scope.setContext('posthog', context);
    }
  } catch {
    // Instrumentation never breaks the request.
  }
}

/**
 * Event processor for requests that never reached the mutation wrapper (a server component render): they still link
 * to the browser's PostHog person, read from the request the SDK attached to the event.
 */
export function linkRequestToPostHog(event: Event): Event {
  if (event.type !== undefined || event.tags?.['posthog.distinct_id']) return event;
  const raw = event.request?.headers;
  if (!raw) return event;
  const identity = posthogIdentity(new Headers(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string')));
  if (!identity) return event;
  const { tags, context } = posthogTags(serverLinkConfig(), identity, typeof event.timestamp === 'number' ? event.timestamp * 1000 : Date.now());
  event.tags = { ...event.tags, ...tags };
  event.contexts = { ...event.contexts, posthog: context };
  return event;
}
