// The one global the inline <head> snippet, the first-load facade and the lazy SDK loader share. A global, not a
// module singleton, because the inline snippet runs before any bundle exists. Type-only imports: this file ships in
// first-load JS and must never pull an SDK in.
import type { PostHog } from 'posthog-js/dist/module.slim';
import type { ConsentMode, ConsentState } from '@/lib/analytics/client/consent';

type Base = { t: number; u: string };
export type NavigationType = 'push' | 'replace' | 'traverse';
export type ExceptionContext = { tags?: Record<string, string>; extra?: Record<string, unknown> };
export type PostHogMethod = 'identify' | 'reset' | 'group' | 'register' | 'getFeatureFlag';

export type EarlyItem =
  | (Base & { k: 'err'; e?: unknown; m?: string; f?: string; l?: number; c?: number })
  | (Base & { k: 'rej'; e?: unknown })
  | (Base & { k: 'exc'; e: unknown; x?: ExceptionContext })
  /** a catalog event (`track`), validated when the SDK chunk replays it */
  | (Base & { k: 'ev'; n: string; p?: Record<string, unknown> })
  /** another PostHog call (identity, flags), replayed in order */
  | (Base & { k: 'ph'; m: PostHogMethod; a: unknown[] })
  | (Base & { k: 'pv'; href: string })
  | (Base & { k: 'nav'; href: string; nt: NavigationType });

/** Super-properties on every event (issue 4): who, which plan, which build. */
export type SuperProperties = {
  app: 'orbit';
  app_version: string;
  deployment: string;
  auth_state: 'anonymous' | 'authenticated';
  plan: string | null;
  workspace_id: string | null;
  ui_theme: 'light' | 'dark';
};

/** What the server layout knows and the browser SDK needs at init (serialised into the <head> snippet). */
export type OrbitBootstrap = {
  /** project key: NEXT_PUBLIC_POSTHOG_KEY, or the local collector's key in local mode; '' = no PostHog at all */
  key: string;
  uiHost?: string;
  consent: ConsentMode;
  /** the id the server evaluated flags for: posthog-js's cookie id, the user id, or a fresh anonymous id */
  distinctId: string;
  identified: boolean;
  flags: Record<string, string | boolean>;
  payloads: Record<string, unknown>;
  props: SuperProperties;
  /** person properties sent with identify (never an email or a name) */
  user: { id: string; props: Record<string, string | null> } | null;
  workspace: { id: string; props: Record<string, string | null> } | null;
  /** development: invalid events throw; production: the invalid keys are dropped and reported */
  dev: boolean;
};

/** The slice of @sentry/nextjs the facade forwards to once Sentry is loaded (sentry.client.config.ts). */
export type SentryLike = {
  captureException: (e: unknown, hint?: ExceptionContext) => string;
  captureRouterTransitionStart: (href: string, navigationType: string) => void;
};

export type OrbitGlobal = {
  q: EarlyItem[];
  /** landing URL, taken by the head snippet (or by instrumentation-client when the snippet is missing) */
  u: string;
  /** document.referrer at landing */
  r?: string;
  b?: OrbitBootstrap;
  ph?: PostHog;
  /** validated `track`, installed by the lazy PostHog chunk */
  t?: (name: string, props: Record<string, unknown> | undefined) => void;
  s?: SentryLike;
  /** consent state as the loader last decided it; `c` is how the banner reports a choice */
  cs?: ConsentState;
  c?: (choice: 'granted' | 'denied') => void;
  /** path + search of the last pageview queued before PostHog loaded (dedupes history calls) */
  lp?: string;
  /** timestamps for the early-queue proof: when SDK loading started / PostHog was ready */
  ls?: number;
  ld?: number;
};

declare global {
  interface Window {
    __orbit?: OrbitGlobal;
  }
}

export function orbit(): OrbitGlobal {
  return (window.__orbit ??= { q: [], u: location.href });
}

/** Never let a broken page (error loop, event spam) grow the queue without bound. */
export const MAX_QUEUE = 300;

export function enqueue(o: OrbitGlobal, item: EarlyItem): void {
  if (o.q.length < MAX_QUEUE) o.q.push(item);
}

export const INSTRUMENTATION_OFF = process.env.NEXT_PUBLIC_INSTRUMENTATION === 'off';
