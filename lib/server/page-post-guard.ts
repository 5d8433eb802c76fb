// A state-changing request to a page (a server action, or a form posted without JavaScript) from another origin is
// answered 403 by the Node server itself. Next refuses such an action too, but as a 500 with two error lines in the
// log, so any page on the web could fill Orbit's log and error budget with them. Route handlers (/api, the relays,
// the collector, the webhook) apply their own rules (lib/server/route.ts, lib/security/same-origin.ts). The origin
// rule is same-origin.ts's: Orbit's origin, or no browser hint at all. Installed by request-hook.ts; Node only.
import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { crossOriginRefusal, isSafeMethod } from '@/lib/security/same-origin';
import { AppError, writeErrorResponse } from './errors';

/** Paths served by route handlers, which answer for themselves; everything else is a page. */
const ROUTE_HANDLER = /^\/(api|ingest|monitoring|sentry)(\/|$)|^\/_next\//;

/** Answers 403 to a cross-origin POST (PUT, PATCH, DELETE) to a page and returns true; false otherwise. */
export function refuseCrossOriginPagePost(req: IncomingMessage, res: ServerResponse | undefined): boolean {
  const method = req.method ?? 'GET';
  if (!res || isSafeMethod(method) || ROUTE_HANDLER.test((req.url ?? '/').split('?', 1)[0] ?? '/')) return false;
  const headers = new Headers();
  for (const name of ['origin', 'referer', 'sec-fetch-site', 'host']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  const reason = crossOriginRefusal({ method, headers, url: `http://${headers.get('host') ?? 'localhost'}${req.url ?? '/'}` } as Request);
  if (!reason) return false;
  writeErrorResponse(res, new AppError('forbidden', reason), { connection: 'close' });
  return true;
}
