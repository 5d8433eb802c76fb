// Traces that tell one page's story (docs/error-tracking.md, "What a trace contains"): a new user walks seven pages —
// landing → Start free → sign up → three onboarding steps → dashboard → billing — and the traces the real SDKs sent
// are read back from the collector. One browser trace per page view, each with its server work; no trace spanning
// pages; nothing of the collector, the PostHog proxy or the Sentry tunnel in any trace; no trace of a static file;
// every time inside the test's own wall-clock window.
// ORBIT_TRACE_SCREENSHOT=<file.png> also saves the inbox's waterfall of one page (the docs' screenshot).
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';

type Span = { trace_id: string; span_id: string; parent_span_id?: string; name: string; start_timestamp: number; end_timestamp?: number; is_segment?: boolean; attributes?: Record<string, unknown> };
type Item = { id: number; type: string; item_type: string; trace_id: string | null; name: string | null; op: string | null; payload: unknown };

const PAGES = ['/', '/signup', '/onboarding/profile', '/onboarding/workspace', '/onboarding/project', '/dashboard', '/billing'] as const;
const TELEMETRY = /^\/(ingest|monitoring|sentry|api\/dev\/inbox|dev\/inbox)(\/|\?|$)/;
const STATIC = /^\/(_next\/|.*\.(ico|png|jpe?g|gif|svg|webp|avif|css|js|map|woff2?|ttf|txt|xml|webmanifest)(\?|$))/;
/** Clock rounding between the browser, the server and this process (one machine). */
const SLACK_MS = 1_000;

const attr = (span: Span, key: string): unknown => {
  const v = span.attributes?.[key];
  return v && typeof v === 'object' && 'value' in v ? (v as { value: unknown }).value : v;
};
const opOf = (span: Span) => String(attr(span, 'sentry.op') ?? '');
const isBrowserSegment = (span: Span) => span.is_segment === true && ['pageload', 'navigation'].includes(opOf(span));
/** The browser never sends `http.server`; the Node and edge SDKs say their runtime. */
const isServer = (span: Span) => opOf(span) === 'http.server' || typeof attr(span, 'process.runtime.name') === 'string';

/** Every path a span is about: its URL attributes and, for `GET /x` style names, its name. */
function pathsOf(span: Span): string[] {
  const out: string[] = [];
  for (const key of ['url.path', 'http.target', 'url.full', 'http.url', 'next.route', 'http.route']) {
    const v = attr(span, key);
    if (typeof v !== 'string') continue;
    try {
      out.push(new URL(v, 'http://x').pathname);
    } catch {
      // not a URL
    }
  }
  const named = /^[A-Z]+ (\/\S*)/.exec(span.name)?.[1];
  if (named) out.push(named);
  return out;
}

/** Span-v2 spans in the envelopes the browser posts to the local collector. */
function spansOfEnvelope(body: string | null): Span[] {
  const spans: Span[] = [];
  for (const line of (body ?? '').split('\n')) {
    try {
      const json = JSON.parse(line) as { items?: unknown };
      if (Array.isArray(json.items)) spans.push(...(json.items as Span[]).filter((s) => typeof s?.trace_id === 'string'));
    } catch {
      // headers and non-JSON items
    }
  }
  return spans;
}

async function sentryItems(request: APIRequestContext, query: string): Promise<Item[]> {
  const res = await request.get(`/api/dev/inbox/sentry?${query}`);
  expect(res.ok(), `GET /api/dev/inbox/sentry?${query}`).toBe(true);
  return ((await res.json()) as { items: Item[] }).items;
}

/** Every item stored after `cursor`, oldest first. */
async function itemsAfter(request: APIRequestContext, cursor: number): Promise<Item[]> {
  const all: Item[] = [];
  for (let after = cursor; ; ) {
    const page = await sentryItems(request, `after=${after}&order=asc&limit=1000`);
    all.push(...page);
    if (page.length < 1000) return all;
    after = page[page.length - 1]!.id;
  }
}

test('one trace per page view, with its server work and nothing else', async ({ page, freshUser, request }) => {
  test.setTimeout(180_000);
  const startedAt = Date.now();
  const cursor = (await sentryItems(request, 'order=desc&limit=1'))[0]?.id ?? 0;
  const browserSpans: Span[] = [];
  page.on('request', (req) => {
    if (/\/sentry\/api\/\d+\/envelope/.test(req.url())) browserSpans.push(...spansOfEnvelope(req.postData()));
  });
  /** Waits until the browser sent the page's pageload/navigation segment (Sentry loads lazily after `load` + idle). */
  const pageTraced = async (route: string) =>
    expect
      .poll(() => browserSpans.some((s) => isBrowserSegment(s) && s.name === route), { message: `a browser trace named ${route}`, timeout: 20_000 })
      .toBe(true);
  const walk = async (route: string, step: (p: Page) => Promise<void>) =>
    test.step(route, async () => {
      await step(page);
      await expect(page).toHaveURL((url) => url.pathname === route);
      await pageTraced(route);
    });

  await walk('/', (p) => p.goto('/').then(() => undefined));
  await walk('/signup', (p) => p.getByRole('link', { name: 'Start free' }).first().click());
  await walk('/onboarding/profile', async (p) => {
    await p.getByLabel('Name', { exact: true }).fill(freshUser.name);
    await p.getByLabel('Email', { exact: true }).fill(freshUser.email);
    await p.getByLabel('Password', { exact: true }).fill(freshUser.password);
    await p.getByRole('button', { name: 'Create account' }).click();
  });
  await walk('/onboarding/workspace', async (p) => {
    await p.getByLabel('Your role').selectOption({ index: 1 });
    await p.getByRole('button', { name: 'Continue' }).click();
  });
  await walk('/onboarding/project', async (p) => {
    await p.getByLabel('Workspace name').fill(`Traces ${Date.now().toString(36)}`);
    await p.getByRole('button', { name: 'Continue' }).click();
  });
  await walk('/dashboard', (p) => p.getByRole('button', { name: 'Skip' }).click());
  await walk('/billing', (p) => p.getByRole('link', { name: 'Billing' }).first().click());

  const myTraces = [...new Set(browserSpans.filter(isBrowserSegment).map((s) => s.trace_id))];
  const traceOf = (route: string) => browserSpans.find((s) => isBrowserSegment(s) && s.name === route)?.trace_id;

  await test.step('every page: a browser trace with its server segment', async () => {
    for (const route of PAGES) {
      const traceId = traceOf(route);
      await expect
        .poll(async () => (await sentryItems(request, `trace_id=${traceId}&type=transaction&limit=100`)).some((i) => isServer(i.payload as Span)), {
          message: `a server segment in the trace of ${route} (${traceId})`,
          timeout: 15_000,
        })
        .toBe(true);
    }
  });
  const finishedAt = Date.now();

  await test.step('no trace holds more than one page view, and all its times are inside the test', async () => {
    for (const traceId of myTraces) {
      const spans = (await sentryItems(request, `trace_id=${traceId}&limit=1000`)).filter((i) => i.item_type === 'span').map((i) => i.payload as Span);
      const pages = spans.filter(isBrowserSegment).map((s) => s.name);
      expect(pages, `browser page views in trace ${traceId}`).toHaveLength(1);
      for (const s of spans) {
        const where = `${s.name} (${opOf(s)}) in trace ${traceId} of ${pages[0]}`;
        expect(s.start_timestamp * 1000, `start of ${where}`).toBeGreaterThanOrEqual(startedAt - SLACK_MS);
        expect((s.end_timestamp ?? s.start_timestamp) * 1000, `end of ${where}`).toBeLessThanOrEqual(finishedAt + SLACK_MS);
      }
    }
  });

  await test.step('nothing of the collector, proxy or tunnel anywhere; no trace rooted at a static file', async () => {
    const stored = (await itemsAfter(request, cursor)).filter((i) => i.item_type === 'span');
    const telemetry = stored.filter((i) => pathsOf(i.payload as Span).some((p) => TELEMETRY.test(p)));
    expect(telemetry.map((i) => `${i.name} ${pathsOf(i.payload as Span).join(' ')}`), 'spans about telemetry').toEqual([]);
    const staticRoots = stored.filter((i) => i.type === 'transaction' && pathsOf(i.payload as Span).some((p) => STATIC.test(p)));
    expect(staticRoots.map((i) => `${i.name} ${pathsOf(i.payload as Span).join(' ')}`), 'traces rooted at a static file').toEqual([]);
  });

  const shot = process.env.ORBIT_TRACE_SCREENSHOT;
  if (shot) {
    await page.setViewportSize({ width: 1100, height: 640 });
    await page.goto(`/dev/inbox/traces/${traceOf('/onboarding/project')}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await expect(page.getByTestId('waterfall')).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: shot, fullPage: false });
  }
});
