// One flag evaluation per request: the root layout's bootstrap and a page's own flag check (the dashboard's
// isFeatureEnabled) for the same visitor share it. With a project key but no personal API key every evaluation is a
// /flags request to PostHog, counted here at a fake PostHog host on loopback.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POSTHOG_LOCAL_KEY, posthogCookieName } from '@/lib/analytics/constants';
import { configureServerAnalytics, serverAnalytics } from '@/lib/analytics/server/client';
import { request } from '@/test-support/next-request';

// React's `cache` memoises only inside a server render (its request scope); outside one, as here, it is a
// pass-through. This gives the test one request scope, as Next gives one render.
vi.mock('react', async (importOriginal) => {
  const react = await importOriginal<typeof import('react')>();
  const cache = <A extends unknown[], R>(fn: (...args: A) => R) => {
    const memo = new Map<string, R>();
    return (...args: A): R => {
      const key = JSON.stringify(args);
      if (!memo.has(key)) memo.set(key, fn(...args));
      return memo.get(key) as R;
    };
  };
  return { ...react, cache };
});
// The request: an anonymous visitor whose posthog-js cookie carries their distinct id.
vi.mock('next/headers', () => import('@/test-support/next-request'));
request.headers = new Headers({ cookie: `${posthogCookieName(POSTHOG_LOCAL_KEY)}=${encodeURIComponent(JSON.stringify({ distinct_id: 'anon-visitor' }))}` });

const flagRequests: string[] = [];
let server: http.Server;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url?.startsWith('/flags')) flagRequests.push(req.url);
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ featureFlags: { 'new-onboarding-checklist': true }, featureFlagPayloads: {} }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  configureServerAnalytics({ mode: 'posthog', apiKey: 'phc_test', host: `http://127.0.0.1:${port}`, personalApiKey: undefined, fetch: undefined });
});

afterAll(async () => {
  await serverAnalytics().shutdown(0);
  server.close();
});

describe('getAnalyticsBootstrap', () => {
  it('shares its flag evaluation with the page’s flag checks: one /flags request per render', async () => {
    const { getAnalyticsBootstrap } = await import('./server-bootstrap');
    const { isFeatureEnabled } = await import('@/lib/flags/server');
    const bootstrap = await getAnalyticsBootstrap();
    expect(bootstrap.distinctId).toBe('anon-visitor');
    expect(await isFeatureEnabled('new-onboarding-checklist', 'anon-visitor')).toBe(bootstrap.flags['new-onboarding-checklist']);
    expect(flagRequests).toHaveLength(1);
  });
});
