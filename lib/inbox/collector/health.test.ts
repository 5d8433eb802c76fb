// Event health through the real ingest route on the real PGlite: one event per rule fires exactly that rule, a clean
// funnel fires none, the event is stored either way, and the health API answers what the page shows.
import { beforeEach, describe, expect, it } from 'vitest';
import * as ingest from '@/app/ingest/[...path]/route';
import * as inbox from '@/app/api/dev/inbox/route';
import * as events from '@/app/api/dev/inbox/events/route';
import * as health from '@/app/api/dev/inbox/health/route';
import * as healthRule from '@/app/api/dev/inbox/health/[rule]/route';
import * as secrets from '@/app/api/dev/inbox/health/secrets/route';
import * as stats from '@/app/api/dev/inbox/stats/route';
import type { HealthReport } from '@/lib/inbox/rows';
import { piiShape } from './health';

const ORIGIN = 'http://127.0.0.1:3104';
const ctx = (params: Record<string, string | string[]>) => ({ params: Promise.resolve(params) });
type Event = { event: string; distinct_id: string; properties: Record<string, unknown>; timestamp?: string; uuid?: string };

let n = 0;
const session = () => `019ae000-0000-7000-8000-${String(++n).padStart(12, '0')}`;
const web = (sessionId: string | null, url = 'http://localhost/', extra: Record<string, unknown> = {}) => ({
  $lib: 'web',
  $lib_version: '1.449.2',
  ...(sessionId ? { $session_id: sessionId, $window_id: `w-${sessionId}` } : {}),
  $current_url: url,
  app: 'orbit',
  deployment: 'local',
  auth_state: 'anonymous',
  plan: null,
  workspace_id: null,
  ...extra,
});
const server = (extra: Record<string, unknown> = {}) => ({ $lib: 'posthog-node', $lib_version: '5.70.0', app: 'orbit', deployment: 'local', ...extra });
const at = (msAgo = 0) => new Date(Date.now() - msAgo).toISOString();

async function send(batch: Event[], sentAt?: string): Promise<void> {
  const body = JSON.stringify({ api_key: 'phc_local', batch: batch.map((e) => ({ timestamp: at(), ...e })), ...(sentAt ? { sent_at: sentAt } : {}) });
  const res = await ingest.POST(new Request(`${ORIGIN}/ingest/batch/`, { method: 'POST', body, headers: { 'content-type': 'application/json' } }), ctx({ path: ['batch'] }));
  expect(res.status, await res.clone().text()).toBe(200);
}

async function report(query = ''): Promise<HealthReport> {
  const res = await health.GET(new Request(`${ORIGIN}/api/dev/inbox/health${query}`));
  expect(res.status).toBe(200);
  return (await res.json()) as HealthReport;
}

const fired = async () => (await report()).warnings.map((w) => w.rule).sort();

beforeEach(async () => {
  expect((await inbox.DELETE(new Request(`${ORIGIN}/api/dev/inbox`, { method: 'DELETE' }))).status).toBe(204);
});

describe('one event per rule fires exactly that rule', () => {
  it('unknown_event: a name neither in the catalog nor a PostHog event', async () => {
    await send([{ event: 'marketing.visit_landin', distinct_id: 'anon-1', properties: web(session()) }]);
    expect(await fired()).toEqual(['unknown_event']);
    // The event is stored all the same, as PostHog would.
    const list = (await (await events.GET(new Request(`${ORIGIN}/api/dev/inbox/events?event=marketing.visit_landin`))).json()) as { events: unknown[] };
    expect(list.events).toHaveLength(1);
  });

  it('schema: a property of the wrong type, with its zod path; context properties are not extra keys', async () => {
    await send([{ event: 'pricing.plan_selected', distinct_id: 'anon-1', properties: web(session(), 'http://localhost/pricing', { plan: 'pro', location: 'pricing_page', signed_in: 'yes' }) }]);
    const { warnings } = await report();
    expect(warnings.map((w) => [w.rule, w.path])).toEqual([['schema', 'properties.signed_in']]);
    expect(warnings[0]!.severity).toBe('error');
  });

  it('schema: a missing property and an extra one', async () => {
    await send([{ event: 'pricing.plan_selected', distinct_id: 'anon-1', properties: web(session(), 'http://localhost/pricing', { location: 'pricing_page', signed_in: true, colour: 'red' }) }]);
    expect((await report()).warnings.map((w) => w.path).sort()).toEqual(['properties.colour', 'properties.plan']);
  });

  it('pii: an email in $set, a card number, a registered secret; never a declared hashed field', async () => {
    const res = await secrets.POST(new Request(`${ORIGIN}/api/dev/inbox/health/secrets`, { method: 'POST', body: JSON.stringify({ secrets: ['Tr0ub4dor&3-health'] }) }));
    expect(res.status).toBe(204);
    const s = session();
    await send([
      { event: '$identify', distinct_id: 'usr_1', properties: web(s, 'http://localhost/', { $anon_distinct_id: 'anon-1', $set: { email: 'ada@example.com', email_hash: '4111111111111111' } }) },
      { event: '$autocapture', distinct_id: 'usr_1', properties: web(s, 'http://localhost/billing', { $el_text: 'Pay 4242 4242 4242 4242' }) },
      { event: '$pageview', distinct_id: 'usr_1', properties: web(s, 'http://localhost/projects?q=Tr0ub4dor%263-health', { $pathname: '/projects', note: 'Tr0ub4dor&3-health' }) },
    ]);
    const { warnings } = await report();
    expect(warnings.map((w) => [w.rule, w.path]).sort()).toEqual([
      ['pii', 'properties.$el_text'],
      ['pii', 'properties.$set.email'],
      ['pii', 'properties.note'],
    ]);
    // The message names the shape, never the value.
    expect(JSON.stringify(warnings)).not.toMatch(/ada@example|4242 4242|Tr0ub4dor/);
  });

  it('wrong_side: a browser event sent by posthog-node', async () => {
    await send([{ event: 'auth.logged_out', distinct_id: 'usr_1', properties: server() }]);
    expect((await report()).warnings.map((w) => [w.rule, w.path])).toEqual([['wrong_side', 'properties.$lib']]);
  });

  it('duplicate_pageview: posthog-js counted one navigation twice in one page load', async () => {
    const s = session();
    const pv = (url: string, id: string, prev?: string) => web(s, url, { $pageview_id: id, ...(prev ? { $prev_pageview_id: prev } : {}) });
    await send([
      { event: '$pageview', distinct_id: 'anon-1', properties: pv('http://localhost/pricing', 'pv-1'), timestamp: at(900) },
      { event: '$pageview', distinct_id: 'anon-1', properties: pv('http://localhost/pricing', 'pv-2', 'pv-1'), timestamp: at(800) },
    ]);
    expect(await fired()).toEqual(['duplicate_pageview']);
    // A reload starts a page load of its own (no $prev_pageview_id), even with no $pageleave sent; another URL is
    // another navigation.
    await send([
      { event: '$pageview', distinct_id: 'anon-1', properties: pv('http://localhost/pricing', 'pv-3'), timestamp: at(700) },
      { event: '$pageview', distinct_id: 'anon-1', properties: pv('http://localhost/signup', 'pv-4', 'pv-3'), timestamp: at(600) },
    ]);
    expect(await fired()).toEqual(['duplicate_pageview']);
    // A pageview the page before handed over (Orbit's carried early queue) is that page load's: the same URL loaded
    // again right after is a navigation of its own.
    await send([
      { event: '$pageview', distinct_id: 'anon-1', properties: { ...pv('http://localhost/dashboard', 'pv-5'), orbit_replayed: true, orbit_carried: true }, timestamp: at(500) },
      { event: '$pageview', distinct_id: 'anon-1', properties: { ...pv('http://localhost/dashboard', 'pv-6', 'pv-5'), orbit_replayed: true }, timestamp: at(400) },
    ]);
    expect(await fired()).toEqual(['duplicate_pageview']);
  });

  it('duplicate_pageview from a sender without pageview ids: the same URL within 10 s, no $pageleave between', async () => {
    const s = session();
    await send([
      { event: '$pageview', distinct_id: 'anon-1', properties: web(s, 'http://localhost/pricing'), timestamp: at(900) },
      { event: '$pageview', distinct_id: 'anon-1', properties: web(s, 'http://localhost/pricing'), timestamp: at(300) },
    ]);
    expect(await fired()).toEqual(['duplicate_pageview']);
    await send([
      { event: '$pageleave', distinct_id: 'anon-1', properties: web(s, 'http://localhost/pricing'), timestamp: at(200) },
      { event: '$pageview', distinct_id: 'anon-1', properties: web(s, 'http://localhost/pricing'), timestamp: at(100) },
      { event: '$pageview', distinct_id: 'anon-1', properties: web(s, 'http://localhost/signup'), timestamp: at(50) },
    ]);
    expect(await fired()).toEqual(['duplicate_pageview']);
  });

  it('missing_session: a browser event without $session_id', async () => {
    await send([{ event: '$pageview', distinct_id: 'anon-1', properties: web(null) }]);
    expect(await fired()).toEqual(['missing_session']);
  });

  it("identity_break: a server event on a distinct id the browser's session never used", async () => {
    const s = session();
    await send([{ event: '$pageview', distinct_id: 'anon-7', properties: web(s, 'http://localhost/login') }]);
    await send([{ event: 'auth.logged_in', distinct_id: 'usr_other', properties: server({ $session_id: s, method: 'email', user_id: 'usr_other' }) }]);
    expect(await fired()).toEqual(['identity_break']);
  });

  it('identity_break is withdrawn when the browser identifies as that person afterwards', async () => {
    const s = session();
    await send([{ event: '$pageview', distinct_id: 'anon-8', properties: web(s, 'http://localhost/dashboard') }]);
    await send([{ event: 'workspace.created', distinct_id: 'usr_late', properties: server({ $session_id: s, workspace_id: 'ws_late1' }) }]);
    expect(await fired()).toEqual(['identity_break']);
    // posthog-js's next batch: the identify that links the browser's anonymous id to the user.
    await send([{ event: '$identify', distinct_id: 'usr_late', properties: web(s, 'http://localhost/dashboard', { $anon_distinct_id: 'anon-8' }) }]);
    expect(await fired()).toEqual([]);
    // Or the browser sends its next events on the server's id itself (signed in with a bootstrapped identity).
    const s2 = session();
    await send([{ event: '$pageview', distinct_id: 'anon-9', properties: web(s2, 'http://localhost/dashboard') }]);
    await send([{ event: 'workspace.created', distinct_id: 'usr_boot', properties: server({ $session_id: s2, workspace_id: 'ws_late2' }) }]);
    expect(await fired()).toEqual(['identity_break']);
    await send([{ event: '$pageview', distinct_id: 'usr_boot', properties: web(s2, 'http://localhost/projects') }]);
    expect(await fired()).toEqual([]);
  });

  it('clock_skew: an event time more than 10 min from its arrival, and a sender clock off by as much', async () => {
    await send([{ event: 'auth.logged_in', distinct_id: 'usr_1', properties: server({ method: 'email', user_id: 'usr_1' }), timestamp: at(60 * 60_000) }]);
    expect((await report()).warnings.map((w) => [w.rule, w.path])).toEqual([['clock_skew', 'timestamp']]);
    // A browser whose clock is 2 h behind: its timestamps are corrected by sent_at, the clock itself is the finding.
    await send([{ event: '$pageview', distinct_id: 'anon-1', properties: web(session()), timestamp: at(2 * 3_600_000) }], at(2 * 3_600_000 - 50));
    expect((await report()).warnings.map((w) => [w.rule, w.path])).toEqual([
      ['clock_skew', 'sent_at'],
      ['clock_skew', 'timestamp'],
    ]);
  });
});

describe('a clean funnel', () => {
  it('fires none, and the report counts the events it checked', async () => {
    const s = session();
    const page = (url: string, extra: Record<string, unknown> = {}) => web(s, `http://localhost${url}`, extra);
    await send([
      { event: '$pageview', distinct_id: 'anon-2', properties: page('/', { referrer_url: 'direct', referrer_domain: 'direct', entry_path: '/', entry_query: '', orbit_replayed: true }), timestamp: at(5000) },
      { event: 'marketing.visit_landing', distinct_id: 'anon-2', properties: page('/', { path: '/', referrer_domain: 'direct' }), timestamp: at(4900) },
      { event: 'marketing.cta_clicked', distinct_id: 'anon-2', properties: page('/', { cta_id: 'hero_start_free', path: '/', destination: '/signup' }), timestamp: at(4000) },
      { event: '$pageleave', distinct_id: 'anon-2', properties: page('/'), timestamp: at(3900) },
      { event: '$pageview', distinct_id: 'anon-2', properties: page('/signup'), timestamp: at(3800) },
      { event: 'auth.signup_started', distinct_id: 'anon-2', properties: page('/signup', { method: 'email' }), timestamp: at(3700) },
    ]);
    await send([
      { event: '$create_alias', distinct_id: 'usr_Funnel1', properties: server({ alias: 'anon-2', $session_id: s }) },
      { event: 'auth.signed_up', distinct_id: 'usr_Funnel1', properties: server({ $session_id: s, method: 'email', user_id: 'usr_Funnel1', ip_hash: '5555555555554444' }) },
      { event: '$identify', distinct_id: 'usr_Funnel1', properties: server({ $session_id: s, $set: { email_domain: 'example.com', email_hash: '0123456789abcdef' } }) },
    ]);
    await send([
      { event: '$pageview', distinct_id: 'usr_Funnel1', properties: page('/onboarding/profile', { auth_state: 'authenticated' }) },
      { event: 'onboarding.step_viewed', distinct_id: 'usr_Funnel1', properties: page('/onboarding/profile', { step: 'profile' }) },
    ]);
    const r = await report();
    expect(r.warnings).toEqual([]);
    expect(r.checked_events).toBe(11);
    expect(r.by_rule.every((x) => x.count === 0)).toBe(true);
  });
});

describe('the health API', () => {
  it('counts per rule and per event, filters by rule in the path, by session and person, and shows on the stats', async () => {
    const s = session();
    await send([
      { event: 'nope.one', distinct_id: 'anon-3', properties: web(s) },
      { event: 'nope.one', distinct_id: 'anon-3', properties: web(s, 'http://localhost/x') },
      { event: '$pageview', distinct_id: 'anon-4', properties: web(null) },
    ]);
    const all = await report();
    expect(all.by_rule.find((r) => r.rule === 'unknown_event')).toMatchObject({ count: 2, severity: 'error', doc: 'docs/local-inbox.md#health-unknown-event' });
    expect(all.by_event).toEqual([
      { event: 'nope.one', count: 2 },
      { event: '$pageview', count: 1 },
    ]);
    // Newest first.
    expect(all.warnings.map((w) => w.id)).toEqual([...all.warnings.map((w) => w.id)].sort((a, b) => b - a));
    expect((await report(`?session_id=${s}`)).warnings).toHaveLength(2);
    expect((await report('?distinct_id=anon-4')).warnings.map((w) => w.rule)).toEqual(['missing_session']);
    const one = await healthRule.GET(new Request(`${ORIGIN}/api/dev/inbox/health/missing_session`), ctx({ rule: 'missing_session' }));
    expect(((await one.json()) as HealthReport).warnings.map((w) => w.event)).toEqual(['$pageview']);
    const counts = (await (await stats.GET(new Request(`${ORIGIN}/api/dev/inbox/stats`))).json()) as Record<string, number>;
    expect(counts).toMatchObject({ health_warnings: 3, health_errors: 2 });
  });

  it('refuses hostile input with a 4xx', async () => {
    for (const q of ['?rule=nope', '?limit=0', '?severity=fatal', '?session_id=a%00b', '?since=yesterday']) {
      expect((await health.GET(new Request(`${ORIGIN}/api/dev/inbox/health${q}`))).status, q).toBe(400);
    }
    const unknown = await healthRule.GET(new Request(`${ORIGIN}/api/dev/inbox/health/__proto__`), ctx({ rule: '__proto__' }));
    expect(unknown.status).toBe(404);
    for (const body of ['{"secrets":["abc"]}', '{"secrets":[]}', 'not json', '{"secrets":["a\\u0000bcd"]}', '{"secrets":["abcd"],"x":1}']) {
      const res = await secrets.POST(new Request(`${ORIGIN}/api/dev/inbox/health/secrets`, { method: 'POST', body }));
      expect(res.status, body).toBe(400);
    }
  });
});

describe('PII shapes', () => {
  it.each([
    ['ada.lovelace+x@example.co.uk', 'an email address'],
    ['4111 1111 1111 1111', 'a card number'],
    ['5555-5555-5555-4444', 'a card number'],
    ['+44 20 7946 0958', 'a phone number'],
    ['(415) 555-2671', 'a phone number'],
    ['call (415) 555-2671.', 'a phone number'],
  ])('%s is %s', (value, shape) => expect(piiShape(value, [])).toBe(shape));

  it.each(['1733430000000', '2026-12-05T21:49:16.123Z', '019ae000-0000-7000-8000-000000000001', '4111111111111112', 'ws_Yc1n0p2QeR5sT7uV9wX1', '/projects/12345', 'v1.449.2', '01948d2e-1234-7567-8901-234567890123', '2026-12-05 21:49:16'])(
    '%s is none',
    (value) => expect(piiShape(value, [])).toBeNull(),
  );
});
