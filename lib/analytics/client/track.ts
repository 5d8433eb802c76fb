// The analytics facade components call. A few hundred bytes in first-load JS: it queues calls until the lazy
// PostHog chunk is loaded (lib/analytics/client/posthog-init.ts), then forwards. Event names and properties are
// typed from the catalog with `import type` only; the zod validation runs in the lazy chunk, never in first load.
// Every entry point is a no-op when NEXT_PUBLIC_INSTRUMENTATION=off (the bare benchmark build) and on the server.
import type { EventName, EventProperties } from '@/lib/analytics/catalog';
import { enqueue, INSTRUMENTATION_OFF, orbit, type ExceptionContext, type OrbitGlobal, type PostHogMethod } from '@/lib/instrumentation/orbit-global';

function ready(): OrbitGlobal | null {
  if (INSTRUMENTATION_OFF || typeof window === 'undefined') return null;
  const o = orbit();
  // Refused: nothing is kept, not even in memory.
  return o.cs === 'denied' ? null : o;
}

/** Optional second argument for events whose properties are all optional (`auth.logged_out`). */
type PropsArg<N extends EventName> = Record<string, never> extends EventProperties<N> ? [properties?: EventProperties<N>] : [properties: EventProperties<N>];

/** Captures a catalog event. Invalid properties are a type error; at runtime see posthog-init.ts `trackValidated`. */
export function track<N extends EventName>(name: N, ...[properties]: PropsArg<N>): void {
  const o = ready();
  if (!o) return;
  const props = properties as Record<string, unknown> | undefined;
  if (o.t) o.t(name, props);
  else enqueue(o, { k: 'ev', n: name, p: props, t: Date.now(), u: location.href });
}

function call(m: PostHogMethod, a: unknown[]): void {
  const o = ready();
  if (!o) return;
  if (o.ph) (o.ph[m] as (...args: unknown[]) => unknown).apply(o.ph, a);
  else enqueue(o, { k: 'ph', m, a, t: Date.now(), u: location.href });
}

/** Person properties Orbit sends: ids, enums and dates only (docs/analytics-setup.md, "Identity"). */
export type PersonProperties = Record<string, string | number | boolean | null>;

export const identity = {
  identify: (userId: string, props?: PersonProperties): void => call('identify', [userId, props]),
  group: (type: 'workspace', key: string, props?: PersonProperties): void => call('group', [type, key, props]),
  reset: (): void => call('reset', []),
  register: (props: Record<string, unknown>): void => call('register', [props]),
};

/** Records that a component used a flag: posthog-js then sends `$feature_flag_called` (experiment exposure). */
export function reportFlagUsed(key: string): void {
  call('getFeatureFlag', [key]);
}

/** Reports a handled error to Sentry (queued until it loads). */
export function captureException(error: unknown, context?: ExceptionContext): void {
  if (INSTRUMENTATION_OFF || typeof window === 'undefined') return;
  const o = orbit();
  if (o.s) o.s.captureException(error, context);
  else enqueue(o, { k: 'exc', e: error, x: context, t: Date.now(), u: location.href });
}

/** The PostHog identity of this browser, for the `x-posthog-*` headers of same-origin API calls. */
export function currentIdentity(): { distinctId?: string; sessionId?: string } {
  if (INSTRUMENTATION_OFF || typeof window === 'undefined') return {};
  const o = orbit();
  if (o.cs === 'denied' || o.cs === 'pending') return {};
  if (o.ph) return { distinctId: o.ph.get_distinct_id(), sessionId: o.ph.get_session_id() };
  return { distinctId: o.b?.distinctId };
}
