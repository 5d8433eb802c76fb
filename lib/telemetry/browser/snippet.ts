// The inline <head> script: the only code that runs before the bundles, so the only place that sees errors thrown
// while they load. It creates the page's one telemetry global, remembers the landing URL and referrer, and queues
// errors (with the real Error object, so the stack survives) until Sentry takes them (state.ts
// `takeSnippetErrors`), then stays silent. Plain ES5, hand-minified: this string is sent in every HTML response,
// which is why the global's fields are single letters — here, and in state.ts where they are read once.
import type { ConsentMode } from './consent';
import type { TelemetryState } from './state';
import type { PersonProperties, GroupProperties } from '@/lib/analytics/person-properties';

/** Bound of every early queue (the snippet's and state.ts's): a broken page must not grow memory without limit. */
export const MAX_QUEUE = 300;

/** What the snippet queues: `k` kind (err: uncaught error, rej: unhandled rejection), `t` time, `u` URL. */
type SnippetItem =
  | { k: 'err'; e?: unknown; m?: string; f?: string; l?: number; c?: number; t: number; u: string }
  | { k: 'rej'; e?: unknown; t: number; u: string };

/** window.__orbit */
type OrbitGlobal = {
  /** errors caught before Sentry loaded */
  q: SnippetItem[];
  /** landing URL */
  u: string;
  /** document.referrer at landing */
  r?: string;
  /** the server's bootstrap (server-bootstrap.ts) */
  b?: OrbitBootstrap;
  /** set when Sentry owns errors: the snippet stops queueing */
  s?: 1;
  /** the module's readable state (state.ts) */
  telemetry?: TelemetryState;
};

declare global {
  interface Window {
    __orbit?: OrbitGlobal;
  }
}

/** Super-properties on every event: who, which plan, which build. */
export type SuperProperties = {
  app: 'orbit';
  app_version: string;
  deployment: string;
  auth_state: 'anonymous' | 'authenticated';
  plan: string | null;
  workspace_id: string | null;
  ui_theme: 'light' | 'dark';
};

/**
 * Where the browser's errors go and where its links point, from the server's runtime configuration: nothing of it is
 * inlined into the bundle, so one build serves every deployment (lib/monitoring/server/link-config.ts).
 */
export type BrowserMonitoring = {
  /** local mode: Sentry posts to the embedded collector and links open the inbox, both on the page's own origin */
  local: boolean;
  /** the browser's Sentry DSN (NEXT_PUBLIC_SENTRY_DSN), reached through Orbit's /monitoring tunnel; '' = no Sentry */
  dsn: string;
  /** PostHog's UI origin, for the person and recording links on Sentry events */
  posthogUi: string;
  /** Sentry's issues UI, for the link on `$exception` (with SENTRY_ORG) */
  sentryUi?: string;
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
  user: { id: string; props: PersonProperties } | null;
  workspace: { id: string; props: GroupProperties } | null;
  monitoring: BrowserMonitoring;
  /** POSTHOG_CLIENT_IP=none: every event says `$geoip_disable` (the relay forwards no address to locate) */
  geoipDisable?: boolean;
  /** development: invalid events throw; production: the invalid keys are dropped and reported */
  dev: boolean;
};

const EARLY_QUEUE_SNIPPET =
  "(function(w){var o=w.__orbit=w.__orbit||{q:[],u:location.href};o.r=document.referrer;" +
  `function p(x){if(!o.s&&o.q.length<${MAX_QUEUE}){x.t=Date.now();x.u=location.href;o.q.push(x)}}` +
  "w.addEventListener('error',function(e){p({k:'err',e:e.error,m:e.message,f:e.filename,l:e.lineno,c:e.colno})});" +
  "w.addEventListener('unhandledrejection',function(e){p({k:'rej',e:e.reason})})})(window)";

/** JSON that is safe inside an inline <script>: no `</script>`, no HTML comment, no line separators. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The snippet plus the server's bootstrap data for the lazy SDK loader. */
export function headScript(bootstrap: OrbitBootstrap): string {
  return `${EARLY_QUEUE_SNIPPET};window.__orbit.b=${inlineJson(bootstrap)}`;
}
