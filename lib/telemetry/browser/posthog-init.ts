// posthog-js options and the replay of what happened before it loaded. Never imported statically: loader.ts
// `import()`s it after `load` + idle, so posthog-js, zod and the catalog stay out of
// first-load JS (see docs/analytics-setup.md, "Lazy loading"). It holds posthog-js's slim core only; the extension
// classes (posthog-extensions.ts) and the catalog validator (validate.ts, zod) are separate chunks the loader
// imports one idle task at a time and hands in, so no single task evaluates all of it.
import type { CaptureResult, PostHog, PostHogConfig } from 'posthog-js/dist/module.slim';
import posthog from 'posthog-js/dist/module.slim';
import { DEFAULT_POSTHOG_UI_HOST, POSTHOG_API_PATH } from '@/lib/analytics/constants';
import type { guardEvent, InvalidEventReport } from '@/lib/analytics/validate';
import { afterPaintQueue } from './after-paint';
import { entryContext, maskUrl, type EntryContext } from './enrichment';
import { isUntrackedPath } from './untracked';
import type { PostHogExtensions } from './posthog-extensions';
import { maskPiiText } from './privacy';
import { startRecorderWhenQuiet } from './recorder-start';
import type { OrbitBootstrap } from './snippet';
import { ANALYTICS_KINDS, take, type TelemetryState } from './state';

/** What the loader imports separately and passes to initPostHog. */
export type PostHogDeps = { extensions: PostHogExtensions; guard: typeof guardEvent };

/**
 * Session recording privacy. Inputs are masked (rrweb replaces their value), password and card fields and anything
 * marked `ph-no-capture` / `data-ph-block` are blocked (not recorded at all, a placeholder box instead). Every text
 * node goes through `maskPiiText`: text inside `[data-pii]` / `.ph-mask` (names shown on screen), the page title and
 * Next's route announcer is masked whole, email addresses and card numbers anywhere else are masked in place.
 */
export const RECORDING_PRIVACY = {
  maskAllInputs: true,
  maskInputOptions: { password: true, email: true, tel: true },
  blockClass: 'ph-no-capture',
  blockSelector: 'input[type="password"], [autocomplete^="cc-"], [data-ph-block]',
  maskTextClass: 'ph-mask',
  maskTextSelector: '*',
  maskTextFn: (text: string, element?: HTMLElement) => maskPiiText(text, element),
};

/**
 * What the recorder's full snapshot has to serialise — one synchronous pass over the DOM in rrweb, the longest task
 * instrumentation puts on the page after `load` (docs/performance.md) — kept to what a replay needs, with public
 * posthog-js options only:
 * - style sheets are not inlined: every sheet Orbit has is its own build output under `/_next/static/css/` (same
 *   origin, immutable, hashed names), which the player loads by its URL; inlining stringified every CSS rule of
 *   Tailwind's sheet into the snapshot;
 * - slim DOM: no `<script>` contents, comments, favicons, `<meta>` tags or head whitespace (none of it is visible);
 * - no canvas recording, no cross-origin iframes, no web fonts: Orbit has no canvas, and the player has the fonts
 *   (same-origin CSS).
 * Privacy is untouched: RECORDING_PRIVACY decides what is masked and blocked.
 */
export const RECORDING_COST = {
  inlineStylesheet: false,
  slimDOMOptions: 'all',
  captureCanvas: { recordCanvas: false },
  recordCrossOriginIframes: false,
  collectFonts: false,
} satisfies Partial<NonNullable<PostHogConfig['session_recording']>>;

/** Reports an invalid event without its values (they may be the very data the schema keeps out). */
function reportInvalid(state: TelemetryState, report: InvalidEventReport): void {
  const message = `Invalid analytics event ${report.event}: dropped ${report.droppedKeys.join(', ') || '(none)'}`;
  state.sentry?.captureException(new Error(message), { tags: { 'analytics.event': report.event }, extra: { issues: report.issues } });
  console.warn(message, report.issues);
}

/** posthog-js options for this deployment (exported for the privacy contract test). */
export function posthogOptions(
  b: OrbitBootstrap,
  hooks: { beforeSend: (e: CaptureResult | null) => CaptureResult | null },
  extensions?: PostHogExtensions,
): Partial<PostHogConfig> {
  return {
    // The slim core runs only the features whose classes it is given (posthog-extensions.ts).
    ...(extensions ? { __extensionClasses: extensions } : {}),
    api_host: POSTHOG_API_PATH,
    ui_host: b.uiHost ?? DEFAULT_POSTHOG_UI_HOST,
    defaults: '2026-01-30',
    person_profiles: 'identified_only',
    autocapture: true,
    // Exactly one $pageview per App Router navigation, including search-param navigations, plus $pageleave.
    capture_pageview: { path: true, search: true },
    capture_pageleave: true,
    enable_heatmaps: true,
    capture_performance: { web_vitals: true, network_timing: true },
    capture_dead_clicks: true,
    // Off at init: recorder-start.ts turns it on with `startSessionRecording()` once the page is idle and no input
    // is in progress (remote config, sampling and consent still decide whether anything is recorded).
    disable_session_recording: true,
    session_recording: { ...RECORDING_COST, ...RECORDING_PRIVACY },
    mask_personal_data_properties: true,
    respect_dnt: true,
    bootstrap: {
      distinctID: b.distinctId,
      isIdentifiedID: b.identified,
      featureFlags: b.flags,
      featureFlagPayloads: b.payloads as NonNullable<PostHogConfig['bootstrap']>['featureFlagPayloads'],
    },
    // Orbit runs no PostHog surveys: without this, surveys.js (~145 KB raw) is fetched after init.
    disable_surveys: true,
    // Autocapture, recording and heatmaps start on the next tick: a shorter long task at init.
    __preview_deferred_init_extensions: true,
    before_send: hooks.beforeSend,
  };
}

/** Starts posthog-js, replays the queue and installs the validated `track`. */
export function initPostHog(state: TelemetryState, b: OrbitBootstrap, { extensions, guard }: PostHogDeps): PostHog {
  const entry = entryContext(state.landingUrl, state.referrer);
  // Late init means posthog-js's automatic first $pageview carries the *current* URL and *now*, duplicating the
  // landing pageview replayed with its real time. Drop exactly that one automatic pageview.
  let skipAutoPageviewOf: string | undefined;
  const beforeSend = (event: CaptureResult | null): CaptureResult | null => {
    if (!event) return null;
    // POSTHOG_CLIENT_IP=none: PostHog would otherwise locate the server the relay sends from. Every event,
    // recordings' `$snapshot` included (super properties do not reach those).
    if (b.geoipDisable) event.properties['$geoip_disable'] = true;
    const url = event.properties['$current_url'];
    if (typeof url === 'string' && isUntrackedPath(new URL(url, location.href).pathname)) return null;
    // A page URL Orbit handed in (a replayed event's) is not masked by posthog-js: ad-click ids, tokens, addresses.
    if (typeof url === 'string') event.properties['$current_url'] = maskUrl(url);
    // posthog-js adds document.title, which can be what a user typed (a project page is titled with its name).
    delete event.properties['title'];
    if (event.event !== '$pageview') return event;
    if (skipAutoPageviewOf !== undefined && !event.properties['orbit_replayed']) {
      const duplicate = url === skipAutoPageviewOf;
      skipAutoPageviewOf = undefined;
      if (duplicate) return null;
    }
    // Session-registered entry context (or this load's, before it is registered) on every pageview.
    event.properties = { ...entry, ...event.properties };
    return event;
  };
  // Orbit's own captures run after the next paint (after-paint.ts). The page's hide runs the pending ones first:
  // these listeners go in before posthog-js's own `pagehide` (its init adds it), which sends what it holds.
  const later = afterPaintQueue();
  addEventListener('pagehide', later.flush);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && later.flush());
  posthog.init(b.key, posthogOptions(b, { beforeSend }, extensions));
  posthog.register({ ...b.props });
  // Entry context per tab session: the first landing of the visit, not of each full page load.
  const newVisit = !posthog.getSessionProperty('entry_path');
  if (newVisit) posthog.register_for_session({ ...entry });
  let landingPending = newVisit;
  // Logged out since this browser's identity was persisted (session expired, logged out elsewhere): start over as a
  // new anonymous person instead of attributing the visit to the last user.
  if (!b.user && posthog.get_property('$user_state') === 'identified') posthog.reset();

  /** With the time it happened; `replayedOn`: the page a replayed event (from the early queue) happened on. */
  const trackValidated = (name: string, props: Record<string, unknown> | undefined, at: number, replayedOn?: string): void => {
    const valid = guard(name, props, { mode: b.dev ? 'throw' : 'drop', report: (r) => reportInvalid(state, r) });
    if (valid === null) return;
    posthog.capture(name, replayedOn ? withUrl({ ...valid, orbit_replayed: true }, replayedOn) : valid, { timestamp: new Date(at) });
  };

  for (const item of take(state, ANALYTICS_KINDS)) {
    try {
      if (item.kind === 'pageview') {
        skipAutoPageviewOf = item.href;
        // A carried pageview is another page load's (state.ts `carryOverQueue`): event health starts a new navigation
        // chain at it, as at the first pageview of a load.
        posthog.capture('$pageview', withUrl({ orbit_replayed: true, ...(item.carried ? { orbit_carried: true } : {}) }, item.href), { timestamp: new Date(item.at) });
        if (landingPending && MARKETING_PATHS.includes(entry.entry_path)) {
          landingPending = false;
          trackValidated('marketing.visit_landing', visitLanding(entry), item.at, item.url);
        }
      } else if (item.kind === 'event') {
        trackValidated(item.name, item.properties, item.at, item.url);
      } else {
        (posthog[item.method] as (...args: unknown[]) => unknown).apply(posthog, item.args);
      }
    } catch (error) {
      // A development-mode validation error: surface it without stopping the replay of the others.
      setTimeout(() => {
        throw error;
      });
    }
  }
  // `track()` from here on: stamped now (or with the view's time), captured after the next paint — still on the page
  // it happened on: a URL change runs what is pending first (pageviews.ts), so posthog-js computes the page
  // properties itself (masked, with that page's $pageview_id).
  state.trackValidated = (name, props, at = Date.now()) => later.push(() => trackValidated(name, props, at));
  state.flushTracks = later.flush;
  state.posthog = posthog; // synchronous with the drain above: nothing can slip between queue and SDK
  startRecorderWhenQuiet(posthog, () => state.consent === 'granted' && !posthog.has_opted_out_capturing());
  return posthog;
}

const MARKETING_PATHS = ['/', '/pricing'];
const IP_HOST = /^(\d{1,3}(\.\d{1,3}){3}|\[?[0-9a-f:]+\]?)$/i;

/** `marketing.visit_landing` from the entry context; an IP-literal referrer host is not sent (it can identify). */
function visitLanding(entry: EntryContext): Record<string, unknown> {
  const { referrer_domain, entry_path, utm_source, utm_medium, utm_campaign, utm_content, utm_term } = entry;
  const utm = Object.fromEntries(Object.entries({ utm_source, utm_medium, utm_campaign, utm_content, utm_term }).filter(([, v]) => v !== undefined));
  return { path: entry_path, referrer_domain: IP_HOST.test(referrer_domain) ? 'direct' : referrer_domain, ...utm };
}

function withUrl(props: Record<string, unknown>, url: string): Record<string, unknown> {
  return { $current_url: url, $pathname: new URL(url).pathname, ...props };
}
