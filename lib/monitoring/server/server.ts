// The server's reporting points: the mutation wrapper (server actions, route handlers, the billing webhook) runs
// every handler in a span and reports unexpected failures here, once; Next's onRequestError (instrumentation.ts)
// reports what escapes a render. Expected outcomes (validation, auth, not found, rate limits) are answered with a
// 4xx, never reported.
import 'server-only';
import { captureException, startSpan, withScope } from '@sentry/nextjs';
import { classifyError, isNextControlFlow } from '@/lib/monitoring/shared/classify';
import { traceRecorded } from './db-spans';
import { identifyRequest, type RequestIdentity } from './server-scope';

/** The product flows whose steps get their own span op (and are always traced, see sampling.ts). */
function flowOf(mutation: string): 'onboarding' | 'checkout' | null {
  if (mutation.startsWith('onboarding.')) return 'onboarding';
  if (mutation.startsWith('billing.checkout.')) return 'checkout';
  return null;
}

/**
 * Runs one mutation's handler in a span named after it (`mutation project.create`); onboarding steps and checkout
 * get `flow.onboarding` / `flow.checkout` spans (`onboarding.workspace`, `checkout.pay`) so the funnels can be
 * followed step by step in Sentry. Only inside a recorded (sampled) trace: the request's root span decides, and the
 * sampler (sampling.ts) always records onboarding and checkout requests.
 */
export function traceMutation<R>(name: string, identity: RequestIdentity, fn: () => Promise<R>): Promise<R> {
  identifyRequest(identity);
  // No span for a trace that is not recorded (it would be dropped): the user and tags above still reach errors.
  if (!traceRecorded()) return fn();
  const flow = flowOf(name);
  return startSpan(
    {
      name: flow ? name.replace(/^billing\./, '') : `mutation ${name}`,
      op: flow ? `flow.${flow}` : 'function.mutation',
      attributes: {
        'orbit.mutation': name,
        ...(flow ? { 'orbit.flow': flow } : {}),
        ...(identity.workspace ? { 'orbit.workspace_id': identity.workspace.id, 'orbit.plan': identity.workspace.plan } : {}),
      },
    },
    fn,
  );
}

/** Reports an unexpected error of a mutation (anything but an AppError), with `tags` besides its own; returns the event id. */
export function captureMutationError(name: string, cause: unknown, tags: Record<string, string> = {}): string | undefined {
  if (isNextControlFlow(cause)) return undefined;
  const { category, severity } = classifyError(cause);
  let id: string | undefined;
  withScope((scope) => {
    scope.setTags({ ...tags, mutation: name, 'error.category': category, 'error.severity': severity });
    id = captureException(cause, { mechanism: { type: 'orbit.mutation', handled: false } });
  });
  return id;
}
