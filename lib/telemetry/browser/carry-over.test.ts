// The early queue handed from a page to the next one of the tab (state.ts `carryOverQueue`), and a page restored
// from the back/forward cache: what the next page replayed is never replayed again by the restored one.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { carryOverQueue, type QueuedItem, type TelemetryState } from './state';

/** One tab: sessionStorage outlives its pages; each page is its own window with its own listeners. */
function tab() {
  const values = new Map<string, string>();
  const sessionStorage = {
    getItem: (k: string) => values.get(k) ?? null,
    setItem: (k: string, v: string) => void values.set(k, String(v)),
    removeItem: (k: string) => void values.delete(k),
  } as unknown as Storage;
  const page = (queue: QueuedItem[] = []) => {
    const window = Object.assign(new EventTarget(), { sessionStorage });
    vi.stubGlobal('window', window);
    const state = { queue, landingUrl: 'https://orbit.test/', referrer: '', crumbs: [], consent: 'granted' } as TelemetryState;
    carryOverQueue(state);
    const fire = (type: 'pagehide' | 'pageshow', persisted: boolean) => window.dispatchEvent(Object.assign(new Event(type), { persisted }));
    return { state, fire };
  };
  return { values, page };
}

const clicked: QueuedItem = { kind: 'event', name: 'landing.cta_clicked', properties: { cta_id: 'hero_start_free' }, at: 1, url: 'https://orbit.test/' };
const viewed: QueuedItem = { kind: 'pageview', href: 'https://orbit.test/', at: 0, url: 'https://orbit.test/' };
const crashed: QueuedItem = { kind: 'exception', error: new Error('boom'), at: 2, url: 'https://orbit.test/' };

afterEach(() => vi.unstubAllGlobals());

describe('carryOverQueue', () => {
  it('hands the analytics items to the next page, which replays them once, marked as carried', () => {
    const t = tab();
    const a = t.page([viewed, clicked, crashed]);
    a.fire('pagehide', true);
    expect(a.state.queue).toEqual([crashed]); // Sentry's items are not carried; the analytics items left with the handover

    const b = t.page();
    expect(b.state.queue).toEqual([
      { ...viewed, carried: true },
      { ...clicked, carried: true },
    ]);
    expect(t.values.size).toBe(0);
  });

  it('a page restored from the back/forward cache does not replay what the next page replayed', () => {
    const t = tab();
    const a = t.page([viewed, clicked]);
    a.fire('pagehide', true);
    const b = t.page();
    expect(b.state.queue).toHaveLength(2);
    b.state.queue = []; // posthog-js started on b and replayed them
    a.fire('pageshow', true); // back to a

    expect(a.state.queue).toEqual([]);
  });

  it("a restored page leaves the next page's own hand-over alone", () => {
    const t = tab();
    const a = t.page([viewed, clicked]);
    a.fire('pagehide', true);
    const b = t.page();
    b.fire('pagehide', true); // b left before posthog-js started either: it hands the items on
    a.fire('pageshow', true); // back to a: storage holds b's hand-over, not a's

    expect(a.state.queue).toEqual([]);
    expect(JSON.parse(t.values.get('orbit:queued')!)).toHaveLength(2);
  });

  it('a restored page takes its items back when no page took them', () => {
    const t = tab();
    const a = t.page([viewed, clicked]);
    a.fire('pagehide', true);
    a.fire('pageshow', true); // e.g. the next page was on another origin

    expect(a.state.queue).toEqual([viewed, clicked]);
    expect(t.values.size).toBe(0);
  });

  it('keeps nothing without consent, and a page that is not restored changes nothing', () => {
    const t = tab();
    const a = t.page([viewed, clicked]);
    a.state.consent = 'pending';
    a.fire('pagehide', false);
    expect(t.values.size).toBe(0);
    expect(a.state.queue).toEqual([viewed, clicked]);
    a.fire('pageshow', false);
    expect(a.state.queue).toEqual([viewed, clicked]);
  });
});
