// The one way into Orbit's mutations. Server actions (defineAction), route handlers (defineRoute) and the billing
// webhook all run through `runMutation`: it resolves the caller, enforces the auth level and workspace membership,
// applies the rate limit, validates the input with zod and maps every failure to a structured error (AppError,
// lib/server/errors.ts). Instrumentation (analytics events, Sentry spans and reports) hooks in here once, so a new
// action cannot forget it. Handlers return; an action that navigates redirects after the wrapper
// (redirectOnSuccess), never inside a handler, where the throw would skip the success record and fail the span
// (a lint rule in eslint.config.mjs).
import 'server-only';
import { headers as nextHeaders } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { recordMutation, type MutationAnalytics } from '@/lib/analytics/server/mutation-events';
import { getCurrentUser, getCurrentWorkspace, type CurrentUser, type CurrentWorkspace } from '@/lib/auth/session';
import { captureMutationError, traceMutation } from '@/lib/monitoring/server/server';
import { identifyRequest } from '@/lib/monitoring/server/server-scope';
import { isNextControlFlow } from '@/lib/monitoring/shared/classify';
import { AppError, internalError, type ErrorBody } from './errors';
import { addressKey, clientIp } from './client-ip';
import { consume, type RateLimitRule } from './rate-limit';
import { pathWithNul } from './nul-characters';

/**
 * Who may call: anyone (`public`, the session is read when there is one), a signed-in user, a member of a workspace,
 * or a `service`: a caller with no session that proved itself before the wrapper (a provider's signed webhook). For
 * a service no session is read, and its analytics need no visitor's consent: it is not a visitor.
 */
export type AuthLevel = 'public' | 'user' | 'workspace' | 'service';

/** The levels of actions and routes a browser calls; `service` is for runMutation's callers that verify their own. */
export type VisitorAuthLevel = Exclude<AuthLevel, 'service'>;

export type MutationContext<A extends AuthLevel> = {
  name: string;
  /**
   * The caller's address as per-address limits count it (lib/server/client-ip.ts `addressKey`): the IPv4 address
   * or the /64 of an IPv6 one; null when no address can be trusted.
   */
  address: string | null;
  headers: Headers;
} & (A extends 'service'
  ? { user: null; workspace: null }
  : A extends 'public'
    ? { user: CurrentUser | null; workspace: CurrentWorkspace | null }
    : A extends 'user'
      ? { user: CurrentUser; workspace: CurrentWorkspace | null }
      : { user: CurrentUser; workspace: CurrentWorkspace });

export type MutationDefinition<S extends z.ZodType, A extends AuthLevel> = {
  /** Stable name (`project.create`): used in logs, analytics and error reports. */
  name: string;
  input: S;
  auth: A;
  /**
   * Per-caller budget; the key defaults to the user id, or the address (`ctx.address`) for anonymous callers. Several rules stack
   * (e.g. a strict per-account budget plus a looser per-IP one); the first exhausted rule refuses the call.
   */
  rateLimit?: RateLimitOption<S, A> | RateLimitOption<S, A>[];
};

type RateLimitOption<S extends z.ZodType, A extends AuthLevel> = RateLimitRule & {
  key?: (input: z.infer<S>, ctx: MutationContext<A>) => string;
};

export type MutationResult<R> = { ok: true; data: R } | { ok: false; error: ErrorBody };

/**
 * Analytics of one mutation (lib/analytics/server/mutation-events.ts): what it records (required by defineAction
 * and defineRoute, `false` for nothing) and, for route handlers, the route template, method and success status
 * of the request (for `api.request`).
 */
export type MutationInstrumentation<S extends z.ZodType, A extends AuthLevel, R> = {
  analytics: MutationAnalytics<z.infer<S>, R, MutationContext<A>>;
  request?: { endpoint: string; method: string };
  successStatus?: (data: R) => number;
  /** The request's headers, for a caller that has the request in hand (the webhook); otherwise Next's. */
  headers?: Headers;
  /** Tags of the Sentry report of an unexpected failure, besides the mutation's name (`webhook.type`). */
  reportTags?: Record<string, string>;
};

function zodFieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

async function resolveContext<A extends AuthLevel>(name: string, level: A, headers: Headers): Promise<MutationContext<A>> {
  const address = addressKey(clientIp(headers));
  if (level === 'service') {
    identifyRequest({ user: null, headers });
    return { name, address, headers, user: null, workspace: null } as unknown as MutationContext<A>;
  }
  const user = await getCurrentUser();
  // Every error and span of this request carries the caller: the user id (never the email), the PostHog identity.
  identifyRequest({ user, headers });
  if (level !== 'public' && !user) throw new AppError('unauthorized', 'Please log in to continue.');
  const workspace = user ? await getCurrentWorkspace(user.id) : null;
  if (level === 'workspace' && !workspace) {
    throw new AppError('forbidden', 'Create a workspace first.');
  }
  return { name, address, headers, user, workspace } as unknown as MutationContext<A>;
}

/**
 * Runs one mutation: context → rate limit → validation → handler. Returns a result, never throws except for
 * Next's own redirect/notFound signals.
 */
export async function runMutation<S extends z.ZodType, A extends AuthLevel, R>(
  def: MutationDefinition<S, A>,
  rawInput: unknown,
  handler: (input: z.infer<S>, ctx: MutationContext<A>) => Promise<R>,
  instrument: MutationInstrumentation<S, A, R> = { analytics: false },
): Promise<MutationResult<R>> {
  const started = performance.now();
  // Known so far, for the analytics record of a failure (an unauthorized call has headers but no context).
  let headers: Headers | undefined;
  let ctx: MutationContext<A> | undefined;
  let validInput: unknown;
  const record = (outcome: { ok: true; result: R; status: number } | { ok: false; error: AppError }) =>
    recordMutation({
      name: def.name,
      analytics: instrument.analytics as MutationAnalytics<never, never, never>,
      request: instrument.request,
      caller: def.auth === 'service' ? 'service' : 'visitor',
      headers,
      ctx,
      input: validInput,
      durationMs: performance.now() - started,
      ...outcome,
    });
  try {
    headers = instrument.headers ?? (await nextHeaders());
    ctx = await resolveContext(def.name, def.auth, headers);
    const parsed = def.input.safeParse(rawInput);
    const rules = def.rateLimit === undefined ? [] : Array.isArray(def.rateLimit) ? def.rateLimit : [def.rateLimit];
    for (const [i, rule] of rules.entries()) {
      const key = parsed.success && rule.key ? rule.key(parsed.data, ctx) : (ctx.user?.id ?? ctx.address ?? 'anonymous');
      const decision = await consume(`${def.name}${i ? `#${i}` : ''}:${key}`, rule);
      if (!decision.allowed) {
        throw new AppError('rate_limited', 'Too many attempts. Please wait a moment and try again.', {
          retryAfter: decision.retryAfter,
        });
      }
    }
    if (!parsed.success) {
      throw new AppError('validation', 'Please check the highlighted fields.', { fieldErrors: zodFieldErrors(parsed.error) });
    }
    const nul = pathWithNul(parsed.data);
    if (nul !== null) {
      throw new AppError('validation', 'Please check the highlighted fields.', {
        fieldErrors: { [nul || 'form']: ['Must not contain NUL characters.'] },
      });
    }
    validInput = parsed.data;
    const input = parsed.data;
    const data = await traceMutation(def.name, { user: ctx.user, workspace: ctx.workspace, headers }, () => handler(input, ctx as MutationContext<A>));
    record({ ok: true, result: data, status: instrument.successStatus?.(data) ?? 200 });
    return { ok: true, data };
  } catch (cause) {
    if (isNextControlFlow(cause)) throw cause;
    const error = cause instanceof AppError ? cause : internalError();
    if (!(cause instanceof AppError)) {
      console.error(`[mutation ${def.name}]`, cause);
      captureMutationError(def.name, cause, instrument.reportTags);
    }
    record({ ok: false, error });
    return { ok: false, error: error.toBody() };
  }
}

/** FormData → plain object (repeated keys become arrays; Next's internal `$ACTION_*` fields are dropped). */
function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith('$ACTION_')) continue;
    const v = typeof value === 'string' ? value : value.name;
    const prev = out[key];
    out[key] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/**
 * A server action through the wrapper. The returned function works both with `useActionState`
 * (`(previousState, formData)`) and when called directly with a plain object as its second argument.
 */
export function defineAction<S extends z.ZodType, A extends VisitorAuthLevel, R>(
  def: MutationDefinition<S, A>,
  handler: (input: z.infer<S>, ctx: MutationContext<A>) => Promise<R>,
  // Required, after the handler so `result` is typed from it: what the action records (`false` for nothing).
  analytics: MutationAnalytics<z.infer<S>, R, MutationContext<A>>,
) {
  return async function action(
    _previous: MutationResult<R> | null,
    input: FormData | z.input<S>,
  ): Promise<MutationResult<R>> {
    const raw = input instanceof FormData ? formDataToObject(input) : input;
    return runMutation(def, raw, handler, { analytics });
  };
}

/**
 * A server action that redirects once it succeeded, after the wrapper returned, so the wrapper records the success
 * (span, analytics event) before Next unwinds the request. A failure goes back to the form as the result.
 */
export function redirectOnSuccess<P extends unknown[], R>(
  action: (...args: P) => Promise<MutationResult<R>>,
  to: (data: R) => string,
): (...args: P) => Promise<MutationResult<R>> {
  return async function redirecting(...args: P): Promise<MutationResult<R>> {
    const result = await action(...args);
    if (result.ok) redirect(to(result.data));
    return result;
  };
}
