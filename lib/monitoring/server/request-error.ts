// Next's onRequestError (instrumentation.ts): Sentry's captureRequestError, plus a short-lived digest → event id
// map so the error page, which only receives the error's digest, can show the user the report ID Sentry got.
import 'server-only';
import { captureRequestError, withScope } from '@sentry/nextjs';

type Args = Parameters<typeof captureRequestError>;
const MAX = 500;
// On globalThis: instrumentation.ts and the route handler that reads it are separate bundles in one process.
const g = globalThis as unknown as { orbitErrorDigests?: Map<string, string> };
const byDigest = (g.orbitErrorDigests ??= new Map<string, string>());

export async function onRequestError(error: Args[0], request: Args[1], context: Args[2]): Promise<void> {
  const digest = (error as { digest?: unknown } | null)?.digest;
  // Next calls this hook outside the request's own scope, so the user the render identified is not on it: look the
  // session up again (Node only; errors are rare, one query is cheap).
  const userId = process.env.NEXT_RUNTIME === 'nodejs' ? await import('./request-user').then((m) => m.userIdFromHeaders(request.headers)).catch(() => null) : null;
  withScope((scope) => {
    if (userId) scope.setUser({ id: userId });
    if (typeof digest === 'string') {
      scope.setTag('next.digest', digest);
      scope.addEventProcessor((event) => {
        if (event.event_id && event.type === undefined) remember(digest, event.event_id);
        return event;
      });
    }
    captureRequestError(error, request, context);
  });
}

function remember(digest: string, eventId: string): void {
  byDigest.delete(digest);
  byDigest.set(digest, eventId);
  if (byDigest.size > MAX) byDigest.delete(byDigest.keys().next().value as string);
}

/** The Sentry event id of the latest server error with this digest, if this process reported it. */
export function eventIdForDigest(digest: string): string | null {
  return byDigest.get(digest) ?? null;
}
