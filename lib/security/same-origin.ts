// Cross-site request forgery: a state-changing request is served only when the browser says it comes from Orbit's
// own origin, and only with a JSON body (a type no HTML form can send, so a cross-origin caller needs a CORS
// preflight, which Orbit never grants). Used by the REST API wrapper (lib/server/route.ts) and the Better Auth route.
//
// "Orbit's origin" is APP_URL's origin (required in production); in development without APP_URL it is the Host the
// request was sent to, which a browser sets and a page cannot. Another port of the same host, a sibling subdomain,
// http for https and `Origin: null` (sandboxed frames, data: URLs) are all other origins.
//
// A browser always says where a request comes from: `Sec-Fetch-Site` on every request (Chrome 76, Firefox 90,
// Safari 16.4) and `Origin` on every cross-origin request and every same-origin POST/PATCH/PUT/DELETE. When either is
// present it must name this origin (`Sec-Fetch-Site: none` is a navigation the user started). A request with
// neither comes from a client that is not a browser (curl, a server, a test); it has no victim's cookies to ride on,
// so it is served. A Referer, when it is the only hint, must be this origin too.
import 'server-only';
import { env } from '@/lib/env';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const REFUSED = 'Cross-origin requests are refused: call the API from Orbit’s own pages.';

/** The origin that may change state: APP_URL's, else (development) the one the request was sent to. */
export function appOrigin(req: Request, appUrl: string | undefined = env.APP_URL): string {
  if (appUrl) return new URL(appUrl).origin;
  const url = new URL(req.url);
  const host = req.headers.get('host');
  return host ? `${url.protocol}//${host}` : url.origin;
}

function isAppOrigin(value: string, req: Request, appUrl: string | undefined): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false; // `null`, garbage
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (appUrl) return url.origin === new URL(appUrl).origin;
  // Development without APP_URL: the request's own Host (its scheme is not known behind a TLS-terminating proxy).
  return url.host === new URL(appOrigin(req, appUrl)).host;
}

export const isSafeMethod = (method: string): boolean => SAFE_METHODS.has(method.toUpperCase());

/** Why a state-changing request must be refused as cross-origin (403), or null. Safe methods are never refused. */
export function crossOriginRefusal(req: Request, appUrl: string | undefined = env.APP_URL): string | null {
  if (isSafeMethod(req.method)) return null;
  const site = req.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') return REFUSED;
  const origin = req.headers.get('origin');
  if (origin !== null) return isAppOrigin(origin, req, appUrl) ? null : REFUSED;
  const referer = req.headers.get('referer');
  if (referer !== null && !isAppOrigin(referer, req, appUrl)) return REFUSED;
  return null;
}

/** `application/json`, with or without parameters (`; charset=utf-8`). */
export function isJsonContentType(value: string | null): boolean {
  return value?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}
