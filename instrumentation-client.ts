// Client instrumentation entry: Next runs it before hydration. It must stay tiny (it is first-load JS on every
// page): it records pageviews, CTA clicks and router transitions into the early queue (lib/instrumentation), then
// `import()`s Sentry and PostHog after `load` + idle and replays the queue into them, so nothing from before that
// moment is lost. With NEXT_PUBLIC_INSTRUMENTATION=off everything below is dead code (the bare benchmark build).
// Design and measured cost: docs/analytics-setup.md, "Lazy loading".
import { decideConsent, parseConsentChoice, readBrowserSignals, CONSENT_COOKIE, CONSENT_MAX_AGE_S } from './lib/analytics/client/consent';
import { track } from './lib/analytics/client/track';
import { enqueue, INSTRUMENTATION_OFF, orbit, type EarlyItem, type NavigationType, type OrbitGlobal } from './lib/instrumentation/orbit-global';

export function onRouterTransitionStart(href: string, navigationType: NavigationType): void {
  if (INSTRUMENTATION_OFF) return;
  const o = orbit();
  if (o.s) o.s.captureRouterTransitionStart(href, navigationType);
  else enqueue(o, { k: 'nav', href: new URL(href, location.href).href, nt: navigationType, t: Date.now(), u: location.href });
}

function dropAnalytics(o: OrbitGlobal): void {
  o.q = o.q.filter((i: EarlyItem) => i.k !== 'pv' && i.k !== 'ev' && i.k !== 'ph');
}

if (!INSTRUMENTATION_OFF) {
  // Everything lives inside the flag-guarded block so the bare build's dead-code removal does not depend on the
  // bundler tree-shaking unused top-level functions.
  const idle = (): Promise<void> =>
    new Promise((resolve) => {
      if ('requestIdleCallback' in window) window.requestIdleCallback(() => resolve(), { timeout: 2000 });
      else setTimeout(resolve, 50);
    });

  const o = orbit();
  const here = (): string => location.pathname + location.search;
  const untracked = (path: string): boolean => path === '/dev' || path.startsWith('/dev/');

  // ---- Pageviews before PostHog: one per path or query change, as posthog-js's history capture counts them. ----
  o.lp = here();
  if (!untracked(location.pathname)) enqueue(o, { k: 'pv', href: o.u, t: Date.now(), u: o.u });
  const onHistory = (): void => {
    if (o.ph || o.cs === 'denied' || here() === o.lp) return;
    o.lp = here();
    if (!untracked(location.pathname)) enqueue(o, { k: 'pv', href: location.href, t: Date.now(), u: location.href });
  };
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      onHistory();
    };
  }
  window.addEventListener('popstate', onHistory);

  // ---- Product clicks, delegated: one listener instead of a client component per link. ----
  document.addEventListener(
    'click',
    (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const cta = target?.closest<HTMLElement>('[data-cta-id]');
      if (cta?.dataset.ctaId) {
        const href = cta.getAttribute('href');
        track('marketing.cta_clicked', {
          cta_id: cta.dataset.ctaId as never,
          path: location.pathname,
          ...(href?.startsWith('/') ? { destination: new URL(href, location.href).pathname } : {}),
        });
      }
      const action = target?.closest('a, button');
      const card = action?.closest<HTMLElement>('[data-plan]');
      const dest = action?.getAttribute('href') ?? '';
      if (card?.dataset.plan && !/^\/(dashboard|billing)/.test(dest)) {
        track('pricing.plan_selected', {
          plan: card.dataset.plan as never,
          location: location.pathname.startsWith('/billing') ? 'billing_page' : 'pricing_page',
          signed_in: o.b?.props.auth_state === 'authenticated',
        });
      }
    },
    { capture: true },
  );

  // ---- Loading ----
  let linkPostHog: ((posthog: NonNullable<OrbitGlobal['ph']>) => void) | undefined;
  async function loadSentry(): Promise<void> {
    const sentry = await import('./sentry.client.config');
    await idle();
    o.s = sentry.initSentry(o.u); // from here on Sentry's own global handlers own errors; the head snippet goes quiet
    linkPostHog = sentry.linkPostHog;
    const items = o.q.filter((i): i is Extract<EarlyItem, { k: 'err' | 'rej' | 'exc' | 'nav' }> => i.k === 'err' || i.k === 'rej' || i.k === 'exc' || i.k === 'nav');
    o.q = o.q.filter((i) => i.k !== 'err' && i.k !== 'rej' && i.k !== 'exc' && i.k !== 'nav');
    sentry.replayEarly(items);
  }

  let posthogStarted = false;
  async function loadPostHog(): Promise<void> {
    const b = o.b;
    if (posthogStarted || !b?.key || o.cs !== 'granted' || untracked(new URL(o.u).pathname)) return;
    posthogStarted = true;
    // Three chunks, one idle task each (a chunk is evaluated in the task that loads it): the slim core, the
    // extension classes, the catalog validator (zod). One chunk of all three was a single ~300 ms task at 4× CPU.
    await idle();
    const { initPostHog } = await import('./lib/analytics/client/posthog-init');
    await idle();
    const { POSTHOG_EXTENSIONS } = await import('./lib/analytics/client/posthog-extensions');
    await idle();
    const { guardEvent } = await import('./lib/analytics/validate');
    await idle();
    // ICU's first DateTimeFormat costs ~50 ms at 4× CPU (then ~0.5 ms); posthog-js makes one for `$timezone` on its
    // first event, inside init's task. Pay it here, in a task of its own.
    Intl.DateTimeFormat().resolvedOptions();
    await idle();
    if (o.cs !== 'granted') return; // refused while the chunks were loading
    const posthog = initPostHog(o, b, { extensions: POSTHOG_EXTENSIONS, guard: guardEvent });
    linkPostHog?.(posthog); // Sentry events get the PostHog person and recording links, exceptions reach PostHog
    o.ld = Date.now();
  }

  // ---- Consent (lib/analytics/client/consent.ts): PostHog loads only once it is granted. ----
  const signals = readBrowserSignals();
  o.cs = o.b ? decideConsent({ mode: o.b.consent, choice: parseConsentChoice(document.cookie), ...signals }) : 'denied';
  if (o.cs === 'denied') dropAnalytics(o);
  let loading = false;
  o.c = (choice) => {
    document.cookie = `${CONSENT_COOKIE}=${choice}; path=/; max-age=${CONSENT_MAX_AGE_S}; samesite=lax${location.protocol === 'https:' ? '; secure' : ''}`;
    const before = o.cs;
    o.cs = o.b ? decideConsent({ mode: o.b.consent, choice, ...signals }) : 'denied';
    if (o.cs === 'granted' && before === 'pending') {
      // What the visitor did before saying yes stays unsent; only the page they agreed on counts as viewed.
      // Identity calls (identify, group, flags) are kept: they describe who, not what they did.
      const lastPageview = o.q.filter((i) => i.k === 'pv').pop();
      const kept: EarlyItem[] = o.q.filter((i) => i.k !== 'ev' && i.k !== 'pv');
      if (lastPageview) kept.push({ ...lastPageview, t: Date.now() });
      o.q = kept;
    }
    if (o.cs === 'granted') {
      if (loading) void loadPostHog().catch(() => undefined);
      return;
    }
    dropAnalytics(o);
    // Opt-out after PostHog started: stop capture and recording (opting out also clears what it persisted).
    o.ph?.stopSessionRecording();
    o.ph?.opt_out_capturing();
  };

  const start = (): void => {
    if (loading) return;
    loading = true;
    o.ls = Date.now();
    // One SDK per idle slot, independent of each other: one failing (blocked, offline) must not hold the other's
    // queue hostage.
    void loadSentry()
      .catch(() => undefined)
      .then(() => loadPostHog())
      .catch(() => undefined);
  };
  const whenIdle = (): void => {
    if ('requestIdleCallback' in window) window.requestIdleCallback(start, { timeout: 2000 });
    else setTimeout(start, 300);
  };
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
  // `load` can hang on a slow image or third-party iframe; never leave the page uninstrumented for long.
  setTimeout(start, 10_000);
}
