// Browser telemetry's public API, what components and the provider call. A few hundred bytes in first-load JS: it
// queues calls until the lazy SDK chunks are loaded (loader.ts), then forwards. Event names and properties are typed
// from the catalog with `import type` only; the zod validation runs in the lazy chunk, never in first load. Every
// entry point is a no-op when NEXT_PUBLIC_INSTRUMENTATION=off (the bare benchmark build) and on the server.
import type { EventName, EventProperties } from '@/lib/analytics/catalog';
import type { GroupProperties, PersonProperties } from '@/lib/analytics/person-properties';
import type { SuperProperties } from './snippet';
import { enqueue, INSTRUMENTATION_OFF, telemetry, type PostHogMethod, type TelemetryState } from './state';

export { addBreadcrumb, newEventId, reportError, setErrorUser } from './report-error';

function ready(): TelemetryState | null {
  if (INSTRUMENTATION_OFF || typeof window === 'undefined') return null;
  const state = telemetry();
  // Refused: nothing is kept, not even in memory.
  return state.consent === 'denied' ? null : state;
}

/** Optional second argument for events whose properties are all optional (`auth.logged_out`). */
type PropsArg<N extends EventName> = Record<string, never> extends EventProperties<N> ? [properties?: EventProperties<N>] : [properties: EventProperties<N>];

/** Captures a catalog event. Invalid properties are a type error; at runtime see posthog-init.ts `trackValidated`. */
export function track<N extends EventName>(name: N, ...[properties]: PropsArg<N>): void {
  const state = ready();
  if (!state) return;
  const props = properties as Record<string, unknown> | undefined;
  if (state.trackValidated) state.trackValidated(name, props);
  else enqueue(state, { kind: 'event', name, properties: props, at: Date.now(), url: location.href });
}

/**
 * A catalog event about what the page shows (a step viewed, an experiment's variant seen), stamped with when the view
 * was shown rather than when React mounted it: a visitor can click a server-rendered button before hydration, and the
 * exposure must not land after the click it led to (PostHog counts a conversion only after its exposure).
 */
export function trackView<N extends EventName>(name: N, ...[properties]: PropsArg<N>): void {
  const state = ready();
  if (!state) return;
  const props = properties as Record<string, unknown> | undefined;
  const at = Math.min(state.shownAt ?? Date.now(), Date.now());
  if (state.trackValidated) state.trackValidated(name, props, at);
  else enqueue(state, { kind: 'event', name, properties: props, at, url: location.href });
}

function call(method: PostHogMethod, args: unknown[]): void {
  const state = ready();
  if (!state) return;
  if (!state.posthog) return void enqueue(state, { kind: 'posthog', method, args, at: Date.now(), url: location.href });
  // The events tracked before this call are about who and what was current then: captured first.
  state.flushTracks?.();
  (state.posthog[method] as (...a: unknown[]) => unknown).apply(state.posthog, args);
}

/** Sign-in and sign-up: merges the anonymous visitor into the user (`$identify` carries `$anon_distinct_id`). */
export function identify(userId: string, props?: PersonProperties): void {
  call('identify', [userId, props]);
}

export function group(type: 'workspace', key: string, props?: GroupProperties): void {
  call('group', [type, key, props]);
}

/** Logged out: the next visitor on this browser is a new anonymous person. */
export function reset(): void {
  call('reset', []);
}

/** The super-properties of every later event; the delegated click rules read `auth_state` from them too. */
export function setSuperProperties(props: SuperProperties): void {
  call('register', [props]);
  if (INSTRUMENTATION_OFF || typeof window === 'undefined') return;
  const { bootstrap } = telemetry();
  if (bootstrap) bootstrap.props = props;
}

/** Records that a component used a flag: posthog-js then sends `$feature_flag_called` (experiment exposure). */
export function reportFlagUsed(key: string): void {
  call('getFeatureFlag', [key]);
}

/** The consent banner's answer: stored in the `orbit_consent` cookie, then PostHog starts or stops (consent.ts). */
export function chooseConsent(choice: 'granted' | 'denied'): void {
  if (INSTRUMENTATION_OFF || typeof window === 'undefined') return;
  telemetry().chooseConsent?.(choice);
}

/** The PostHog identity of this browser, for the `x-posthog-*` headers of same-origin API calls. */
export function currentIdentity(): { distinctId?: string; sessionId?: string } {
  if (INSTRUMENTATION_OFF || typeof window === 'undefined') return {};
  const state = telemetry();
  if (state.consent === 'denied' || state.consent === 'pending') return {};
  if (state.posthog) return { distinctId: state.posthog.get_distinct_id(), sessionId: state.posthog.get_session_id() };
  return { distinctId: state.bootstrap?.distinctId };
}
