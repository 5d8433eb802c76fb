// The `beforeSend` / `beforeSendSpan` / `beforeSendTransaction` / `beforeBreadcrumb` hooks shared by the browser,
// server and edge configs: a chain of small named filters, each unit-tested (before-send.test.ts, scrub.test.ts).
// Order matters: drop what must never be reported, tag, then scrub last so nothing a filter added can leak.
import type { DataCollection } from '@sentry/core';
import { classifyError, isNextControlFlow, isNextControlFlowText } from './classify';
import { FILTERED, scrubDeep, scrubEvent } from './scrub';
import { epochSpanTimes } from './span-times';

/**
 * What the Sentry SDKs may collect, set explicitly in every config (browser, server, edge) rather than left to the
 * SDK's defaults, which in @sentry/nextjs 11 collect every request and response body (a sign-up's password
 * included) and the client's IP. Off: all HTTP bodies, and `userInfo` (IPs, on events, spans and sessions, and
 * Relay's IP inference for browser envelopes). Orbit identifies users by id only (setUser({ id })). Headers,
 * cookies and query strings keep the SDK's filtering and pass through the scrubbers below. See
 * docs/error-tracking.md.
 */
export const DATA_COLLECTION: Readonly<DataCollection> = Object.freeze({
  httpBodies: [],
  userInfo: false,
});

type Tags = Record<string, unknown>;
export type EventLike = {
  event_id?: string;
  level?: string;
  tags?: Tags;
  exception?: { values?: Array<{ type?: string; value?: string; mechanism?: { type?: string; handled?: boolean } }> };
  request?: { url?: string; cookies?: unknown; headers?: Record<string, unknown> };
};
export type HintLike = { originalException?: unknown };
export type EventFilter = (event: EventLike, hint: HintLike) => EventLike | null;

/** redirect()/notFound() and their digests are control flow, never errors. */
export const dropNextControlFlow: EventFilter = (event, hint) => {
  if (isNextControlFlow(hint.originalException) || isNextControlFlowText(event.exception?.values?.[0]?.value)) return null;
  return event;
};

/** `error.category` and `error.severity` unless the capture site already chose them. */
export const tagCategory: EventFilter = (event, hint) => {
  const { category, severity } = classifyError(hint.originalException ?? { name: event.exception?.values?.[0]?.type, message: event.exception?.values?.[0]?.value });
  const tags = { ...event.tags };
  tags['error.category'] ??= category;
  tags['error.severity'] ??= severity;
  return { ...event, tags };
};

/** Emails, tokens, card numbers, cookies and auth headers: see scrub.ts. */
export const scrubPrivacy: EventFilter = (event) => scrubEvent(event);

export const EVENT_FILTERS: EventFilter[] = [dropNextControlFlow, tagCategory, scrubPrivacy];

export function runFilters<E extends EventLike>(filters: EventFilter[], event: E, hint: HintLike = {}): E | null {
  let current: EventLike | null = event;
  for (const filter of filters) {
    if (!current) return null;
    current = filter(current, hint);
  }
  return current as E | null;
}

/** For `beforeSend` (error events). */
export function beforeSend<E extends EventLike>(event: E, hint: HintLike): E | null {
  try {
    return runFilters(EVENT_FILTERS, event, hint);
  } catch {
    // A filter bug must not leak raw data: drop the event rather than send it unscrubbed.
    return null;
  }
}

/** For `beforeSendTransaction` (only used with traceLifecycle 'static'; v11 streams spans by default). */
export function beforeSendTransaction<E extends EventLike>(event: E): E | null {
  try {
    return scrubEvent(event);
  } catch {
    return null;
  }
}

/** Span fields that are ids, times and flags: all a span keeps when its payload cannot be scrubbed. */
const SPAN_SKELETON = ['trace_id', 'span_id', 'parent_span_id', 'start_timestamp', 'end_timestamp', 'timestamp', 'status', 'is_segment', 'op'] as const;

/** What a span becomes when scrubbing fails: its ids and times, name and attributes [Filtered]. */
function filteredSpan<S extends object>(span: S): S {
  const out: Record<string, unknown> = { name: FILTERED, attributes: {} };
  for (const key of SPAN_SKELETON) {
    try {
      const v = (span as Record<string, unknown>)[key];
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = typeof v === 'string' ? v.slice(0, 64) : v;
    } catch {
      // A throwing getter: leave the field out.
    }
  }
  return out as S;
}

/**
 * For `beforeSendSpan` (streamed spans): attribute values and names are scrubbed, secret-named attributes dropped.
 * The SDK cannot drop a span here and sends the original when this hook throws or returns null, so it never
 * throws: a span that cannot be scrubbed is sent as its skeleton (filteredSpan).
 */
export function beforeSendSpan<S extends object>(span: S): S {
  try {
    const out = scrubDeep(span);
    return out && typeof out === 'object' ? epochSpanTimes(out) : filteredSpan(span);
  } catch {
    return filteredSpan(span);
  }
}

/** For `beforeBreadcrumb`: URLs, messages and data of every breadcrumb. */
export function beforeBreadcrumb<B extends object>(breadcrumb: B): B | null {
  try {
    return scrubDeep(breadcrumb);
  } catch {
    return null;
  }
}
