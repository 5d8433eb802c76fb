// Requests with a method Orbit does not serve are answered 405 by the Node server itself, before Next sees them.
// Next turns every request into a WHATWG Request, whose constructor throws for the methods fetch forbids (TRACE;
// CONNECT and TRACK never get past Node's parser): without this guard `TRACE /anything` was a 500, a logged
// TypeError and a Sentry transaction. Other methods Node parses (PROPFIND, PURGE, …) would render a page as if
// they were GET. Installed by request-hook.ts; Node runtime only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, writeErrorResponse } from './errors';

/** The methods Orbit's pages and route handlers serve (Next's own list); the `Allow` of every 405 here. */
const SERVED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const SERVED = new Set<string>(SERVED_METHODS);
export const ALLOW = SERVED_METHODS.join(', ');

/** Answers 405 when the method is not served and returns true; false (nothing written) otherwise. */
export function refuseUnservedMethod(req: Pick<IncomingMessage, 'method'>, res: ServerResponse | undefined): boolean {
  if (!res || SERVED.has(req.method ?? '')) return false;
  writeErrorResponse(res, new AppError('method_not_allowed', `This method is not allowed (allowed: ${ALLOW}).`), { allow: ALLOW });
  return true;
}
