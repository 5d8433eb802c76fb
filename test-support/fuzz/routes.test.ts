// Hostile input against every route handler, called directly with real Requests on the real in-memory PGlite and
// a real Better Auth session: generated bodies (bytes, JSON, wrong types, huge strings, deep nesting), encodings,
// headers, query strings and path params (NUL, oversized, encoding tricks). Whatever arrives: never a 5xx, a refusal
// is `{ error: { code, message } }` JSON, and a refused request leaves the tables it would write unchanged.
// Inputs: the committed corpus, then a fixed seed (test-support/fuzz/settings.ts); `npm run test:fuzz` explores new seeds.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RouteCase } from './corpus';
import { request } from '@/test-support/next-request';
import { signUpWithWorkspace } from '@/test-support/users';

vi.mock('next/headers', () => import('@/test-support/next-request'));
vi.mock('next/cache', () => import('@/test-support/next-request'));

const { db, schema } = await import('@/lib/db');
const projectsRoute = await import('@/app/api/projects/route');
const projectRoute = await import('@/app/api/projects/[id]/route');
const projectTasksRoute = await import('@/app/api/projects/[id]/tasks/route');
const taskRoute = await import('@/app/api/tasks/[id]/route');
const naiveTasks = await import('@/app/api/bench/naive-tasks/[id]/route');
const reportId = await import('@/app/api/errors/report-id/route');
const stripe = await import('@/app/api/webhooks/stripe/route');
const authRoute = await import('@/app/api/auth/[...all]/route');
const ingest = await import('@/app/ingest/[...path]/route');
const sentry = await import('@/app/sentry/api/[project]/envelope/route');
const monitoring = await import('@/app/monitoring/route');
const inbox = await import('@/app/api/dev/inbox/route');
const events = await import('@/app/api/dev/inbox/events/route');
const person = await import('@/app/api/dev/inbox/persons/[distinctId]/route');
const persons = await import('@/app/api/dev/inbox/persons/route');
const recordings = await import('@/app/api/dev/inbox/recordings/route');
const recording = await import('@/app/api/dev/inbox/recordings/[sessionId]/route');
const sentryItems = await import('@/app/api/dev/inbox/sentry/route');
const sentryItem = await import('@/app/api/dev/inbox/sentry/[id]/route');
const stats = await import('@/app/api/dev/inbox/stats/route');
const issues = await import('@/app/api/dev/inbox/issues/route');
const issue = await import('@/app/api/dev/inbox/issues/[id]/route');
const inboxHealth = await import('@/app/api/dev/inbox/health/route');
const inboxHealthRule = await import('@/app/api/dev/inbox/health/[rule]/route');
const inboxHealthSecrets = await import('@/app/api/dev/inbox/health/secrets/route');
const health = await import('@/app/api/health/route');
const apiNotFound = await import('@/app/api/[[...path]]/route');
const { buildEvent, checkoutSessionObject, signPayload, subscriptionObject } = await import('@/lib/billing/events');
const { createWorkspaceWithOwner } = await import('@/test-support/billing');
const { checkProperty } = await import('./settings');
const { corpusInputs, routeCorpus } = await import('./corpus');
const { anyText: text, hostileSegment } = await import('./arbitraries');

const ORIGIN = 'http://localhost';
type Params = Record<string, string | string[]>;
type Handler = (req: NextRequest, ctx: { params: Promise<Params> }) => Promise<Response> | Response;

// ---- generated input ----------------------------------------------------------------------------------------

const printable = fc.string({ unit: fc.constantFrom(...' !"#$%&\'()*+,-./0123456789:;<=>?@AZaz[\\]^_`{|}~'.split('')), maxLength: 40 });
const anyText = text(80);
const wrongType = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  anyText,
  fc.constantFrom('', ' ', '\u0000', 'null', '-1', 'NaN', '1e309', '__proto__', 'constructor'),
  fc.integer({ min: 0, max: 200_000 }).map((n) => 'x'.repeat(n)),
);
const keys = ['name', 'description', 'title', 'done', 'id', 'plan', 'email', 'password', 'event', 'batch', 'distinct_id', 'properties', 'data', 'type', '__proto__', 'constructor'];
const shapedJson = fc.dictionary(fc.constantFrom(...keys), wrongType, { maxKeys: 5 }).map((o) => JSON.stringify(o));
const deepJson = fc
  .tuple(fc.integer({ min: 1, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) => (arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)));
// JSON.stringify({ [key]: 'é'.repeat(n) }) without building and scanning megabytes per input: the keys and 'é' need
// no escaping, and a slice of one long string costs nothing until the request encodes it.
const E = 'é'.repeat(2_000_000);
const hugeString = fc
  .tuple(fc.constantFrom(...keys), fc.integer({ min: 1_000, max: 2_000_000 }))
  .map(([key, n]) => `{"${key}":"${E.slice(0, n)}"}`);

const posthogEvent = fc.record(
  { event: fc.oneof(fc.constantFrom('$pageview', '$snapshot', '$identify', '$exception'), wrongType), distinct_id: wrongType, properties: fc.oneof(fc.dictionary(fc.constantFrom('$session_id', '$window_id', '$snapshot_data', '$current_url', 'token', '$set'), wrongType, { maxKeys: 4 }), wrongType), timestamp: wrongType, uuid: wrongType },
  { requiredKeys: ['event'] },
);
const posthogShaped = fc.oneof(
  posthogEvent.map((e) => JSON.stringify({ api_key: 'phc_t', ...e })),
  fc.array(posthogEvent, { maxLength: 5 }).map((batch) => JSON.stringify({ api_key: 'phc_t', batch })),
  fc.array(posthogEvent, { maxLength: 5 }).map((batch) => JSON.stringify(batch)),
  fc.record({ token: wrongType, distinct_id: wrongType, groups: wrongType, person_properties: wrongType }).map((o) => JSON.stringify(o)),
);
const sentryShaped = fc
  .tuple(
    fc.dictionary(fc.constantFrom('event_id', 'dsn', 'sent_at', 'sdk'), wrongType, { maxKeys: 3 }),
    fc.array(
      fc.tuple(
        fc.record({ type: fc.oneof(fc.constantFrom('event', 'transaction', 'replay_event', 'replay_recording', 'attachment', 'session', 'client_report'), wrongType), length: fc.option(fc.oneof(fc.integer({ min: -5, max: 100 }), wrongType)) }),
        fc.oneof(fc.json({ maxDepth: 3 }), anyText),
      ),
      { maxLength: 4 },
    ),
  )
  .map(([header, items]) => [JSON.stringify(header), ...items.flatMap(([h, payload]) => [JSON.stringify(h), payload])].join('\n'));
type Body = { bytes: Uint8Array | string | undefined; encoding?: string };
const rawBody: fc.Arbitrary<Uint8Array | string> = fc.oneof(
  fc.uint8Array({ maxLength: 4_000 }),
  fc.json({ maxDepth: 4 }),
  shapedJson,
  deepJson,
  hugeString,
  anyText,
);
const body: fc.Arbitrary<Body> = fc.oneof(
  { weight: 6, arbitrary: rawBody.map((bytes) => ({ bytes })) },
  { weight: 1, arbitrary: fc.constant({ bytes: undefined }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(rawBody, fc.constantFrom('gzip', 'deflate', 'br', 'x-bogus', 'gzip, gzip', 'identity', ''), fc.boolean())
      .map(([raw, encoding, compress]) => ({ bytes: compress ? new Uint8Array(gzipSync(raw)) : raw, encoding })),
  },
);
const contentType = fc.option(
  fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/octet-stream', '*/*', 'garbage'),
);
const query = fc.dictionary(
  fc.oneof(fc.constantFrom('limit', 'offset', 'event', 'distinct_id', 'session_id', 'type', 'after', 'before', 'since', 'digest', 'compression', 'ver', 'ip', '_', 'id', 'name', 'title'), printable),
  fc.oneof(printable, anyText, hostileSegment, fc.constantFrom('-1', '0', '1e9', '99999999999999999999', 'NaN', '2020-13-45', 'true', '')),
  { maxKeys: 4 },
);
const extraHeaders = fc.dictionary(
  fc.constantFrom('origin', 'referer', 'user-agent', 'x-forwarded-for', 'x-real-ip', 'accept', 'sentry-trace', 'baggage', 'stripe-signature', 'cookie', 'content-length', 'x-forwarded-host'),
  printable,
  { maxKeys: 3 },
);
const segment = fc.oneof(printable.filter((s) => s.length > 0), hostileSegment, fc.constantFrom('e', 'i', 'v0', 'batch', 's', 'flags', 'decide', 'static', 'array', 'phc_t', 'config', 'config.js'));

// ---- the harness ---------------------------------------------------------------------------------------------

const tried = new Map<string, number>();
/** Route templates with a fuzz test below (checked against app/ at the end). */
const covered = new Set<string>();
let fiveHundreds = 0;

type Case = { method: string; params: Params; body: Body; contentType: string | null; query: Record<string, string>; headers: Record<string, string> };

function buildRequest(path: string, c: Case, cookie: string | null): NextRequest {
  const url = new URL(path, ORIGIN);
  for (const [k, v] of Object.entries(c.query)) url.searchParams.append(k, v);
  const headers = new Headers(c.headers);
  if (c.contentType) headers.set('content-type', c.contentType);
  if (c.body.encoding !== undefined) headers.set('content-encoding', c.body.encoding);
  if (cookie) headers.set('cookie', cookie);
  const hasBody = c.method !== 'GET' && c.method !== 'HEAD' && c.body.bytes !== undefined;
  return new NextRequest(url, { method: c.method, headers, body: hasBody ? (c.body.bytes as BodyInit) : undefined });
}

/** A refusal is a 4xx with `{ error: { code, message } }`; anything under 400 is a success the input earned. */
async function checkResponse(route: string, res: Response, method: string, betterAuthShape = false): Promise<void> {
  if (res.status >= 500) fiveHundreds++;
  expect(res.status, `${route} answered ${res.status}`).toBeLessThan(500);
  if (res.status < 400 || method === 'HEAD') return;
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${route} answered ${res.status} with a non-JSON body: ${text.slice(0, 200)}`);
  }
  // Better Auth's own endpoints answer in its documented shape `{ code?, message }`, which its client parses.
  const error = betterAuthShape && !(json as { error?: unknown }).error ? (json as { message?: unknown; code?: unknown }) : (json as { error?: { code?: unknown; message?: unknown } }).error;
  if (betterAuthShape && error && error.code === undefined) return void expect(typeof error.message).toBe('string');
  expect(typeof error?.code, `${route} ${res.status} ${text.slice(0, 200)}`).toBe('string');
  expect(typeof error?.message, `${route} ${res.status} ${text.slice(0, 200)}`).toBe('string');
}

type Target = {
  route: string;
  handler: (method: string) => Handler | undefined;
  methods: string[];
  /** The methods that reach the route's own code (the others meet its method table): half the inputs use one. */
  handles?: string[];
  path: (params: Params) => string;
  params: fc.Arbitrary<Params>;
  cookie?: boolean;
  /** Row counts that a refused request must leave unchanged. */
  rows?: () => Promise<number[]>;
  /** The counted tables have another writer (the analytics queue flushing into the inbox): count right before each input too. */
  sharedRows?: boolean;
  /** What this target may answer beyond "never a 5xx" (e.g. only refusals when anonymous). */
  expectStatus?: (status: number, input: Case) => void;
  /** Pins the caller's address (routes with a per-IP budget would otherwise only answer 429 after a few runs). */
  ip?: () => string;
  betterAuthShape?: boolean;
  /** Bodies shaped like what this route expects, mixed in with the generic ones. */
  shaped?: fc.Arbitrary<string>;
};

/** A corpus entry completed with the defaults it leaves out. */
const completeCase = (target: Target) => (c: RouteCase): Case => ({
  method: c.method ?? target.methods[0]!,
  params: c.params ?? {},
  body: c.body ?? { bytes: undefined },
  contentType: c.contentType ?? null,
  query: c.query ?? {},
  headers: c.headers ?? {},
});

async function fuzz(target: Target, cookie: string | null): Promise<void> {
  let ipCounter = 0;
  const c: fc.Arbitrary<Case> = fc.record({
    method: target.handles ? fc.oneof(fc.constantFrom(...target.methods), fc.constantFrom(...target.handles)) : fc.constantFrom(...target.methods),
    params: target.params,
    body: target.shaped ? fc.oneof(body, target.shaped.map((bytes): Body => ({ bytes }))) : body,
    contentType,
    query,
    headers: extraHeaders,
  });
  // The counts after the previous input: one query per input, unless another writer may touch the tables.
  let rows = await target.rows?.();
  await checkProperty(
    target.route,
    fc.asyncProperty(c, async (input) => {
      tried.set(target.route, (tried.get(target.route) ?? 0) + 1);
      const ip = target.ip?.() ?? `10.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}.1`;
      request.headers = new Headers({ 'x-forwarded-for': ip, ...(target.cookie && cookie ? { cookie } : {}) });
      const req = buildRequest(target.path(input.params), input, target.cookie ? cookie : null);
      const handler = target.handler(input.method);
      expect(handler, `${target.route} exports no ${input.method} handler (list only the methods it exports)`).toBeTypeOf('function');
      if (target.sharedRows) rows = await target.rows!();
      const res = await handler!(req, { params: Promise.resolve(input.params) });
      await checkResponse(target.route, res, input.method, target.betterAuthShape);
      target.expectStatus?.(res.status, input);
      if (rows) {
        const after = await target.rows!();
        if (res.status >= 400) expect(after, `${target.route} ${res.status} wrote rows`).toEqual(rows);
        rows = after;
      }
    }),
    corpusInputs(routeCorpus[target.route]).map(completeCase(target)),
  );
}

/** Row counts of `tables`, in one query. */
const tableCounts = (...tables: PgTable[]) => async (): Promise<number[]> => {
  const { rows } = await db.execute<Record<string, number>>(
    sql`select ${sql.join(tables.map((t, i) => sql`(select count(*)::int from ${t}) as ${sql.identifier(`n${i}`)}`), sql`, `)}`,
  );
  return tables.map((_, i) => rows[0]![`n${i}`]!);
};
const appRows = tableCounts(schema.projects, schema.tasks);
const inboxRows = tableCounts(schema.inboxEvents, schema.inboxSnapshots, schema.inboxSentryItems, schema.inboxPersons, schema.inboxHealthWarnings);

const pick = (mod: Record<string, unknown>) => (method: string) => mod[method] as Handler | undefined;
const ALL = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const noParams = fc.constant<Params>({});

let cookie: string;
let projectId: string;
let taskId: string;

beforeAll(async () => {
  ({ cookie } = await signUpWithWorkspace('Fuzz workspace', { name: 'Fuzz' }));
  request.headers = new Headers({ cookie, 'x-forwarded-for': '10.255.0.1' });
  const json = { 'content-type': 'application/json' };
  const created = await projectsRoute.POST(new NextRequest(`${ORIGIN}/api/projects`, { method: 'POST', headers: json, body: JSON.stringify({ name: 'Target' }) }), { params: Promise.resolve({}) });
  projectId = ((await created.json()) as { project: { id: string } }).project.id;
  const task = await projectTasksRoute.POST(new NextRequest(`${ORIGIN}/api/projects/${projectId}/tasks`, { method: 'POST', headers: json, body: JSON.stringify({ title: 'Target' }) }), {
    params: Promise.resolve({ id: projectId }),
  });
  taskId = ((await task.json()) as { task: { id: string } }).task.id;
});

afterAll(() => {
  const total = [...tried.values()].reduce((a, b) => a + b, 0);
  for (const [route, n] of tried) console.log(`fuzz: ${route}: ${n} inputs`);
  console.log(`fuzz: ${total} inputs over ${tried.size} routes, ${fiveHundreds} 5xx`);
});

const idParam = (key: string, real: () => string) => fc.oneof(fc.constant(null).map(() => real()), printable, anyText, hostileSegment, fc.constant('')).map((v) => ({ [key]: v }));
const textParam = (key: string) => fc.oneof(printable, anyText, hostileSegment).map((v) => ({ [key]: v }));

describe('REST API (signed in, with a workspace)', () => {
  const api: Target[] = [
    { route: '/api/projects', handler: pick(projectsRoute), methods: ['GET', 'POST'], path: () => '/api/projects', params: noParams, cookie: true, rows: appRows },
    {
      route: '/api/projects/[id]',
      handler: pick(projectRoute),
      methods: ['GET', 'PATCH', 'DELETE'],
      path: (p) => `/api/projects/${encodeURIComponent(String(p.id))}`,
      params: idParam('id', () => projectId),
      cookie: true,
      rows: appRows,
    },
    {
      route: '/api/projects/[id]/tasks',
      handler: pick(projectTasksRoute),
      methods: ['GET', 'POST'],
      path: (p) => `/api/projects/${encodeURIComponent(String(p.id))}/tasks`,
      params: idParam('id', () => projectId),
      cookie: true,
      rows: appRows,
    },
    {
      route: '/api/tasks/[id]',
      handler: pick(taskRoute),
      methods: ['PATCH', 'DELETE'],
      path: (p) => `/api/tasks/${encodeURIComponent(String(p.id))}`,
      params: idParam('id', () => taskId),
      cookie: true,
      rows: appRows,
    },
    {
      route: '/api/bench/naive-tasks/[id]',
      handler: pick(naiveTasks),
      methods: ['POST'],
      path: (p) => `/api/bench/naive-tasks/${encodeURIComponent(String(p.id))}`,
      params: idParam('id', () => projectId),
      cookie: true,
      rows: appRows,
    },
    { route: '/api/errors/report-id', handler: pick(reportId), methods: ['GET'], path: () => '/api/errors/report-id', params: noParams },
    { route: '/api/health', handler: pick(health), methods: ['GET'], path: () => '/api/health', params: noParams },
    {
      route: '/api/[[...path]]',
      handler: pick(apiNotFound),
      methods: ALL,
      path: (p) => `/api/${(p.path as string[]).map(encodeURIComponent).join('/')}`,
      params: fc.array(fc.oneof(printable, anyText, hostileSegment), { maxLength: 4 }).map((path) => ({ path })),
      cookie: true,
      rows: appRows,
      // Any method, any path, any body: the JSON 404 every API path no route serves answers.
      expectStatus: (status, input) => expect(status, `${input.method} → ${status}`).toBe(404),
    },
  ];
  for (const target of api) covered.add(target.route);
  for (const target of api) it(`${target.route}: never a 5xx, refusals structured, nothing half-written`, () => fuzz(target, cookie), 120_000);

  it('/api/projects anonymously: never a success; GET 401, POST 401 or refused before the session (forgery 403/415, body 400/413)', () =>
    fuzz(
      {
        route: '/api/projects (anonymous)',
        handler: pick(projectsRoute),
        methods: ['GET', 'POST'],
        path: () => '/api/projects',
        params: noParams,
        rows: appRows,
        expectStatus: (status, input) => {
          // The forgery check (origin, JSON type) and the body (size, JSON) come before the session: either may answer
          // first, nothing else may.
          const allowed = input.method === 'GET' ? [401] : [400, 401, 403, 413, 415];
          expect(allowed, `anonymous ${input.method} /api/projects answered ${status}`).toContain(status);
        },
      },
      null,
    ), 120_000);
});

describe('webhook and auth', () => {
  covered.add('/api/webhooks/stripe').add('/api/auth/[...all]');
  it('/api/webhooks/stripe: never a 5xx, no billing rows from a refused event', () =>
    fuzz(
      {
        route: '/api/webhooks/stripe',
        handler: pick(stripe),
        methods: ['POST'],
        path: () => '/api/webhooks/stripe',
        params: noParams,
        rows: tableCounts(schema.webhookEvents, schema.subscriptions),
      },
      null,
    ), 120_000);

  it('/api/webhooks/stripe with a valid signature over Stripe-shaped events with one field wrong: 2xx or 400, never a 5xx', async () => {
    const { userId, workspaceId } = await createWorkspaceWithOwner();
    const now = new Date();
    const objects = {
      'checkout.session.completed': () =>
        checkoutSessionObject({ sessionId: 'cs_fuzz', workspaceId, userId, plan: 'pro', customerId: 'cus_fuzz', subscriptionId: 'sub_fuzz', origin: ORIGIN }),
      'customer.subscription.updated': () =>
        subscriptionObject({ subscriptionId: 'sub_fuzz', customerId: 'cus_fuzz', workspaceId, userId, plan: 'team', status: 'active', periodStart: now, periodEnd: new Date(now.getTime() + 2_592_000_000) }),
      'customer.subscription.deleted': () =>
        subscriptionObject({ subscriptionId: 'sub_fuzz', customerId: 'cus_fuzz', workspaceId, userId, plan: 'pro', status: 'canceled', periodStart: now, periodEnd: now }),
      'invoice.payment_failed': () => ({ id: 'in_fuzz', object: 'invoice', customer: 'cus_fuzz', subscription: 'sub_fuzz', metadata: { workspaceId } }),
    };
    const paths = ['id', 'customer', 'subscription', 'status', 'metadata', 'metadata.workspaceId', 'metadata.plan', 'metadata.userId', 'client_reference_id', 'items', 'items.data', 'items.data.0.current_period_end', 'items.data.0.price', 'items.data.0.price.lookup_key', 'created', 'canceled_at'];
    const mutation = fc.record({
      type: fc.constantFrom(...(Object.keys(objects) as (keyof typeof objects)[])),
      path: fc.constantFrom(...paths),
      value: fc.option(wrongType),
      eventId: fc.option(fc.oneof(printable, anyText).map((s) => `evt_${s}`)),
    });
    await checkProperty(
      '/api/webhooks/stripe (signed)',
      fc.asyncProperty(mutation, async ({ type, path, value, eventId }) => {
        tried.set('/api/webhooks/stripe (signed)', (tried.get('/api/webhooks/stripe (signed)') ?? 0) + 1);
        const object: Record<string, unknown> = objects[type]();
        const keys = path.split('.');
        let node = object as Record<string, unknown> | undefined;
        for (const key of keys.slice(0, -1)) node = node?.[key] as Record<string, unknown> | undefined;
        if (node && typeof node === 'object') {
          if (value === null) delete node[keys.at(-1)!];
          else node[keys.at(-1)!] = value;
        }
        const event = { ...buildEvent(type, object), ...(eventId ? { id: eventId } : {}) };
        const payload = JSON.stringify(event);
        const res = await stripe.POST(new Request(`${ORIGIN}/api/webhooks/stripe`, { method: 'POST', headers: { 'stripe-signature': signPayload(payload) }, body: payload }));
        await checkResponse('/api/webhooks/stripe (signed)', res, 'POST');
      }),
    );
  }, 120_000);

  it('/api/auth/* POST: never a 5xx, no user or session from a refused request', () =>
    fuzz(
      {
        route: '/api/auth/[...all] POST',
        handler: pick(authRoute),
        methods: ['POST'],
        path: (p) => `/api/auth/${(p.all as string[]).map(encodeURIComponent).join('/')}`,
        params: fc
          .oneof(
            fc.constantFrom(['sign-in', 'email'], ['sign-up', 'email'], ['sign-out'], ['update-user'], ['change-password'], ['request-password-reset']),
            fc.array(segment, { minLength: 1, maxLength: 3 }),
          )
          .map((all) => ({ all: [...all] })),
        cookie: true,
        rows: tableCounts(schema.users),
        betterAuthShape: true,
      },
      cookie,
    ), 120_000);
});

describe('collectors and the inbox query API (local mode)', () => {
  const collectors: Target[] = [
    {
      route: '/ingest/[...path]',
      handler: pick(ingest),
      methods: ALL,
      handles: ['GET', 'POST'],
      path: (p) => `/ingest/${(p.path as string[]).map(encodeURIComponent).join('/')}/`,
      shaped: posthogShaped,
      params: fc
        .oneof(fc.constantFrom(['e'], ['i', 'v0', 'e'], ['batch'], ['s'], ['flags'], ['decide'], ['array', 'phc_t', 'config'], ['static', 'nope.js']), fc.array(segment, { minLength: 1, maxLength: 4 }))
        .map((path) => ({ path: [...path] })),
      rows: inboxRows,
      sharedRows: true,
    },
    {
      route: '/sentry/api/[project]/envelope',
      handler: pick(sentry),
      methods: ALL,
      handles: ['POST'],
      path: (p) => `/sentry/api/${encodeURIComponent(String(p.project))}/envelope/`,
      params: fc.oneof(fc.constant('1'), printable, hostileSegment).map((project) => ({ project })),
      shaped: sentryShaped,
      rows: inboxRows,
      sharedRows: true,
    },
    { route: '/monitoring', handler: pick(monitoring), methods: ALL, handles: ['POST'], path: () => '/monitoring', params: noParams, rows: inboxRows, sharedRows: true },
    { route: '/api/dev/inbox', handler: pick(inbox), methods: ALL.filter((m) => m !== 'DELETE'), handles: ['GET'], path: () => '/api/dev/inbox', params: noParams },
    { route: '/api/dev/inbox/events', handler: pick(events), methods: ALL, handles: ['GET'], path: () => '/api/dev/inbox/events', params: noParams },
    { route: '/api/dev/inbox/persons', handler: pick(persons), methods: ALL, handles: ['GET'], path: () => '/api/dev/inbox/persons', params: noParams },
    {
      route: '/api/dev/inbox/persons/[distinctId]',
      handler: pick(person),
      methods: ALL,
      handles: ['GET'],
      path: (p) => `/api/dev/inbox/persons/${encodeURIComponent(String(p.distinctId))}`,
      params: textParam('distinctId'),
    },
    { route: '/api/dev/inbox/recordings', handler: pick(recordings), methods: ALL, handles: ['GET'], path: () => '/api/dev/inbox/recordings', params: noParams },
    {
      route: '/api/dev/inbox/recordings/[sessionId]',
      handler: pick(recording),
      methods: ALL,
      handles: ['GET'],
      path: (p) => `/api/dev/inbox/recordings/${encodeURIComponent(String(p.sessionId))}`,
      params: textParam('sessionId'),
    },
    { route: '/api/dev/inbox/sentry', handler: pick(sentryItems), methods: ALL, handles: ['GET'], path: () => '/api/dev/inbox/sentry', params: noParams },
    {
      route: '/api/dev/inbox/sentry/[id]',
      handler: pick(sentryItem),
      methods: ALL,
      handles: ['GET'],
      path: (p) => `/api/dev/inbox/sentry/${encodeURIComponent(String(p.id))}`,
      params: fc.oneof(fc.integer().map(String), printable, hostileSegment, fc.constantFrom('1e400', '-0', '99999999999999999999', '1e20', '0x10')).map((id) => ({ id })),
    },
    { route: '/api/dev/inbox/issues', handler: pick(issues), methods: ALL, handles: ['GET'], path: () => '/api/dev/inbox/issues', params: noParams },
    {
      route: '/api/dev/inbox/issues/[id]',
      handler: pick(issue),
      methods: ALL,
      handles: ['GET'],
      path: (p) => `/api/dev/inbox/issues/${encodeURIComponent(String(p.id))}`,
      params: fc.oneof(fc.stringMatching(/^[0-9a-f]{16}$/), textParam('id').map((p) => p.id!)).map((id) => ({ id })),
    },
    { route: '/api/dev/inbox/health', handler: pick(inboxHealth), methods: ALL, handles: ['GET'], path: () => '/api/dev/inbox/health', params: noParams },
    {
      route: '/api/dev/inbox/health/[rule]',
      handler: pick(inboxHealthRule),
      methods: ALL,
      handles: ['GET'],
      path: (p) => `/api/dev/inbox/health/${encodeURIComponent(String(p.rule))}`,
      params: fc.oneof(fc.constantFrom('schema', 'pii', 'unknown_event', '__proto__', 'constructor'), textParam('rule').map((p) => p.rule!)).map((rule) => ({ rule })),
    },
    {
      route: '/api/dev/inbox/health/secrets',
      handler: pick(inboxHealthSecrets),
      methods: ALL,
      handles: ['POST'],
      path: () => '/api/dev/inbox/health/secrets',
      params: noParams,
      shaped: fc.array(fc.oneof(anyText, wrongType), { maxLength: 5 }).map((secrets) => JSON.stringify({ secrets })),
      rows: tableCounts(schema.inboxHealthSecrets),
    },
    { route: '/api/dev/inbox/stats', handler: pick(stats), methods: ALL, handles: ['GET'], path: () => '/api/dev/inbox/stats', params: noParams },
  ];
  for (const target of collectors) covered.add(target.route);
  for (const target of collectors) it(`${target.route}: never a 5xx, refusals structured, nothing half-written`, () => fuzz(target, null), 120_000);
});

/** Route handlers in app/ this suite does not fuzz, each with the reason. */
const NOT_FUZZED: Record<string, string> = {
  '/api/dev/boom': 'fails on purpose: the debug surface (debug/debug-surface.test.ts, e2e/errors.spec.ts)',
  '/api/edge/ping': 'edge runtime, takes no input but ?boom=1, which fails on purpose (e2e/errors.spec.ts)',
};

describe('coverage', () => {
  it('every route handler in app/ is fuzzed above, or named in NOT_FUZZED with the reason', () => {
    const app = path.join(process.cwd(), 'app');
    const routes = (readdirSync(app, { recursive: true }) as string[])
      .filter((file) => path.basename(file) === 'route.ts')
      .map((file) => `/${path.dirname(file).split(path.sep).filter((part) => !/^\(.*\)$/.test(part)).join('/')}`);
    expect(routes.filter((route) => !covered.has(route) && !(route in NOT_FUZZED)).sort()).toEqual([]);
    expect(Object.keys(NOT_FUZZED).filter((route) => !routes.includes(route))).toEqual([]);
  });
});
