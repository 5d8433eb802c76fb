// Every dynamic segment in app/ under the values Postgres cannot hold (NUL, lone surrogates), oversized ones and the
// percent-encodings Next cannot decode: each route and page answers 400/404 (a page: notFound()), reports nothing to
// Sentry and logs no error. Two layers, both here: the Node request hook refuses the raw path before Next sees it
// (on a real server on loopback), and each route parses its own segment with zod (lib/server/path-segment.ts). The
// inbox's text filters from the query string are compared in SQL too, so they get the same refusal.
// The table in docs/reliability.md ("Path segments") lists each segment with its schema and these tests.
import { readdirSync } from 'node:fs';
import { createServer, request as httpRequest, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { request } from '@/test-support/next-request';
import { signUpWithWorkspace } from '@/test-support/users';

vi.hoisted(() => {
  // The benchmark route exists only with this flag; read once when lib/env is first imported.
  vi.stubEnv('BENCH_NAIVE_ANALYTICS', '1');
});
vi.mock('next/headers', () => import('@/test-support/next-request'));
vi.mock('next/cache', () => import('@/test-support/next-request'));
vi.mock('@sentry/nextjs', async (importOriginal) => (await import('@/test-support/sentry')).sentryDouble(importOriginal));

const { sentryRecorder } = await import('@/test-support/sentry');
const { pathSegment, unroutablePath } = await import('@/lib/server/path-segment');
const { installRequestHook } = await import('@/lib/server/request-hook');

type Params = Record<string, string | string[]>;
type Handler = (req: NextRequest, ctx: { params: Promise<Params> }) => Promise<Response> | Response;
type Api = { template: string; load: () => Promise<Record<string, unknown>>; methods: string[]; param: string; catchAll?: boolean; extra?: string[] };
// Each page types its own params; the tests hand any value, as a request can.
type PageProps = { params: Promise<never> };
type Page = { template: string; load: () => Promise<{ default: (props: PageProps) => unknown; generateMetadata?: (props: PageProps) => unknown }>; param: string; extra?: string[] };
const pageProps = (params: Params): PageProps => ({ params: Promise.resolve(params) as Promise<never> });

/** Segments as they arrive on the wire that Next cannot decode, or that decode to NUL. */
const UNROUTABLE = ['%00', 'a%00b', 'a%00b.js', '%C0%AE', '%C0%AE%C0%AE', '%E0%80%80', '%ED%A0%80', '%ED%B0%80x', '%E2%82', '%', '%zz', '%FF', '%C0%AE.png'];
/** Segments that decode to ordinary text: the hook lets them through (the route decides). */
const ROUTABLE = ['prj_abc', '%25', '%2500', 'a%20b', '%E2%82%AC', '%F0%9F%98%80', '..', 'x.js'];
/**
 * Decoded values a handler (or generateMetadata) can be handed that no column can hold, or that no id can be. A
 * lone surrogate cannot be among them (it has no percent-encoding Next decodes): the schema test covers it.
 */
const DECODED = ['\u0000', 'a\u0000b', '\u0000'.repeat(3), 'x'.repeat(10_000)];
/** The same, as a page component receives them: percent-encoded, plus encodings that do not decode. */
const ENCODED = ['%00', 'a%00b', '%C0%AE', '%ED%A0%80', '%E2%82', '%', 'x'.repeat(10_000)];
/** Numeric ids past the bigint column, or not integers at all. */
const NOT_AN_ITEM_ID = ['99999999999999999999', '1e20', '0x10', '-1', '0', '1.5'];

/** Every route handler with a dynamic segment (app/**\/[…]/route.ts), optional catch-alls (`[[...path]]`) too. */
const API: Api[] = [
  { template: '/api/projects/[id]', load: () => import('@/app/api/projects/[id]/route'), methods: ['GET', 'PATCH', 'DELETE'], param: 'id' },
  { template: '/api/projects/[id]/tasks', load: () => import('@/app/api/projects/[id]/tasks/route'), methods: ['GET', 'POST'], param: 'id' },
  { template: '/api/tasks/[id]', load: () => import('@/app/api/tasks/[id]/route'), methods: ['PATCH', 'DELETE'], param: 'id' },
  { template: '/api/bench/naive-tasks/[id]', load: () => import('@/app/api/bench/naive-tasks/[id]/route'), methods: ['POST'], param: 'id' },
  { template: '/api/dev/inbox/issues/[id]', load: () => import('@/app/api/dev/inbox/issues/[id]/route'), methods: ['GET'], param: 'id' },
  { template: '/api/dev/inbox/persons/[distinctId]', load: () => import('@/app/api/dev/inbox/persons/[distinctId]/route'), methods: ['GET'], param: 'distinctId' },
  { template: '/api/dev/inbox/recordings/[sessionId]', load: () => import('@/app/api/dev/inbox/recordings/[sessionId]/route'), methods: ['GET'], param: 'sessionId' },
  { template: '/api/dev/inbox/sentry/[id]', load: () => import('@/app/api/dev/inbox/sentry/[id]/route'), methods: ['GET'], param: 'id', extra: NOT_AN_ITEM_ID },
  { template: '/api/dev/inbox/health/[rule]', load: () => import('@/app/api/dev/inbox/health/[rule]/route'), methods: ['GET'], param: 'rule', extra: ['__proto__', 'constructor', 'toString'] },
  { template: '/api/[[...path]]', load: () => import('@/app/api/[[...path]]/route'), methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], param: 'path', catchAll: true },
  { template: '/api/auth/[...all]', load: () => import('@/app/api/auth/[...all]/route'), methods: ['GET', 'POST'], param: 'all', catchAll: true },
  { template: '/ingest/[...path]', load: () => import('@/app/ingest/[...path]/route'), methods: ['GET', 'POST'], param: 'path', catchAll: true },
  { template: '/sentry/api/[project]/envelope', load: () => import('@/app/sentry/api/[project]/envelope/route'), methods: ['POST'], param: 'project' },
];

/** Every page with a dynamic segment (app/**\/[…]/page.tsx). */
const PAGES: Page[] = [
  { template: '/projects/[id]', load: () => import('@/app/(app)/projects/[id]/page'), param: 'id' },
  { template: '/checkout/[session]', load: () => import('@/app/checkout/[session]/page'), param: 'session' },
  { template: '/dev/inbox/dashboards/[key]', load: () => import('@/app/dev/inbox/dashboards/[key]/page'), param: 'key' },
  { template: '/dev/inbox/errors/[id]', load: () => import('@/app/dev/inbox/errors/[id]/page'), param: 'id', extra: NOT_AN_ITEM_ID },
  { template: '/dev/inbox/errors/issues/[id]', load: () => import('@/app/dev/inbox/errors/issues/[id]/page'), param: 'id' },
  { template: '/dev/inbox/persons/[id]', load: () => import('@/app/dev/inbox/persons/[id]/page'), param: 'id' },
  { template: '/dev/inbox/recordings/[id]', load: () => import('@/app/dev/inbox/recordings/[id]/page'), param: 'id' },
  { template: '/dev/inbox/traces/[traceId]', load: () => import('@/app/dev/inbox/traces/[traceId]/page'), param: 'traceId' },
];

const concrete = (template: string, segment: string) => template.replace(/\[\[?(\.\.\.)?\w+\]\]?/, segment);
const isNotFound = (error: unknown) => String((error as { digest?: unknown } | null)?.digest ?? '').startsWith('NEXT_HTTP_ERROR_FALLBACK;404');

let errors: { mock: { calls: unknown[][] }; mockRestore: () => void };
beforeEach(() => {
  sentryRecorder.reset();
  errors = vi.spyOn(console, 'error');
});
afterEach(() => {
  const logged = errors.mock.calls.map((c: unknown[]) => c.map(String).join(' ').slice(0, 300));
  errors.mockRestore();
  // Nothing reported to Sentry and nothing logged as an error, whatever the test sent.
  expect(sentryRecorder.reports.map((r) => String(r.error)), 'Sentry reports').toEqual([]);
  expect(logged, 'console.error').toEqual([]);
});

beforeAll(async () => {
  const { cookie } = await signUpWithWorkspace('Segments workspace', { name: 'Segments' });
  request.headers = new Headers({ cookie, 'x-forwarded-for': '10.44.0.1', host: 'localhost' });
});
afterAll(() => {
  vi.unstubAllEnvs();
});

/** URL templates of every route.ts / page.tsx in app/ below a dynamic segment (route groups dropped). */
function dynamicRoutes(kind: 'route.ts' | 'page.tsx'): string[] {
  const app = path.join(process.cwd(), 'app');
  return (readdirSync(app, { recursive: true }) as string[])
    .filter((file) => path.basename(file) === kind && file.includes('['))
    .map((file) => `/${path.dirname(file).split(path.sep).filter((part) => !/^\(.*\)$/.test(part)).join('/')}`)
    .sort();
}

describe('the tables below cover app/', () => {
  it('every route handler and page with a dynamic segment is tested here', () => {
    expect(API.map((a) => a.template).sort()).toEqual(dynamicRoutes('route.ts'));
    expect(PAGES.map((p) => p.template).sort()).toEqual(dynamicRoutes('page.tsx'));
  });
});

describe('pathSegment: the schema every segment is parsed with', () => {
  it('refuses NUL, lone surrogates, empty and oversized values; accepts any other text', () => {
    for (const value of ['', '\u0000', 'a\u0000b', '\uD800', 'a\uDC00b', '\uDBFF\uDBFF', 'x'.repeat(201), 1, null, undefined]) {
      expect(pathSegment().safeParse(value).success, JSON.stringify(value)).toBe(false);
    }
    for (const value of ['prj_abc', 'a b', '%00', '..', 'é', '😀', '\u202E', 'x'.repeat(200)]) expect(pathSegment().safeParse(value).success, value).toBe(true);
  });
});

/** One request to the server on loopback, the path sent exactly as given. */
function send(port: number, method: string, target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path: target }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

describe('the Node request hook: a path Next cannot decode never reaches Next', () => {
  // What Next would see: the server's own request listener, behind the hook instrumentation.ts installs.
  const reached: string[] = [];
  let server: Server;
  let port: number;
  beforeAll(async () => {
    installRequestHook(Server);
    server = createServer((req, res) => {
      reached.push(req.url ?? '');
      res.end('next');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('the guard finds every malformed or NUL segment and nothing else', () => {
    for (const segment of UNROUTABLE) expect(unroutablePath(`/api/projects/${segment}/tasks`), segment).not.toBeNull();
    for (const segment of ROUTABLE) expect(unroutablePath(`/api/projects/${segment}/tasks`), segment).toBeNull();
  });

  for (const template of [...API.map((a) => a.template), ...PAGES.map((p) => p.template)]) {
    it(`${template}: 400 { error } for every unroutable segment, and Next never sees the request`, async () => {
      reached.length = 0;
      for (const segment of UNROUTABLE) {
        for (const method of ['GET', 'POST']) {
          const target = `${concrete(template, segment)}?q=1`;
          const res = await send(port, method, target);
          expect(res.status, `${method} ${target}`).toBe(400);
          expect(JSON.parse(res.body), target).toEqual({ error: { code: 'validation', message: expect.any(String) } });
        }
      }
      expect(reached).toEqual([]);
      for (const segment of ROUTABLE) expect((await send(port, 'GET', concrete(template, segment))).status, segment).toBe(200);
      expect(reached).toHaveLength(ROUTABLE.length);
    });
  }
});

describe('route handlers: zod on each segment', () => {
  for (const api of API) {
    it(`${api.template}: 400/404 { error } for every value no column can hold`, async () => {
      const mod = await api.load();
      for (const method of api.methods) {
        const handler = mod[method] as Handler | undefined;
        expect(handler, `${api.template} exports ${method}`).toBeTypeOf('function');
        for (const value of [...DECODED, ...(api.extra ?? [])]) {
          const params: Params = { [api.param]: api.catchAll ? ['e', value] : value };
          const req = new NextRequest(`http://localhost${concrete(api.template, api.catchAll ? `e/${encodeURIComponent(value)}` : encodeURIComponent(value))}`, {
            method,
            headers: { ...Object.fromEntries(request.headers), 'content-type': 'application/json' },
            body: method === 'GET' ? undefined : JSON.stringify({ title: 'x', name: 'x' }),
          });
          const res = await handler!(req, { params: Promise.resolve(params) });
          const label = `${method} ${api.template} ${JSON.stringify(value.slice(0, 12))}`;
          expect([400, 404], `${label} → ${res.status}`).toContain(res.status);
          expect(await res.json(), label).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
        }
      }
    });
  }
});

describe('pages: zod on each segment, notFound() otherwise', () => {
  for (const page of PAGES) {
    it(`${page.template}: notFound() for every value no column can hold`, async () => {
      const mod = await page.load();
      for (const value of [...ENCODED, ...(page.extra ?? [])]) {
        await expect(Promise.resolve().then(() => mod.default(pageProps({ [page.param]: value }))), `page ${JSON.stringify(value.slice(0, 12))}`).rejects.toSatisfy(isNotFound);
      }
      if (!mod.generateMetadata) return;
      for (const value of DECODED) {
        const metadata = Promise.resolve().then(() => mod.generateMetadata!(pageProps({ [page.param]: value })));
        // A title for any key is fine; what must not happen is a query with the value (a database error).
        await metadata.catch((error: unknown) => expect(isNotFound(error), `generateMetadata ${JSON.stringify(value.slice(0, 12))}: ${String(error)}`).toBe(true));
      }
    });
  }
});

describe('inbox text filters from the query string (compared in SQL)', () => {
  it('the query API answers 400 to a NUL in any text filter', async () => {
    const events = await import('@/app/api/dev/inbox/events/route');
    const sentry = await import('@/app/api/dev/inbox/sentry/route');
    const recordings = await import('@/app/api/dev/inbox/recordings/route');
    const recording = await import('@/app/api/dev/inbox/recordings/[sessionId]/route');
    const health = await import('@/app/api/dev/inbox/health/route');
    const cases: [Handler, string][] = [
      ...['event', 'distinct_id', 'session_id'].map((key): [Handler, string] => [events.GET, `/api/dev/inbox/events?${key}=a%00b`]),
      ...['type', 'trace_id', 'event_id', 'project'].map((key): [Handler, string] => [sentry.GET, `/api/dev/inbox/sentry?${key}=%00`]),
      [recordings.GET, '/api/dev/inbox/recordings?distinct_id=%00'],
      [recording.GET, '/api/dev/inbox/recordings/s1?window_id=%00'],
      ...['event', 'distinct_id', 'session_id'].map((key): [Handler, string] => [health.GET, `/api/dev/inbox/health?${key}=a%00b`]),
    ];
    for (const [handler, path] of cases) {
      const res = await handler(new NextRequest(`http://localhost${path}`), { params: Promise.resolve({ sessionId: 's1' }) });
      expect(res.status, path).toBe(400);
      expect(await res.json(), path).toEqual({ error: { code: 'validation', message: expect.stringMatching(/Invalid query/) } });
    }
  });

  it('the /dev/inbox stream ignores a filter holding a NUL instead of querying with it', async () => {
    const { default: EventsPage } = await import('@/app/dev/inbox/page');
    for (const key of ['event', 'distinct_id', 'session_id']) {
      await expect(EventsPage({ searchParams: Promise.resolve({ [key]: 'a\u0000b' }) }), key).resolves.toBeTruthy();
    }
  });
});
