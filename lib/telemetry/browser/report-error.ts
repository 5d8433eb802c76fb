// The browser's way to report to Sentry without loading it: a few hundred bytes any client component may import.
// Until the lazily loaded SDK is up (sentry.ts, started by loader.ts after idle), errors go into the early queue and
// breadcrumbs and the user are kept in the state; `attachSentry` (called by sentry.ts) drains them. Event ids are
// chosen here, so an error page can show the report ID at once — the SDK sends the event under that same id.
import { enqueue, INSTRUMENTATION_OFF, telemetry, type Crumb, type SentryFacade } from './state';

export type ReportContext = { tags?: Record<string, string>; extra?: Record<string, unknown>; eventId?: string };

const MAX_CRUMBS = 50;

/** 32 hex characters, the format Sentry uses for event ids. */
export function newEventId(): string {
  const c = typeof crypto !== 'undefined' ? crypto : undefined;
  if (c?.randomUUID) return c.randomUUID().replace(/-/g, '');
  let id = '';
  for (let i = 0; i < 32; i++) id += Math.floor(Math.random() * 16).toString(16);
  return id;
}

/** Reports a handled error; returns the Sentry event id it is (or will be) sent under. */
export function reportError(error: unknown, context: ReportContext = {}): string {
  const eventId = context.eventId ?? newEventId();
  if (INSTRUMENTATION_OFF || typeof window === 'undefined') return eventId;
  const state = telemetry();
  const withId = { ...context, eventId };
  if (state.sentry) state.sentry.captureException(error, withId);
  else enqueue(state, { kind: 'exception', error, context: withId, at: Date.now(), url: location.href });
  return eventId;
}

/** A breadcrumb (API call, product action); kept until the SDK is up, then forwarded live. */
export function addBreadcrumb(crumb: Crumb): void {
  if (INSTRUMENTATION_OFF || typeof window === 'undefined') return;
  const stamped = { ...crumb, timestamp: crumb.timestamp ?? Date.now() / 1000 };
  const state = telemetry();
  if (state.sentry) return state.sentry.addBreadcrumb(stamped);
  state.crumbs.push(stamped);
  if (state.crumbs.length > MAX_CRUMBS) state.crumbs.shift();
}

/** Log in: `{ id }` only (never the email). Log out: null. */
export function setErrorUser(user: { id: string } | null): void {
  if (INSTRUMENTATION_OFF || typeof window === 'undefined') return;
  const state = telemetry();
  if (state.sentry) state.sentry.setUser(user);
  else state.pendingUser = user;
}

/** Called once by sentry.ts: from now on everything goes straight to the SDK. */
export function attachSentry(sentry: SentryFacade): void {
  const state = telemetry();
  state.sentry = sentry;
  for (const crumb of state.crumbs.splice(0)) sentry.addBreadcrumb(crumb);
  if (state.pendingUser !== undefined) sentry.setUser(state.pendingUser);
  state.pendingUser = undefined;
}
