// Orbit's rules in front of Better Auth's HTTP endpoints (app/api/auth/[...all]/route.ts), for what Better Auth
// leaves open:
// - state-changing requests from another origin are refused (403) whether or not they carry a cookie, and a body
//   must be JSON (415): the same rules as the REST API (lib/security/same-origin.ts);
// - a redirect target taken from input (`callbackURL`, `redirectTo`, `errorCallbackURL`, `newUserCallbackURL`, in
//   the query or a JSON body) must stay on Orbit's origin (lib/security/redirect-target.ts). Better Auth accepts any
//   value its own parser calls relative, and `/.//evil.example` is one: it answered `Location: //evil.example`;
// - whatever Better Auth answers, a `Location` that leaves Orbit's origin is never sent.
import 'server-only';
import { AppError, errorResponse, type ErrorCode } from '@/lib/server/errors';
import { sameOriginTarget } from '@/lib/security/redirect-target';
import { appOrigin, crossOriginRefusal, isJsonContentType } from '@/lib/security/same-origin';

/** Every field Better Auth reads a redirect target from (its origin-check middleware's list). */
const REDIRECT_FIELDS = ['callbackURL', 'redirectTo', 'errorCallbackURL', 'newUserCallbackURL'] as const;

const refuse = (code: ErrorCode, message: string): Response => errorResponse(new AppError(code, message));

/** 403 for a cross-origin state-changing request, 415 for a body not declared as JSON; null when neither. */
export function refuseForgery(req: Request, body: Uint8Array | null): Response | null {
  const crossOrigin = crossOriginRefusal(req);
  if (crossOrigin) return refuse('forbidden', crossOrigin);
  const type = req.headers.get('content-type');
  if ((type !== null || (body !== null && body.length > 0)) && !isJsonContentType(type)) {
    return refuse('unsupported_media_type', 'The request body must be JSON (Content-Type: application/json).');
  }
  return null;
}

function fieldsOf(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** 403 when a redirect field of the query or the JSON body points off Orbit's origin; null when all stay on it. */
export function refuseRedirectTargets(req: Request, body: Uint8Array | null): Response | null {
  const origin = appOrigin(req);
  const query = new URL(req.url).searchParams;
  let json: Record<string, unknown> = {};
  if (body && body.length > 0) {
    try {
      json = fieldsOf(JSON.parse(new TextDecoder().decode(body)));
    } catch {
      // Not JSON: Better Auth refuses it on its own, and no field can be read from it.
    }
  }
  for (const field of REDIRECT_FIELDS) {
    const values: unknown[] = [...query.getAll(field), ...(field in json ? [json[field]] : [])];
    for (const value of values) {
      // Better Auth ignores empty values; anything else must be a same-origin target.
      if (value === '' || value === undefined || value === null) continue;
      if (!sameOriginTarget(value, origin)) return refuse('forbidden', `${field} must be a page of this site.`);
    }
  }
  return null;
}

/** The response unchanged unless its `Location` leaves Orbit's origin: then a 403 instead (cookies dropped too). */
export function keepRedirectOnOrigin(req: Request, response: Response): Response {
  const location = response.headers.get('location');
  if (location === null || sameOriginTarget(location, appOrigin(req))) return response;
  return refuse('forbidden', 'The redirect target is not a page of this site.');
}
