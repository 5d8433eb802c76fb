// The analytics half of the mutation wrapper (lib/server/mutation.ts). Every defineAction/defineRoute must say
// what it records: a mapping from (input, result, ctx) to catalog events, or an explicit `false` — the argument is
// required, so a new action that forgets it does not compile. The wrapper calls `recordMutation` once per call;
// this module turns the outcome into the action's own events, `api.error` / `api.rate_limited` for failures and a
// sampled `api.request`, all queued, then flushed after the response. Nothing is recorded for a visitor whose
// analytics consent is not granted (consent.ts). A service caller (the billing webhook: no visitor, no cookie) asks
// no consent; its own events are personless, and the events it records about someone name them (`about`).
import 'server-only';
import type { EventName, EventProperties } from '@/lib/analytics/catalog';
import type { GroupProperties } from '@/lib/analytics/person-properties';
import type { AppError } from '@/lib/server/errors';
import { serverAnalytics, type AnalyticsIdentity } from './client';
import { requestConsent } from './consent';
import { flushAfterResponse } from './flush-after';
import { identityForUser, identityFromRequest, personPropertiesFromEmail } from './identity';

/** One event an action records, with what the wrapper needs to attribute it. */
export type TrackedEvent = {
  [N in EventName]: {
    event: N;
    properties: EventProperties<N>;
    /** `$groups` of the event; defaults to the caller's workspace. */
    groups?: { workspace?: string };
    /**
     * The event is about this user (sign-up, log-in: the session does not exist yet when the action runs): the
     * wrapper identifies them (person properties from the email: domain and salted hash, never the address) and
     * merges the browser's anonymous id into them.
     */
    identify?: { userId: string; email: string; properties?: { job_role?: string; signed_up_at?: string } };
    /** Sets the workspace group's properties (`$groupidentify`): its plan, never its name (typed by a user). */
    group?: { workspace: string; properties: GroupProperties };
    /**
     * Whom the event is about when that is not the caller (the webhook records a payment for the buyer): that user,
     * or `null` for no one known (a personless event in its workspace group).
     */
    about?: { userId: string } | null;
  };
}[EventName];

type Tracked = TrackedEvent | readonly TrackedEvent[] | null | undefined;
type MaybeAsync<T> = T | Promise<T>;

type AuthContext = { user: { id: string } | null; workspace?: { id: string } | null };

type SuccessMapping<I, R, C> = (input: I, result: R, ctx: C) => MaybeAsync<Tracked>;
type ErrorMapping<I, C> = (input: I | undefined, error: AppError, ctx: C | undefined) => MaybeAsync<Tracked>;

/**
 * What a mutation records: `false` (nothing beyond the wrapper's own api.* events), a success mapping, or both a
 * success and an error mapping (e.g. a declined card → `checkout.failed`).
 */
export type MutationAnalytics<I, R, C> = false | SuccessMapping<I, R, C> | { success?: SuccessMapping<I, R, C>; error?: ErrorMapping<I, C> };

/** Builds one TrackedEvent with the properties typed from the catalog. */
export function track<N extends EventName>(
  event: N,
  properties: EventProperties<N>,
  extra?: Omit<Extract<TrackedEvent, { event: N }>, 'event' | 'properties'>,
): TrackedEvent {
  return { event, properties, ...extra } as TrackedEvent;
}

export type MutationOutcome = {
  name: string;
  analytics: MutationAnalytics<never, never, never> | undefined;
  /** Route handlers: the route template and method; server actions have none. */
  request?: { endpoint: string; method: string };
  /** A visitor (consent applies) or a service (lib/server/mutation.ts AuthLevel). */
  caller?: 'visitor' | 'service';
  headers: Headers | undefined;
  ctx: AuthContext | undefined;
  /** The validated input, when validation got that far. */
  input: unknown;
  durationMs: number;
} & ({ ok: true; result: unknown; status: number } | { ok: false; error: AppError });

// The wrapper's definitions are typed per action; here they are called with what that action produced.
type Erased = { success?: (i: unknown, r: unknown, c: unknown) => MaybeAsync<Tracked>; error?: (i: unknown, e: AppError, c: unknown) => MaybeAsync<Tracked> };
function erase(analytics: MutationOutcome['analytics']): Erased {
  if (!analytics) return {};
  if (typeof analytics === 'function') return { success: analytics as Erased['success'] };
  return analytics as Erased;
}

function list(tracked: Tracked): readonly TrackedEvent[] {
  if (!tracked) return [];
  return Array.isArray(tracked) ? (tracked as readonly TrackedEvent[]) : [tracked as TrackedEvent];
}

/** The identity of an event `about` someone other than the caller. */
function aboutIdentity(about: { userId: string } | null, workspace: string | undefined, caller: AnalyticsIdentity): AnalyticsIdentity {
  if (about) return identityForUser(about.userId);
  return workspace ? { distinctId: `workspace_${workspace}`, hasPerson: false } : caller;
}

function send(events: readonly TrackedEvent[], identity: AnalyticsIdentity, workspaceId: string | undefined): void {
  const analytics = serverAnalytics();
  for (const e of events) {
    let who = e.about === undefined ? identity : aboutIdentity(e.about, e.groups?.workspace ?? workspaceId, identity);
    if (e.identify) {
      const { userId, email, properties } = e.identify;
      const anonymousId = identity.hasPerson === false ? null : identity.distinctId !== userId ? identity.distinctId : identity.anonymousId;
      analytics.identify(userId, { ...personPropertiesFromEmail(email), ...properties }, anonymousId);
      if (anonymousId) analytics.alias(userId, anonymousId);
      who = { distinctId: userId, anonymousId, sessionId: identity.sessionId, ipHash: identity.ipHash, ip: identity.ip };
    }
    if (e.group) analytics.groupIdentify('workspace', e.group.workspace, e.group.properties, who.distinctId);
    const workspace = e.groups?.workspace ?? workspaceId;
    analytics.capture(e.event, e.properties as EventProperties<typeof e.event>, who, workspace ? { groups: { workspace } } : {});
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** A service's own events (`webhook.failed`, `api.error`): personless, under one id per operation (`orbit_billing_webhook`). */
function serviceIdentity(name: string): AnalyticsIdentity {
  return { distinctId: `orbit_${name.replaceAll('.', '_')}`, hasPerson: false };
}

/** Called by the wrapper once per mutation. Never throws, never awaits anything on the response path. */
export function recordMutation(outcome: MutationOutcome): void {
  try {
    const analytics = serverAnalytics();
    if (!analytics.active) return;
    const headers = outcome.headers ?? new Headers();
    const service = outcome.caller === 'service';
    // The browser never loads PostHog without consent (declined, not yet given in opt-in mode, GPC, DNT); the
    // server records nothing about that visitor either: no event, no $identify, no ip_hash or email_hash.
    if (!service && requestConsent(headers) !== 'granted') return;
    const identity = service ? serviceIdentity(outcome.name) : identityFromRequest(headers, outcome.ctx?.user ?? null);
    const workspaceId = outcome.ctx?.workspace?.id ?? undefined;
    const mapping = erase(outcome.analytics);
    const { name, request, durationMs } = outcome;
    let pending: Promise<void> | undefined;

    const mapped = (produce: () => MaybeAsync<Tracked>) => {
      const result = produce();
      if (result instanceof Promise) {
        pending = result.then((t) => send(list(t), identity, workspaceId)).catch(reportMappingError(name));
      } else {
        send(list(result), identity, workspaceId);
      }
    };

    if (outcome.ok) {
      if (mapping.success) mapped(() => mapping.success!(outcome.input, outcome.result, outcome.ctx));
    } else {
      const { error } = outcome;
      if (mapping.error) mapped(() => mapping.error!(outcome.input, error, outcome.ctx));
      if (error.code === 'rate_limited') {
        analytics.capture(
          'api.rate_limited',
          { operation: name, endpoint: request?.endpoint, retry_after_s: error.extra.retryAfter ?? 0 },
          identity,
          workspaceId ? { groups: { workspace: workspaceId } } : {},
        );
      } else {
        analytics.capture(
          'api.error',
          { operation: name, endpoint: request?.endpoint, code: error.code, status: error.status, duration_ms: round(durationMs) },
          identity,
          workspaceId ? { groups: { workspace: workspaceId } } : {},
        );
      }
    }

    const rate = analytics.config.apiRequestSampleRate;
    if (rate > 0 && Math.random() < rate) {
      analytics.capture(
        'api.request',
        {
          endpoint: request?.endpoint ?? `/_action/${name}`,
          operation: name,
          method: (request?.method ?? 'POST') as EventProperties<'api.request'>['method'],
          status: outcome.ok ? outcome.status : outcome.error.status,
          duration_ms: round(durationMs),
          sample_rate: rate,
        },
        identity,
        workspaceId ? { groups: { workspace: workspaceId } } : {},
      );
    }
    flushAfterResponse(pending);
  } catch (error) {
    reportMappingError(outcome.name)(error);
  }
}

function reportMappingError(name: string) {
  return (error: unknown) => {
    // A broken mapping is a bug in Orbit, not a reason to fail the user's request.
    console.error(`[analytics] mapping of ${name} failed:`, error instanceof Error ? error.message : error);
  };
}

/** A path segment decoded as Next decodes it for the params, or null when it does not decode. */
function decodedSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * Route template of a concrete path: each param value replaced by `[name]` (`/api/projects/[id]/tasks`). Segments
 * are compared decoded, as Next derived the params from them: `%c3%a9` and `%C3%A9` are both `é`.
 */
export function routeTemplate(pathname: string, params: Record<string, string | string[]>): string {
  const segments = pathname.split('/');
  const decoded = segments.map(decodedSegment);
  for (const [key, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value : [value];
    if (!values.length) continue;
    // The last run of segments equal to the value: a catch-all ends the path, a single param is one segment.
    for (let at = segments.length - values.length; at >= 1; at--) {
      if (values.every((v, i) => decoded[at + i] === v)) {
        segments.splice(at, values.length, Array.isArray(value) ? `[...${key}]` : `[${key}]`);
        decoded.splice(at, values.length, null);
        break;
      }
    }
  }
  return segments.join('/');
}
