// The browser wiring as a contract: the real init module, with posthog-js replaced by a recorder, must pass the
// privacy options, replay the early queue in order with original times, validate catalog events, enrich and dedupe
// pageviews and never send anything from the inbox pages.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaptureResult } from 'posthog-js/dist/module.slim';
import type { OrbitBootstrap } from './snippet';
import type { TelemetryState } from './state';

const sdk = vi.hoisted(() => {
  const state = {
    config: undefined as undefined | Record<string, unknown>,
    captured: [] as Array<{ event: string; props: Record<string, unknown>; options?: { timestamp?: Date } }>,
    calls: [] as Array<[string, unknown[]]>,
    session: {} as Record<string, unknown>,
    userState: 'anonymous',
  };
  const posthog = {
    init: (_key: string, config: Record<string, unknown>) => {
      state.config = config;
    },
    register: (p: unknown) => state.calls.push(['register', [p]]),
    register_for_session: (p: Record<string, unknown>) => Object.assign(state.session, p),
    getSessionProperty: (k: string) => state.session[k],
    get_property: (k: string) => (k === '$user_state' ? state.userState : undefined),
    reset: () => state.calls.push(['reset', []]),
    identify: (...a: unknown[]) => state.calls.push(['identify', a]),
    capture: (event: string, props: Record<string, unknown>, options?: { timestamp?: Date }) => {
      // What posthog-js does before sending: registered properties, then before_send.
      const full = { $current_url: 'https://orbit.test/now', ...state.session, ...props };
      const out = (state.config?.['before_send'] as (e: CaptureResult) => CaptureResult | null)({ event, properties: full } as unknown as CaptureResult);
      if (out) state.captured.push({ event, props: out.properties, options });
    },
  };
  return { state, posthog };
});
vi.mock('posthog-js/dist/module.slim', () => ({ default: sdk.posthog }));

const { initPostHog: init, posthogOptions, RECORDING_COST, RECORDING_PRIVACY } = await import('./posthog-init');
const { guardEvent } = await import('@/lib/analytics/validate');
const { POSTHOG_EXTENSIONS } = await import('./posthog-extensions');
/** The loader's call: the extension classes and the real catalog validator handed in. */
const initPostHog = (state: TelemetryState, b: OrbitBootstrap) => init(state, b, { extensions: POSTHOG_EXTENSIONS, guard: guardEvent });

const bootstrap: OrbitBootstrap = {
  key: 'phc_orbit_local',
  consent: 'opt-out',
  distinctId: 'anon-1',
  identified: false,
  flags: { 'pricing-page-layout': 'test' },
  payloads: {},
  props: { app: 'orbit', app_version: '0.1.0', deployment: 'test', auth_state: 'anonymous', plan: null, workspace_id: null, ui_theme: 'light' },
  user: null,
  workspace: null,
  monitoring: { local: true, dsn: '', posthogUi: '' },
  dev: false,
};

function orbitWith(queue: TelemetryState['queue']): TelemetryState {
  return { queue, landingUrl: 'https://orbit.test/?utm_source=newsletter&token=secret', referrer: 'https://news.example.com/a?b=1', crumbs: [] };
}

/** The page's `pagehide` / `visibilitychange` listeners, in the order they were added (posthog-js's init adds its own). */
let pageListeners: [string, () => void][] = [];
let visibility: 'visible' | 'hidden' = 'visible';

beforeEach(() => {
  pageListeners = [];
  visibility = 'visible';
  vi.stubGlobal('addEventListener', (type: string, fn: () => void) => pageListeners.push([type, fn]));
  vi.stubGlobal('document', { get visibilityState() { return visibility; }, addEventListener: (type: string, fn: () => void) => pageListeners.push([type, fn]) });
  sdk.state.captured = [];
  sdk.state.calls = [];
  sdk.state.session = {};
  sdk.state.userState = 'anonymous';
  vi.stubGlobal('location', new URL('https://orbit.test/pricing'));
});

describe('posthogOptions (privacy and capture contract)', () => {
  it('masks every input, blocks password and card fields and ph-no-capture, masks PII text', () => {
    const options = posthogOptions(bootstrap, { beforeSend: (e) => e });
    expect(options.session_recording).toMatchObject({ maskAllInputs: true, blockClass: 'ph-no-capture', maskTextSelector: '*' });
    expect(RECORDING_PRIVACY.maskTextFn('Billed to jane@example.com, card 4242 4242 4242 4242')).toBe('Billed to ****************, card **** **** **** ****');
    expect(options.session_recording?.blockSelector).toContain('input[type="password"]');
    expect(options.session_recording?.blockSelector).toContain('[autocomplete^="cc-"]');
    expect(options.session_recording?.maskInputOptions).toMatchObject({ password: true, email: true });
  });

  it('keeps the full snapshot small (no inlined same-origin sheets, slim DOM, no canvas) without loosening privacy', () => {
    const options = posthogOptions(bootstrap, { beforeSend: (e) => e });
    expect(options.session_recording).toMatchObject({ inlineStylesheet: false, slimDOMOptions: 'all', captureCanvas: { recordCanvas: false }, recordCrossOriginIframes: false });
    // The cost options cannot switch a privacy option off: privacy is spread last and wins.
    expect(options.session_recording).toMatchObject(RECORDING_PRIVACY);
    for (const key of Object.keys(RECORDING_COST)) expect(Object.keys(RECORDING_PRIVACY)).not.toContain(key);
    // The recorder does not start inside init: recorder-start.ts starts it in a quiet idle period.
    expect(options.disable_session_recording).toBe(true);
  });

  it('autocapture, pageviews on path and query changes, pageleave, heatmaps, web vitals; bot filtering untouched', () => {
    const options = posthogOptions(bootstrap, { beforeSend: (e) => e });
    expect(options).toMatchObject({
      api_host: '/ingest',
      autocapture: true,
      capture_pageview: { path: true, search: true },
      capture_pageleave: true,
      enable_heatmaps: true,
      capture_performance: { web_vitals: true },
      bootstrap: { distinctID: 'anon-1', isIdentifiedID: false, featureFlags: { 'pricing-page-layout': 'test' } },
    });
    expect(options).not.toHaveProperty('opt_out_useragent_filter');
  });
});

describe('initPostHog', () => {
  it('runs the slim core with exactly the extensions Orbit uses (real posthog-js classes)', () => {
    initPostHog(orbitWith([]), bootstrap);
    const classes = sdk.state.config?.['__extensionClasses'] as Record<string, unknown>;
    expect(Object.keys(classes).sort()).toEqual([
      'autocapture',
      'deadClicksAutocapture',
      'featureFlags',
      'heatmaps',
      'historyAutocapture',
      'sessionRecording',
      'webVitalsAutocapture',
    ]);
    for (const c of Object.values(classes)) expect(typeof c).toBe('function');
  });

  it('replays the queue in order with original times, enriches pageviews and drops the duplicate automatic one', () => {
    const o = orbitWith([
      { kind: 'pageview', href: 'https://orbit.test/?utm_source=newsletter&token=secret', at: 1000, url: 'https://orbit.test/' },
      { kind: 'event', name: 'marketing.cta_clicked', properties: { cta_id: 'hero_see_pricing', path: '/', destination: '/pricing' }, at: 2000, url: 'https://orbit.test/' },
      { kind: 'exception', error: new Error('kept for Sentry'), at: 2500, url: 'https://orbit.test/' },
      { kind: 'pageview', href: 'https://orbit.test/pricing', at: 3000, url: 'https://orbit.test/pricing' },
    ]);
    initPostHog(o, bootstrap);
    // posthog-js's own first pageview after a late init: current URL, now. Dropped as a duplicate.
    sdk.posthog.capture('$pageview', { $current_url: 'https://orbit.test/pricing' });

    expect(sdk.state.captured.map((c) => [c.event, c.options?.timestamp?.getTime()])).toEqual([
      ['$pageview', 1000],
      ['marketing.visit_landing', 1000],
      ['marketing.cta_clicked', 2000],
      ['$pageview', 3000],
    ]);
    const landing = sdk.state.captured[0]!.props;
    expect(landing).toMatchObject({ referrer_url: 'https://news.example.com/a', referrer_domain: 'news.example.com', entry_path: '/', utm_source: 'newsletter' });
    expect(landing['entry_query']).toBe('?utm_source=newsletter');
    expect(sdk.state.captured[1]!.props).toMatchObject({ path: '/', referrer_domain: 'news.example.com', utm_source: 'newsletter' });
    // Sentry's items stay queued for Sentry; the facade now forwards straight to the SDK.
    expect(o.queue).toEqual([expect.objectContaining({ kind: 'exception' })]);
    expect(o.posthog).toBe(sdk.posthog);
    expect(sdk.state.calls[0]).toEqual(['register', [bootstrap.props]]);
  });

  it('drops invalid properties in production and never sends unknown events', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const o = orbitWith([]);
    initPostHog(o, bootstrap);
    o.trackValidated!('marketing.cta_clicked', { cta_id: 'hero_start_free', path: '/', email: 'a@b.co' });
    o.trackValidated!('not.in_catalog', {});
    o.flushTracks!();
    const sent = sdk.state.captured.filter((c) => !c.event.startsWith('$'));
    expect(sent.map((c) => c.event)).toEqual(['marketing.cta_clicked']);
    expect(JSON.stringify(sent)).not.toContain('a@b.co');
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it('throws on invalid properties in development', () => {
    const o = orbitWith([]);
    initPostHog(o, { ...bootstrap, dev: true });
    vi.useFakeTimers();
    try {
      o.trackValidated!('marketing.cta_clicked', { cta_id: 'nope', path: '/' });
      expect(() => o.flushTracks!()).not.toThrow(); // never into whoever flushed (a navigation, an identify)
      expect(() => vi.runAllTimers()).toThrow(/Invalid analytics event/); // but uncaught, for the developer
    } finally {
      vi.useRealTimers();
    }
  });

  it('track() after init: captured after the next paint with the time of the call, in order, on posthog-js\'s own page URL', () => {
    vi.useFakeTimers({ now: 1_800_000_000_000 });
    try {
      const o = orbitWith([]);
      initPostHog(o, bootstrap);
      const custom = () => sdk.state.captured.filter((c) => !c.event.startsWith('$'));
      o.trackValidated!('marketing.cta_clicked', { cta_id: 'hero_start_free', path: '/pricing', destination: '/signup' });
      o.trackValidated!('pricing.experiment_viewed', { flag_key: 'pricing-page-layout', variant: 'test' }, 1_799_999_999_000);
      expect(custom()).toEqual([]); // nothing inside the click's task
      vi.advanceTimersByTime(20);
      // No URL handed in: the recorder's default stands for the one posthog-js computes (and masks) itself.
      expect(custom().map((c) => [c.event, c.options?.timestamp?.getTime(), c.props['$current_url']])).toEqual([
        ['marketing.cta_clicked', 1_800_000_000_000, 'https://orbit.test/now'],
        ['pricing.experiment_viewed', 1_799_999_999_000, 'https://orbit.test/now'],
      ]);
      expect(custom()[0]!.props).not.toHaveProperty('orbit_replayed');
    } finally {
      vi.useRealTimers();
    }
  });

  it('masks ad-click ids, tokens and addresses in every event\'s page URL, the replayed ones included', () => {
    const landing = 'https://orbit.test/?gclid=AdClick123&utm_source=ads&plan=pro';
    const o = { ...orbitWith([{ kind: 'pageview', href: landing, at: 1000, url: landing }]), landingUrl: landing };
    initPostHog(o, bootstrap);
    sdk.posthog.capture('$autocapture', { $current_url: 'https://orbit.test/reset?token=s3cret&to=jane@example.com' });
    const urls = sdk.state.captured.map((c) => String(c.props['$current_url']));
    expect(urls[0]).toBe('https://orbit.test/?gclid=%3Cmasked%3E&utm_source=ads&plan=pro');
    expect(sdk.state.captured[0]!.props['entry_query']).toBe('?utm_source=ads&plan=pro');
    expect(urls.at(-1)).toBe('https://orbit.test/reset?token=%3Cmasked%3E&to=%3Cmasked%3E');
    expect(JSON.stringify(sdk.state.captured)).not.toMatch(/AdClick123|s3cret|jane@example/);
  });

  it('the page being hidden captures what is pending, before posthog-js sends what it holds', () => {
    const o = orbitWith([]);
    let initAt = -1;
    const init = sdk.posthog.init;
    sdk.posthog.init = ((...args: Parameters<typeof init>) => ((initAt = pageListeners.length), init(...args))) as typeof init;
    try {
      initPostHog(o, bootstrap);
    } finally {
      sdk.posthog.init = init;
    }
    const pagehide = pageListeners.findIndex(([type]) => type === 'pagehide');
    expect(pagehide).toBeGreaterThanOrEqual(0);
    expect(pagehide).toBeLessThan(initAt); // added before posthog-js's own pagehide listener
    o.trackValidated!('marketing.cta_clicked', { cta_id: 'hero_start_free', path: '/' });
    pageListeners[pagehide]![1]();
    expect(sdk.state.captured.map((c) => c.event)).toContain('marketing.cta_clicked');
    // A tab going to the background may never come back (mobile browsers discard it without a pagehide).
    o.trackValidated!('marketing.cta_clicked', { cta_id: 'hero_see_pricing', path: '/' });
    visibility = 'hidden';
    for (const [type, fn] of pageListeners) if (type === 'visibilitychange') fn();
    expect(sdk.state.captured.filter((c) => c.event === 'marketing.cta_clicked').map((c) => c.props['cta_id'])).toEqual(['hero_start_free', 'hero_see_pricing']);
  });

  it("never sends the page title: a project page is titled with the project's name", () => {
    const o = orbitWith([]);
    initPostHog(o, bootstrap);
    sdk.posthog.capture('$pageview', { $current_url: 'https://orbit.test/projects/prj_1', title: 'Codename Nightjar · Orbit' });
    sdk.posthog.capture('$autocapture', { $current_url: 'https://orbit.test/projects/prj_1', title: 'Codename Nightjar · Orbit' });
    expect(sdk.state.captured.map((c) => [c.event, c.props['title'], c.props['$current_url']])).toEqual([
      ['$pageview', undefined, 'https://orbit.test/projects/prj_1'],
      ['$autocapture', undefined, 'https://orbit.test/projects/prj_1'],
    ]);
  });

  it('POSTHOG_CLIENT_IP=none: every event, recordings included, says $geoip_disable; otherwise none does', () => {
    initPostHog(orbitWith([]), { ...bootstrap, geoipDisable: true });
    for (const event of ['$pageview', '$autocapture', '$snapshot', '$identify']) sdk.posthog.capture(event, { $current_url: 'https://orbit.test/pricing' });
    expect(sdk.state.captured.map((c) => [c.event, c.props['$geoip_disable']])).toEqual([
      ['$pageview', true],
      ['$autocapture', true],
      ['$snapshot', true],
      ['$identify', true],
    ]);
    sdk.state.captured = [];
    initPostHog(orbitWith([]), bootstrap);
    sdk.posthog.capture('$autocapture', { $current_url: 'https://orbit.test/pricing' });
    expect(sdk.state.captured[0]?.props).not.toHaveProperty('$geoip_disable');
  });

  it('never sends events from the inbox pages', () => {
    const o = orbitWith([]);
    initPostHog(o, bootstrap);
    sdk.posthog.capture('$autocapture', { $current_url: 'https://orbit.test/dev/inbox' });
    expect(sdk.state.captured.filter((c) => c.event === '$autocapture')).toEqual([]);
  });

  it('starts a new anonymous person when the server says logged out but the browser is still identified', () => {
    sdk.state.userState = 'identified';
    initPostHog(orbitWith([]), bootstrap);
    expect(sdk.state.calls.map(([m]) => m)).toContain('reset');
  });
});
