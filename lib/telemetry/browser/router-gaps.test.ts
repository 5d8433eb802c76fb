// The navigations Sentry's App Router instrumentation misses, each with its own span: the browser globals are
// stubbed (location, history, fetch, Next's router), the span starter is recorded instead of Sentry's.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@sentry/nextjs', () => ({
  getActiveSpan: () => undefined,
  getRootSpan: () => undefined,
  spanToJSON: () => ({ attributes: {} }),
  startBrowserTracingNavigationSpan: vi.fn(),
}));

type Started = { name: string; type: unknown; url: string; span: FakeSpan; order: number };
type FakeSpan = { name: string; attributes: Record<string, unknown>; recording: boolean; isRecording: () => boolean; updateName: (n: string) => void; setAttributes: (a: Record<string, unknown>) => void };
let order = 0;

function fakeSpan(name: string): FakeSpan {
  const span: FakeSpan = {
    name,
    attributes: {},
    recording: true,
    isRecording: () => span.recording,
    updateName: (n) => (span.name = n),
    setAttributes: (a) => Object.assign(span.attributes, a),
  };
  return span;
}

const MANIFEST = JSON.stringify({
  staticRoutes: [{ path: '/onboarding/profile' }, { path: '/onboarding/workspace' }, { path: '/dashboard' }, { path: '/projects/new' }],
  dynamicRoutes: [{ path: '/projects/:id', regex: '^/projects/([^/]+?)(?:/)?$' }],
});

let started: Started[];
let fetched: { order: number; headers: unknown }[];
let refreshed: number;
let loc: URL;

beforeEach(() => {
  order = 0;
  started = [];
  fetched = [];
  refreshed = 0;
  loc = new URL('http://127.0.0.1:3111/onboarding/profile');
  const setUrl = (_s: unknown, _t: string, url?: string | URL | null) => {
    if (url) loc = new URL(url, loc);
  };
  vi.stubGlobal('location', {
    get href() {
      return loc.href;
    },
    get pathname() {
      return loc.pathname;
    },
  });
  vi.stubGlobal('history', { pushState: setUrl, replaceState: setUrl });
  vi.stubGlobal('window', {
    fetch: (_input: unknown, init?: RequestInit) => {
      fetched.push({ order: order++, headers: init?.headers });
      return Promise.resolve(new Response('ok'));
    },
    next: { router: { refresh: () => void refreshed++ } },
  });
  vi.stubGlobal('_sentryRouteManifest', MANIFEST);
});
afterEach(() => vi.unstubAllGlobals());

async function install() {
  const { instrumentRouterGaps } = await import('./router-gaps');
  return instrumentRouterGaps({} as never, (_client, options, extra) => {
    const span = fakeSpan(options.name);
    started.push({ name: options.name, type: options.attributes?.['navigation.type'], url: extra.url, span, order: order++ });
    return span as never;
  });
}

describe('instrumentRouterGaps', () => {
  it('starts a navigation span before a server action’s request, and names it after the page its redirect lands on', async () => {
    await install();
    await window.fetch('', { method: 'POST', headers: { Accept: 'text/x-component', 'Next-Action': 'abc123' } });
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ name: '/onboarding/profile', type: 'router.server-action' });
    expect(started[0]!.order).toBeLessThan(fetched[0]!.order); // the POST goes out inside the new trace
    history.pushState(null, '', '/onboarding/workspace');
    expect(started).toHaveLength(1);
    expect(started[0]!.span.name).toBe('/onboarding/workspace');
    expect(started[0]!.span.attributes).toMatchObject({ 'navigation.type': 'router.server-action-redirect', 'url.path': '/onboarding/workspace' });
  });

  it('starts one for a redirect nobody announced, and none for a navigation Sentry already traces or a same-URL replace', async () => {
    const gaps = await install();
    gaps.announced('/dashboard');
    history.pushState(null, '', '/dashboard');
    history.replaceState(null, '', '/dashboard');
    expect(started).toEqual([]);
    history.pushState(null, '', '/projects/p_123');
    expect(started.map((s) => [s.name, s.type])).toEqual([['/projects/:id', 'router.redirect']]);
  });

  it('ignores ordinary requests and starts a span for router.refresh()', async () => {
    await install();
    await window.fetch('/api/projects', { headers: { accept: 'application/json' } });
    expect(started).toEqual([]);
    (window as unknown as { next: { router: { refresh: () => void } } }).next.router.refresh();
    expect(refreshed).toBe(1);
    expect(started.map((s) => [s.name, s.type])).toEqual([['/onboarding/profile', 'router.refresh']]);
  });
});

describe('routeOf', () => {
  it('parameterises from the route manifest, static routes first', async () => {
    const { routeOf } = await import('./router-gaps');
    expect(routeOf('/projects/new', MANIFEST)).toBe('/projects/new');
    expect(routeOf('/projects/p1/', MANIFEST)).toBe('/projects/:id');
    expect(routeOf('/nowhere', MANIFEST)).toBeNull();
    expect(routeOf('/dashboard', undefined)).toBeNull();
  });
});
