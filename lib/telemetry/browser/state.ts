// The browser telemetry's state, with readable names. It lives on the head snippet's global (snippet.ts), not in a
// module variable, so every bundle and chunk that imports this module sees the same queue whatever chunk it sits in.
// The snippet's short keys are read here once — landing URL, referrer, server bootstrap at the first access, the
// errors it caught when Sentry takes them — and nowhere else. Type-only imports: this file ships in first-load JS
// and must never pull an SDK in.
import type { PostHog } from 'posthog-js/dist/module.slim';
import type { ConsentState } from './consent';
import type { ReportContext } from './report-error';
import { MAX_QUEUE, type OrbitBootstrap } from './snippet';

/** `carried`: handed over by the page before in this tab (`carryOverQueue`), so from another page load. */
type Stamp = { at: number; url: string; carried?: true };
export type NavigationType = 'push' | 'replace' | 'traverse';
export type PostHogMethod = 'identify' | 'reset' | 'group' | 'register' | 'getFeatureFlag';

/** What happened before the SDK it belongs to was loaded; each SDK takes its kinds when it loads. */
export type QueuedItem =
  /** an uncaught error the head snippet saw */
  | (Stamp & { kind: 'error'; error?: unknown; message?: string; file?: string; line?: number; column?: number })
  /** an unhandled rejection the head snippet saw */
  | (Stamp & { kind: 'rejection'; reason?: unknown })
  /** a handled error (`reportError`) */
  | (Stamp & { kind: 'exception'; error: unknown; context?: ReportContext })
  /** a catalog event (`track`), validated when the SDK chunk replays it */
  | (Stamp & { kind: 'event'; name: string; properties?: Record<string, unknown> })
  /** another PostHog call (identity, flags), replayed in order */
  | (Stamp & { kind: 'posthog'; method: PostHogMethod; args: unknown[] })
  | (Stamp & { kind: 'pageview'; href: string })
  | (Stamp & { kind: 'navigation'; href: string; navigationType: NavigationType });
export type QueuedKind = QueuedItem['kind'];
export const SENTRY_KINDS = ['error', 'rejection', 'exception', 'navigation'] as const;
export const ANALYTICS_KINDS = ['pageview', 'event', 'posthog'] as const;

export type Crumb = { category: string; message: string; data?: Record<string, unknown>; level?: 'info' | 'warning' | 'error'; type?: string; timestamp?: number };

/** The loaded Sentry SDK as the rest of the module uses it (sentry.ts). */
export type SentryFacade = {
  captureException: (error: unknown, context?: ReportContext) => string;
  captureRouterTransitionStart: (href: string, navigationType: string) => void;
  addBreadcrumb: (crumb: Crumb) => void;
  setUser: (user: { id: string } | null) => void;
};

export type TelemetryState = {
  queue: QueuedItem[];
  landingUrl: string;
  /** document.referrer at landing */
  referrer: string;
  bootstrap?: OrbitBootstrap;
  /** set once posthog-js is initialised (posthog-init.ts) */
  posthog?: PostHog;
  /** validated `track`, installed with posthog-js: captured after the next paint (after-paint.ts) */
  trackValidated?: (name: string, props: Record<string, unknown> | undefined, at?: number) => void;
  /** captures now what `trackValidated` still holds (before identify, group, reset, register, a URL change); never throws */
  flushTracks?: () => void;
  /** set once Sentry is initialised (sentry.ts) */
  sentry?: SentryFacade;
  /** breadcrumbs and the user reported before Sentry loaded (report-error.ts) */
  crumbs: Crumb[];
  pendingUser?: { id: string } | null;
  /** consent as the loader last decided it; `chooseConsent` is how the banner reports an answer */
  consent?: ConsentState;
  chooseConsent?: (choice: 'granted' | 'denied') => void;
  /** path + search of the last pageview queued before PostHog loaded (dedupes history calls) */
  lastPageviewPath?: string;
  /** when the current view was shown: telemetry's start on a full page load, the URL change of a client navigation */
  shownAt?: number;
};

export const INSTRUMENTATION_OFF = process.env.NEXT_PUBLIC_INSTRUMENTATION === 'off';

/** The state, created from the head snippet's global at the first access (or from scratch without the snippet). */
export function telemetry(): TelemetryState {
  const global = (window.__orbit ??= { q: [], u: location.href });
  return (global.telemetry ??= { queue: [], landingUrl: global.u, referrer: global.r ?? '', bootstrap: global.b, crumbs: [] });
}

/** Never let a broken page (error loop, event spam) grow the queue without bound. */
export function enqueue(state: TelemetryState, item: QueuedItem): void {
  if (state.queue.length < MAX_QUEUE) state.queue.push(item);
}

/** Removes and returns the queued items of the given kinds, keeping the others (for the other SDK). */
export function take<K extends QueuedKind>(state: TelemetryState, kinds: readonly K[]): Array<Extract<QueuedItem, { kind: K }>> {
  const wanted = (i: QueuedItem): i is Extract<QueuedItem, { kind: K }> => (kinds as readonly string[]).includes(i.kind);
  const taken = state.queue.filter(wanted);
  state.queue = state.queue.filter((i) => !wanted(i));
  return taken;
}

/** sessionStorage key of the analytics items a page left before posthog-js started on it (`carryOverQueue`). */
const CARRY_OVER_KEY = 'orbit:queued';
/** Bound of what is carried over, serialised: beyond it the items are dropped rather than stored half. */
const CARRY_OVER_MAX_BYTES = 64 * 1024;

const isAnalyticsItem = (i: QueuedItem): boolean => (ANALYTICS_KINDS as readonly string[]).includes(i.kind);

/**
 * A full-page navigation (a form post, a plain link, a redirect) right after load leaves before posthog-js has
 * started, and the early queue lives in the page's memory: the events captured there (a click's catalog event, the
 * page's own `$pageview`) would be lost. So the page hands its analytics items to the next page of the same tab on
 * `pagehide`, in sessionStorage (same origin, this tab only, gone with it), and the next page replays them first,
 * with their own time and URL. Only with consent granted (nothing is stored before a "yes" or after a "no"), and only
 * analytics items: they are JSON by construction (catalog properties, ids), unlike the Error objects Sentry takes.
 * The items handed over leave this page's memory: a page restored from the back/forward cache must not replay what
 * the next page already replayed. If the next page never took them (it was on another origin, or storage was read
 * by nobody), the restored page takes them back.
 */
export function carryOverQueue(state: TelemetryState): void {
  let storage: Storage;
  try {
    storage = window.sessionStorage;
    const carried = storage.getItem(CARRY_OVER_KEY);
    storage.removeItem(CARRY_OVER_KEY);
    const items = carried ? (JSON.parse(carried) as unknown) : [];
    if (Array.isArray(items) && state.consent !== 'denied') {
      const valid = items.filter((i): i is QueuedItem => !!i && typeof i === 'object' && isAnalyticsItem(i as QueuedItem) && typeof (i as QueuedItem).at === 'number');
      state.queue = [...valid.map((i) => ({ ...i, carried: true as const })), ...state.queue].slice(0, MAX_QUEUE);
    }
  } catch {
    return; // storage blocked (privacy mode, sandboxed frame) or a value not ours: nothing is carried
  }
  /** What this page handed over at its last `pagehide`: the items and their serialised form in storage. */
  let handedOver: { items: QueuedItem[]; json: string } | undefined;
  window.addEventListener('pagehide', () => {
    try {
      const items = state.posthog || state.consent !== 'granted' ? [] : state.queue.filter(isAnalyticsItem);
      const json = JSON.stringify(items);
      if (!items.length || json.length > CARRY_OVER_MAX_BYTES) return;
      storage.setItem(CARRY_OVER_KEY, json);
      handedOver = { items, json };
      state.queue = state.queue.filter((i) => !isAnalyticsItem(i));
    } catch {
      // full or blocked storage: the items stay in memory (lost with the page, as without this)
    }
  });
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted || !handedOver) return;
    const { items, json } = handedOver;
    handedOver = undefined;
    try {
      // Still there: nobody replayed them. Gone or replaced: the next page did (or wrote its own), never twice.
      if (storage.getItem(CARRY_OVER_KEY) !== json) return;
      storage.removeItem(CARRY_OVER_KEY);
      state.queue = [...items, ...state.queue].slice(0, MAX_QUEUE);
    } catch {
      // blocked storage: the items stay with the next page, if it could read them
    }
  });
}

/**
 * The errors the head snippet caught, in readable form, and the snippet silenced: from now on Sentry's own handlers
 * see errors. Called once, when Sentry is initialised.
 */
export function takeSnippetErrors(): Array<Extract<QueuedItem, { kind: 'error' | 'rejection' }>> {
  const global = (window.__orbit ??= { q: [], u: location.href });
  global.s = 1;
  return global.q.splice(0).map((i) =>
    i.k === 'err'
      ? { kind: 'error', error: i.e, message: i.m, file: i.f, line: i.l, column: i.c, at: i.t, url: i.u }
      : { kind: 'rejection', reason: i.e, at: i.t, url: i.u },
  );
}
