// The browser's way to report to Sentry without loading it: a few hundred bytes any client component may import.
// Until the lazily loaded SDK is up (sentry.client.config.ts, started by instrumentation-client.ts after idle),
// errors go into the shared early queue (window.__orbit.q, see the lazy SDK design) and breadcrumbs and the user
// are kept here; `attachSentry` (called by initSentry) drains them. Event ids are chosen here, so an error page can
// show the report ID at once — the SDK sends the event under that same id.

export type ReportContext = { tags?: Record<string, string>; extra?: Record<string, unknown>; eventId?: string };

/** What the loaded SDK offers this module (implemented in sentry.client.config.ts). */
export type SentryBridge = {
  captureException: (error: unknown, context?: ReportContext) => string;
  addBreadcrumb: (crumb: Crumb) => void;
  setUser: (user: { id: string } | null) => void;
};

export type Crumb = { category: string; message: string; data?: Record<string, unknown>; level?: 'info' | 'warning' | 'error'; type?: string; timestamp?: number };

type QueueView = { q: Array<Record<string, unknown>>; u: string; s?: { captureException: (e: unknown, x?: ReportContext) => unknown } };

const MAX_CRUMBS = 50;
let bridge: SentryBridge | undefined;
const crumbs: Crumb[] = [];
let pendingUser: { id: string } | null | undefined;

function queue(): QueueView | undefined {
  if (typeof window === 'undefined') return undefined;
  const w = window as unknown as { __orbit?: QueueView };
  return (w.__orbit ??= { q: [], u: location.href });
}

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
  if (process.env.NEXT_PUBLIC_INSTRUMENTATION === 'off') return eventId;
  const x = { ...context, eventId };
  if (bridge) {
    bridge.captureException(error, x);
    return eventId;
  }
  const o = queue();
  if (!o) return eventId;
  if (o.s) o.s.captureException(error, x);
  else if (o.q.length < 300) o.q.push({ k: 'exc', e: error, x, t: Date.now(), u: location.href });
  return eventId;
}

/** A breadcrumb (API call, product action); kept until the SDK is up, then forwarded live. */
export function addBreadcrumb(crumb: Crumb): void {
  if (process.env.NEXT_PUBLIC_INSTRUMENTATION === 'off') return;
  const stamped = { ...crumb, timestamp: crumb.timestamp ?? Date.now() / 1000 };
  if (bridge) return bridge.addBreadcrumb(stamped);
  crumbs.push(stamped);
  if (crumbs.length > MAX_CRUMBS) crumbs.shift();
}

/** Log in: `{ id }` only (never the email). Log out: null. */
export function setErrorUser(user: { id: string } | null): void {
  if (process.env.NEXT_PUBLIC_INSTRUMENTATION === 'off') return;
  if (bridge) bridge.setUser(user);
  else pendingUser = user;
}

/** Called once by initSentry: from now on everything goes straight to the SDK. */
export function attachSentry(b: SentryBridge): void {
  bridge = b;
  for (const c of crumbs.splice(0)) b.addBreadcrumb(c);
  if (pendingUser !== undefined) b.setUser(pendingUser);
  pendingUser = undefined;
}
