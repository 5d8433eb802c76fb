// The Content-Security-Policy of Orbit's HTML pages, set per request by proxy.ts with a fresh nonce. Everything
// Orbit loads or talks to is same-origin: posthog-js posts to /ingest, Sentry to its same-origin tunnel (or the
// local /sentry collector), chunks and CSS come from /_next. Inline scripts (Next's flight data, Orbit's early-queue
// snippet, whose content is per request so a hash cannot cover it) run with the nonce; 'strict-dynamic' lets those
// trusted scripts load Next's chunks and posthog-js's lazily loaded extensions. No server-only import: the proxy
// bundle imports this file.

/** Request header carrying the nonce to the root layout (the proxy overwrites whatever a client sent). */
export const NONCE_HEADER = 'x-orbit-nonce';

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy({ nonce, dev }: { nonce: string; dev: boolean }): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // React's development build evaluates code for its stack traces; production never does.
    'script-src': ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // Inline style attributes (React `style`), posthog-js's and rrweb-player's injected <style>, and the replay
    // iframe of /dev/inbox (which inherits this policy) need 'unsafe-inline'; styles cannot run code.
    'style-src': ["'self'", "'unsafe-inline'"],
    // rrweb snapshots replay images inlined as data: URIs; canvas frames and workers use blob:.
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(dev ? ['ws:'] : [])],
    'worker-src': ["'self'", 'blob:'],
    'frame-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
