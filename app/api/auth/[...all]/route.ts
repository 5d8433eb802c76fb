// GET/POST /api/auth/* — Better Auth's own endpoints (session, sign-in/up/out for API clients), rate limited by it
// per client address (derived from the trusted proxy hops, never from a client's header) and per account.
// POST bodies are read with a byte limit before Better Auth parses them. Orbit's CSRF and redirect rules come first
// (lib/auth/route-guard.ts): a POST from another origin or not in JSON, or a redirect target off Orbit's origin, is
// refused before Better Auth runs, and no answer redirects off it.
import { toNextJsHandler } from 'better-auth/next-js';
import { auth, authRequest } from '@/lib/auth/config';
import { keepRedirectOnOrigin, refuseForgery, refuseRedirectTargets } from '@/lib/auth/route-guard';
import { AUTH_MAX_BODY_BYTES, BodyTooLargeError, readBoundedBody } from '@/lib/server/bounded-body';
import { AppError, errorResponse } from '@/lib/server/errors';

const handler = toNextJsHandler(auth);

/**
 * Better Auth answers an unknown endpoint with an empty 404; callers get the same error body as every other route.
 * Better Auth's own JSON errors (`{ code, message }` at the top level) stay as they are: its client reads that shape.
 */
function structuredNotFound(response: Response): Response {
  if (response.status !== 404 || response.headers.get('content-type')?.includes('json')) return response;
  return errorResponse(new AppError('not_found', 'Not found.'));
}

export async function GET(request: Request): Promise<Response> {
  const refused = refuseRedirectTargets(request, null);
  if (refused) return refused;
  return keepRedirectOnOrigin(request, structuredNotFound(await handler.GET(authRequest(request))));
}

export async function POST(request: Request): Promise<Response> {
  const forged = refuseForgery(request, null);
  if (forged) return forged;
  let body: Uint8Array;
  try {
    body = await readBoundedBody(request, AUTH_MAX_BODY_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    return errorResponse(error);
  }
  const refused = refuseForgery(request, body) ?? refuseRedirectTargets(request, body);
  if (refused) return refused;
  const headers = new Headers(request.headers);
  headers.delete('content-length');
  const response = await handler.POST(authRequest(new Request(request.url, { method: 'POST', headers, body: body as BodyInit })));
  return keepRedirectOnOrigin(request, structuredNotFound(response));
}
