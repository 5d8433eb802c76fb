// The Content-Security-Policy every page gets from proxy.ts: a fresh nonce per request, handed to the layout
// through a request header a client cannot set, and a policy that allows only same-origin code and connections.
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { proxy } from '@/proxy';
import { contentSecurityPolicy, NONCE_HEADER } from './csp';

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

/** What NextResponse.next({ request: { headers } }) passes on to the page. */
function forwardedRequestHeader(response: Response, name: string): string | null {
  return response.headers.get(`x-middleware-request-${name}`);
}

describe('page Content-Security-Policy', () => {
  it('allows scripts only by nonce (plus what they load), and connections, frames and forms only to itself', () => {
    const policy = directives(contentSecurityPolicy({ nonce: 'abc', dev: false }));
    expect(policy.get('script-src')).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    // No wildcard and no other origin anywhere.
    expect([...policy.values()].flat().filter((v) => v.includes('*') || /^https?:/.test(v))).toEqual([]);
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
    expect(policy.get('script-src')).not.toContain("'unsafe-eval'");
  });

  it('the proxy sets it on the response with a new nonce per request, and passes the same nonce to the layout', async () => {
    const seen = new Set<string>();
    for (const path of ['/', '/pricing', '/login', '/dev/inbox']) {
      // A client-sent nonce header is overwritten, never trusted.
      const response = await proxy(new NextRequest(`http://localhost${path}`, { headers: { [NONCE_HEADER]: 'attacker' } }));
      const policy = response.headers.get('content-security-policy') ?? '';
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      expect(nonce, path).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(forwardedRequestHeader(response, NONCE_HEADER)).toBe(nonce);
      // Next reads the nonce for its own inline scripts from the request's CSP header.
      expect(forwardedRequestHeader(response, 'content-security-policy')).toBe(policy);
      seen.add(nonce!);
    }
    expect(seen.size).toBe(4);
  });
});
