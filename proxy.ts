// Next's proxy (formerly middleware): signed-out visitors of app pages go to /login?next=… before anything
// renders. It only checks that a session cookie is present (no database here, so it stays fast and cheap); the
// (app) layout verifies the session for real. It also tells the layout which path is being rendered.
// Sentry: the gate is a span of the request's trace, and an error thrown here reaches onRequestError.
// Every page also gets its Content-Security-Policy here, with a fresh nonce (lib/security/csp.ts): Next reads the
// nonce from the request's CSP header for its own scripts, the root layout from NONCE_HEADER for Orbit's snippet.
import { startSpan } from '@sentry/nextjs';
import { getSessionCookie } from 'better-auth/cookies';
import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce, NONCE_HEADER } from '@/lib/security/csp';
import { isAppPath, PATHNAME_HEADER } from '@/lib/auth/app-paths';

export function proxy(request: NextRequest) {
  return startSpan({ name: 'proxy auth gate', op: 'middleware.orbit', onlyIfParent: true }, () => gate(request));
}

function gate(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (isAppPath(pathname) && !getSessionCookie(request, { cookiePrefix: 'orbit' })) {
    const login = new URL('/login', request.url);
    login.searchParams.set('next', `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  const nonce = newNonce();
  const csp = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV !== 'production' });
  // Overwritten on every request, so a client cannot choose what the layout believes the path or the nonce is.
  const headers = new Headers(request.headers);
  headers.set(PATHNAME_HEADER, pathname);
  headers.set(NONCE_HEADER, nonce);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  return response;
}

// Every path but the route handlers' (their bodies stay unread here: Next buffers a body for the proxy) and Next's
// build assets, so every HTML answer carries the policy: /x.php, /projects/x.y and /favicon.ico are HTML 404s.
// Unknown paths under /api answer JSON (app/api/[[...path]]).
export const config = {
  matcher: ['/((?!api(?:/|$)|ingest/|sentry/api/[^/]+/envelope|monitoring/?$|_next/static/|_next/image(?:/|$)).*)'],
};
