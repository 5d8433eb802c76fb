// The App Router navigations Sentry's own instrumentation does not see. @sentry/nextjs starts a navigation span from
// `onRouterTransitionStart` (links, router.push/replace, back/forward), but Next calls that hook for none of these:
// - a server action: its POST (and, when it redirects, the render of the target page, fetched by the server from
//   itself) happens inside whatever trace was current, so the next page's work joined the previous page's trace;
// - the navigation a server action's redirect causes (pushState/replaceState with no transition announced);
// - router.refresh(): a new RSC request for the same page.
// Each of them starts a navigation span here, so every page view is one trace with its server work in it.
// Loaded with the lazy Sentry chunk (sentry.ts), never in first-load JS.
import { getActiveSpan, getClient, getRootSpan, spanToJSON, startBrowserTracingNavigationSpan, type Span } from '@sentry/nextjs';

type Client = NonNullable<ReturnType<typeof getClient>>;

export type NavigationStarter = (client: Client, options: Parameters<typeof startBrowserTracingNavigationSpan>[1], extra: { url: string }) => Span | undefined;

type RouteManifest = { staticRoutes?: { path: string }[]; dynamicRoutes?: { path: string; regex?: string }[] };

/** The parameterised route of a path from the manifest @sentry/nextjs injects at build time, else null. */
export function routeOf(pathname: string, manifestJson: unknown): string | null {
  if (typeof manifestJson !== 'string') return null;
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  try {
    const manifest = JSON.parse(manifestJson) as RouteManifest;
    if (manifest.staticRoutes?.some((r) => r.path === path)) return path;
    // Fewest dynamic segments (`:id`) first, as @sentry/nextjs ranks them.
    const matches = (manifest.dynamicRoutes ?? []).filter((r) => r.regex && new RegExp(r.regex).test(path)).map((r) => r.path);
    const dynamic = (route: string) => route.match(/\/:/g)?.length ?? 0;
    return matches.sort((a, b) => dynamic(a) - dynamic(b))[0] ?? null;
  } catch {
    return null;
  }
}

function isServerActionRequest(input: RequestInfo | URL, init?: RequestInit): boolean {
  try {
    if (init?.headers && new Headers(init.headers).has('next-action')) return true;
    return typeof Request !== 'undefined' && input instanceof Request && input.headers.has('next-action');
  } catch {
    return false;
  }
}

const pathOf = (url: string | URL): string => {
  const u = new URL(url, location.href);
  return u.pathname + u.search;
};

type RouterLike = { refresh?: (...args: unknown[]) => unknown };

export type RouterGaps = {
  /** Call from onRouterTransitionStart: a navigation Sentry already traces. */
  announced: (href: string) => void;
};

/** Installs the three hooks (fetch, history, router.refresh) once; `start` is startBrowserTracingNavigationSpan. */
export function instrumentRouterGaps(client: Client, start: NavigationStarter = startBrowserTracingNavigationSpan): RouterGaps {
  let announcedPath: string | null = null;
  /** The span a server action started; renamed to the redirect's target when the action navigates. */
  let actionSpan: Span | undefined;

  const name = (pathname: string): { name: string; source: 'route' | 'url' } => {
    const route = routeOf(pathname, (globalThis as { _sentryRouteManifest?: unknown })._sentryRouteManifest);
    return route ? { name: route, source: 'route' } : { name: pathname, source: 'url' };
  };
  const startNavigation = (url: string, type: string): Span | undefined => {
    const target = new URL(url, location.href);
    const n = name(target.pathname);
    return start(
      client,
      {
        name: n.name,
        op: 'navigation',
        attributes: {
          'sentry.op': 'navigation',
          'sentry.origin': 'auto.navigation.nextjs.app_router_instrumentation',
          'sentry.segment.name.source': n.source,
          ...(n.source === 'route' ? { 'url.template': n.name } : {}),
          'navigation.type': type,
          'url.path': target.pathname,
        },
      },
      { url: target.href },
    );
  };

  // A server action is a router transition of its own (Next dispatches it through the router); its span is current
  // before the request goes out, so the POST carries this trace and the server's work joins it.
  const originalFetch = window.fetch;
  window.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
    try {
      if (isServerActionRequest(input, init)) actionSpan = startNavigation(location.href, 'router.server-action');
    } catch {
      // Tracing never stands between the app and its request.
    }
    return originalFetch.call(this ?? window, input, init);
  } as typeof window.fetch;

  /** The navigation span now current, if it is still open. */
  const currentNavigation = (): Span | undefined => {
    const active = getActiveSpan();
    const root = active ? getRootSpan(active) : undefined;
    return root && spanToJSON(root).attributes['sentry.op'] === 'navigation' && root.isRecording() ? root : undefined;
  };

  const onUrlChange = (before: string, after: string): void => {
    if (before === after) return;
    const expected = announcedPath;
    const action = actionSpan;
    announcedPath = null;
    actionSpan = undefined;
    if (expected === after) return;
    // Landed elsewhere than announced (a redirect during the RSC request), or a server action's redirect: the span
    // whose requests brought this page keeps telling its story, under the page's name.
    const pending = action ?? (expected !== null ? currentNavigation() : undefined);
    const target = new URL(after, location.href);
    if (pending?.isRecording()) {
      const n = name(target.pathname);
      pending.updateName(n.name);
      pending.setAttributes({
        'sentry.segment.name.source': n.source,
        ...(n.source === 'route' ? { 'url.template': n.name } : {}),
        ...(action ? { 'navigation.type': 'router.server-action-redirect' } : { 'navigation.redirected': true }),
        'url.path': target.pathname,
        'url.full': target.href,
      });
      return;
    }
    startNavigation(target.href, 'router.redirect');
  };
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      const before = pathOf(location.href);
      original.apply(this, args);
      try {
        onUrlChange(before, pathOf(location.href));
      } catch {
        // never break navigation
      }
    };
  }

  // router.refresh(): Next's router instance is on window.next once the app hydrated (this chunk loads after that).
  const router = (window as unknown as { next?: { router?: RouterLike } }).next?.router;
  const refresh = router?.refresh;
  if (router && typeof refresh === 'function') {
    router.refresh = function (this: unknown, ...args: unknown[]) {
      try {
        startNavigation(location.href, 'router.refresh');
      } catch {
        // never break the refresh
      }
      return refresh.apply(this, args);
    };
  }

  return {
    announced: (href) => {
      try {
        announcedPath = pathOf(href);
      } catch {
        announcedPath = null;
      }
    },
  };
}
