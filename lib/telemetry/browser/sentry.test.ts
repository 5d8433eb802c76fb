// The browser options as a tested contract: the real sentry.client.config.ts options, initialised by the real
// sentry.ts, with the SDK mocked at its edge.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserMonitoring, OrbitBootstrap } from './snippet';

const sdk = vi.hoisted(() => ({
  init: vi.fn(),
  captureException: vi.fn((_e: unknown, hint?: { event_id?: string }) => hint?.event_id ?? 'generated'),
  addEventProcessor: vi.fn(),
  on: vi.fn(),
}));

vi.mock('@sentry/nextjs', () => ({
  init: sdk.init,
  addBreadcrumb: vi.fn(),
  addEventProcessor: sdk.addEventProcessor,
  browserTracingIntegration: vi.fn(() => ({ name: 'BrowserTracing' })),
  captureException: sdk.captureException,
  captureRouterTransitionStart: vi.fn(),
  getClient: vi.fn(() => ({ on: sdk.on })),
  getActiveSpan: vi.fn(),
  getRootSpan: vi.fn(),
  spanToJSON: vi.fn(),
  setUser: vi.fn(),
  startBrowserTracingNavigationSpan: vi.fn(),
  withScope: (fn: (scope: unknown) => void) => fn({ setTags: vi.fn(), setExtras: vi.fn(), setTag: vi.fn(), addEventProcessor: vi.fn() }),
}));

/** The page's bootstrap as the server renders it (server-bootstrap.ts): where errors go is decided there, at runtime. */
const bootstrap = (monitoring: BrowserMonitoring): OrbitBootstrap => ({
  key: 'phc_orbit_local',
  consent: 'opt-out',
  distinctId: 'anon-1',
  identified: false,
  flags: {},
  payloads: {},
  props: { app: 'orbit', app_version: '0.1.0', deployment: 'e2e', auth_state: 'anonymous', plan: null, workspace_id: null, ui_theme: 'light' },
  user: null,
  workspace: null,
  monitoring,
  dev: false,
});

beforeAll(() => {
  vi.stubGlobal('location', new URL('http://127.0.0.1:3111/projects/p1'));
  vi.stubGlobal('document', { cookie: '' });
  vi.stubGlobal('window', { location: globalThis.location, fetch: vi.fn(), __orbit: { q: [], u: 'http://127.0.0.1:3111/projects/p1', b: bootstrap({ local: true, dsn: '', posthogUi: '' }) } });
  vi.stubGlobal('history', { pushState: vi.fn(), replaceState: vi.fn() });
});
afterAll(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

describe('browser Sentry', () => {
  it('initialises against the same-origin local collector with Orbit’s hooks', async () => {
    const { initSentry } = await import('./sentry');
    const { beforeSend, beforeSendSpan, beforeBreadcrumb } = await import('@/lib/monitoring/shared/before-send');
    initSentry('http://127.0.0.1:3111/projects/p1');
    const options = sdk.init.mock.calls[0]?.[0] as Record<string, unknown>;
    expect(options.dsn).toBe('http://orbit@127.0.0.1:3111/sentry/1');
    expect(options.tunnel).toBeUndefined();
    expect(options.environment).toBe('e2e');
    expect(options.beforeSend).toBe(beforeSend);
    expect(options.beforeSendSpan).toBe(beforeSendSpan);
    expect(options.beforeBreadcrumb).toBe(beforeBreadcrumb);
    // Sentry's browser matching: the full URL, or a same-origin request's bare path, against each target.
    const targets = options.tracePropagationTargets as RegExp[];
    const propagates = (url: string) => targets.some((t) => t.test(url) || (new URL(url).origin === location.origin && t.test(new URL(url).pathname)));
    for (const url of ['http://127.0.0.1:3111/dashboard', 'http://127.0.0.1:3111/', 'http://127.0.0.1:3111/api/projects', 'http://127.0.0.1:3111/onboarding/profile?_rsc=1']) {
      expect(propagates(url), url).toBe(true);
    }
    for (const url of ['http://127.0.0.1:3111/ingest/e/', 'http://127.0.0.1:3111/ingest/flags/?v=2', 'http://127.0.0.1:3111/monitoring', 'http://127.0.0.1:3111/sentry/api/1/envelope/', 'http://127.0.0.1:3111/api/dev/inbox/sentry', 'https://us.i.posthog.com/e/', 'http://127.0.0.1:31119/x']) {
      expect(propagates(url), url).toBe(false);
    }
    // posthog-js's scripts from /ingest get no resource span; the app's own chunks do.
    const [ignored] = options.ignoreSpans as { op: RegExp; attributes: { 'url.full': RegExp } }[];
    expect(ignored!.op.test('resource.script')).toBe(true);
    expect(ignored!.attributes['url.full'].test('http://127.0.0.1:3111/ingest/static/1.449.2/lazy-recorder.js')).toBe(true);
    expect(ignored!.attributes['url.full'].test('http://127.0.0.1:3111/_next/static/chunks/app.js')).toBe(false);
    expect((options.tracesSampler as (c: { name: string }) => number)({ name: '/dashboard' })).toBe(1);
    expect(options).not.toHaveProperty('sendDefaultPii');
    // No bodies, no IPs (and Relay infers none from browser envelopes): lib/monitoring/shared/before-send.ts DATA_COLLECTION.
    expect(options.dataCollection).toEqual({ httpBodies: [], userInfo: false });
  });

  it('reports queued client errors under the id shown to the user', async () => {
    const { reportError } = await import('./report-error');
    const id = reportError(new Error('boom'), { tags: { boundary: 'app' } });
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(sdk.captureException).toHaveBeenCalledWith(expect.any(Error), expect.objectContaining({ event_id: id }));
  });

  it('outside local mode: the DSN the server put in the page, through Orbit’s own tunnel', async () => {
    const { browserSentryOptions } = await import('@/sentry.client.config');
    const dsn = 'https://publickey@o1.ingest.sentry.io/42';
    const options = browserSentryOptions('http://127.0.0.1:3111/', { local: false, dsn, posthogUi: 'https://eu.posthog.com' }, 'production');
    expect(options).toMatchObject({ dsn, tunnel: '/monitoring', environment: 'production' });
    // No DSN in the page: the SDK is initialised without one, a silent no-op.
    expect(browserSentryOptions('http://127.0.0.1:3111/', { local: false, dsn: '', posthogUi: '' }, 'production').dsn).toBeUndefined();
  });
});
