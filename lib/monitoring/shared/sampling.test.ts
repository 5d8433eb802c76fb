import { describe, expect, it } from 'vitest';
import { PRODUCTION_TRACES_RATE, tracesSampleRate } from './sampling';

describe('tracesSampleRate', () => {
  it('keeps everything outside production', () => {
    expect(tracesSampleRate({ name: 'GET /api/projects' }, 'local')).toBe(1);
    expect(tracesSampleRate({ name: 'GET /api/projects' }, 'e2e')).toBe(1);
  });

  it('samples ordinary production traces at the low rate', () => {
    expect(tracesSampleRate({ name: 'GET /api/projects/[id]' }, 'production')).toBe(PRODUCTION_TRACES_RATE);
    expect(tracesSampleRate({ name: '/dashboard' }, 'production')).toBe(PRODUCTION_TRACES_RATE);
  });

  it('always traces onboarding and checkout in production', () => {
    expect(tracesSampleRate({ name: '/onboarding/workspace' }, 'production')).toBe(1);
    expect(tracesSampleRate({ name: '/checkout/[session]' }, 'production')).toBe(1);
    expect(tracesSampleRate({ name: 'POST', attributes: { 'url.path': '/checkout/cs_123' } }, 'production')).toBe(1);
    expect(tracesSampleRate({ name: 'POST /api/webhooks/stripe' }, 'production')).toBe(1);
  });

  it("never makes the server's start-up work (Next.js's spans outside any request) a trace, anywhere", () => {
    for (const environment of ['local', 'e2e', 'production']) {
      for (const type of ['LoadComponents.loadRouteModule', 'Instrumentation.register', 'AppRouteRouteModule.loadUserland', 'RouteModule.prepare']) {
        expect(tracesSampleRate({ name: 'load route module', attributes: { 'next.span_type': type } }, environment), `${environment} ${type}`).toBe(0);
      }
      // A request is still a request: Next's request span, and its children inside a recorded trace.
      expect(tracesSampleRate({ name: 'GET /dashboard', attributes: { 'next.span_type': 'BaseServer.handleRequest' } }, environment)).toBeGreaterThan(0);
      expect(tracesSampleRate({ name: 'load route module', attributes: { 'next.span_type': 'LoadComponents.loadRouteModule' }, parentSampled: true }, environment)).toBe(1);
    }
  });

  it('follows a sampled parent (the browser decided)', () => {
    expect(tracesSampleRate({ name: 'GET /api/projects', parentSampled: true }, 'production')).toBe(1);
    expect(tracesSampleRate({ name: 'GET /api/projects', parentSampled: false }, 'production')).toBe(0);
  });

  it('never traces the collector, the PostHog proxy, the Sentry tunnel or the inbox, anywhere', () => {
    expect(tracesSampleRate({ name: 'POST /sentry/api/[project]/envelope' }, 'local')).toBe(0);
    expect(tracesSampleRate({ name: 'POST /monitoring' }, 'production')).toBe(0);
    expect(tracesSampleRate({ name: 'POST /ingest/[...path]' }, 'local')).toBe(0);
    expect(tracesSampleRate({ name: 'GET', attributes: { 'http.target': '/api/dev/inbox/sentry?type=event' } }, 'e2e')).toBe(0);
  });

  it('drops the collector, proxy and tunnel even when the incoming trace header says sampled', () => {
    for (const environment of ['local', 'e2e', 'production']) {
      for (const path of ['/ingest/e/', '/ingest/flags/?v=2', '/ingest', '/monitoring', '/sentry/api/1/envelope/', '/api/dev/inbox/sentry', '/dev/inbox/traces']) {
        expect(tracesSampleRate({ name: 'POST', attributes: { 'url.path': path }, parentSampled: true }, environment), `${environment} ${path}`).toBe(0);
        expect(tracesSampleRate({ name: 'GET', attributes: { 'url.full': `http://127.0.0.1:3200${path}` }, parentSampled: true }, environment)).toBe(0);
      }
    }
  });

  it('never traces static files and framework internals', () => {
    for (const path of ['/icon.svg', '/favicon.ico', '/robots.txt', '/_next/static/chunks/app.js', '/_next/image?url=%2Fa.png&w=64', '/_next/data/x.json', '/og.png?v=1']) {
      expect(tracesSampleRate({ name: 'GET', attributes: { 'url.path': path }, parentSampled: true }, 'local'), path).toBe(0);
      expect(tracesSampleRate({ name: `GET ${path}` }, 'local'), path).toBe(0);
    }
  });

  it('never traces health checks: load balancers poll them every few seconds, whatever the caller asked', () => {
    for (const path of ['/api/health', '/api/health?probe=lb', '/api/edge/ping']) {
      expect(tracesSampleRate({ name: 'GET', attributes: { 'url.path': path }, parentSampled: true }, 'production'), path).toBe(0);
      expect(tracesSampleRate({ name: `GET ${path}` }, 'local'), path).toBe(0);
    }
    expect(tracesSampleRate({ name: 'GET /api/health', attributes: { 'url.full': 'http://127.0.0.1:3000/api/health' } }, 'local')).toBe(0);
    // Only the health paths themselves: a route that merely starts alike is traced.
    expect(tracesSampleRate({ name: 'GET /api/healthcare' }, 'local')).toBe(1);
  });

  it('keeps pages, route handlers and server actions', () => {
    for (const path of ['/', '/signup', '/onboarding/profile', '/dashboard', '/billing', '/api/projects', '/projects/abc']) {
      expect(tracesSampleRate({ name: 'GET', attributes: { 'url.path': path } }, 'local'), path).toBe(1);
    }
    expect(tracesSampleRate({ name: 'POST /onboarding/[step]' }, 'local')).toBe(1);
    expect(tracesSampleRate({ name: '/sentry-example' }, 'local')).toBe(1);
  });
});
