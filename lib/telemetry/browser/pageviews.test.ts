// The history patch that counts pageviews before posthog-js loads also keeps Orbit's deferred captures
// (after-paint.ts) on the page they happened on: what is pending is captured before the URL changes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPageviews } from './pageviews';
import type { TelemetryState } from './state';

afterEach(() => vi.unstubAllGlobals());

describe('startPageviews history patch', () => {
  it('captures the pending events before pushState and replaceState change the URL', () => {
    let href = 'https://orbit.test/';
    const order: string[] = [];
    const nativeHistory = {
      pushState: (_s: unknown, _t: string, url: string) => void ((href = new URL(url, href).href), order.push(`pushState ${new URL(href).pathname}`)),
      replaceState: (_s: unknown, _t: string, url: string) => void ((href = new URL(url, href).href), order.push(`replaceState ${new URL(href).pathname}`)),
    };
    vi.stubGlobal('history', nativeHistory);
    vi.stubGlobal('location', {
      get href() {
        return href;
      },
      get pathname() {
        return new URL(href).pathname;
      },
      get search() {
        return new URL(href).search;
      },
    });
    vi.stubGlobal('window', { addEventListener: () => undefined });
    const state = { queue: [], landingUrl: href, referrer: '', crumbs: [], consent: 'granted', posthog: {} as never, flushTracks: () => order.push(`flush on ${new URL(href).pathname}`) } as TelemetryState;
    startPageviews(state);
    history.pushState(null, '', '/signup');
    history.replaceState(null, '', '/signup?step=2');
    expect(order).toEqual(['flush on /', 'pushState /signup', 'flush on /signup', 'replaceState /signup']);
  });
});
