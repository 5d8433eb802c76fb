// A local stand-in for PostHog's and Sentry's REST APIs (real HTTP on 127.0.0.1) for the provisioner's tests. It
// keeps what it is sent, answers like the real APIs (paginated lists, alerts that expand `insight` and
// `subscribed_users`), and refuses — 400 and a recorded violation — any request whose method, path, bearer token or
// body shape differs from what PostHog and Sentry document (see lib/analytics/insights/provision/posthog.ts and sentry.ts for the sources).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { z } from 'zod';

export const POSTHOG_KEY = 'phx_fake_personal_key';
export const POSTHOG_PROJECT = '4242';
export const SENTRY_TOKEN = 'sntrys_fake_token';
export const SENTRY_ORG = 'acme';
export const SENTRY_PROJECT = 'orbit';
const ME = { id: 7, uuid: '0190f7c2-0000-7000-8000-000000000007', first_name: 'Ada' };

const eventsNode = z.looseObject({ kind: z.literal('EventsNode'), event: z.string().nullable(), name: z.string(), math: z.string().optional(), properties: z.array(z.looseObject({ key: z.string(), operator: z.string(), type: z.literal('event') })).optional() });
const insightBody = z.strictObject({
  name: z.string().min(1),
  description: z.string(),
  query: z.strictObject({
    kind: z.literal('InsightVizNode'),
    source: z.discriminatedUnion('kind', [
      z.looseObject({ kind: z.literal('TrendsQuery'), series: z.array(eventsNode).min(1), interval: z.enum(['hour', 'day', 'week', 'month']), dateRange: z.looseObject({ date_from: z.string() }), trendsFilter: z.looseObject({ formula: z.string().optional() }) }),
      z.looseObject({ kind: z.literal('FunnelsQuery'), series: z.array(eventsNode).min(2), funnelsFilter: z.looseObject({ funnelOrderType: z.enum(['ordered', 'strict', 'unordered']), funnelWindowInterval: z.number().int().positive(), funnelWindowIntervalUnit: z.enum(['second', 'minute', 'hour', 'day', 'week', 'month']) }) }),
    ]),
  }),
  dashboards: z.array(z.number().int()),
  saved: z.boolean(),
});
const dashboardBody = z.strictObject({ name: z.string().min(1), description: z.string() });
const behavioral = z.looseObject({ type: z.literal('behavioral'), value: z.enum(['performed_event', 'performed_event_multiple']), key: z.string(), event_type: z.literal('events'), time_value: z.number().int().positive(), time_interval: z.enum(['day', 'week', 'month']), negation: z.boolean() });
const cohortBody = z.strictObject({
  name: z.string().min(1),
  description: z.string(),
  is_static: z.literal(false),
  filters: z.strictObject({ properties: z.strictObject({ type: z.enum(['AND', 'OR']), values: z.array(z.strictObject({ type: z.enum(['AND', 'OR']), values: z.array(behavioral).min(1) })).min(1) }) }),
});
const alertBody = z.strictObject({
  name: z.string().min(1),
  insight: z.number().int(),
  subscribed_users: z.array(z.number().int()).min(1),
  enabled: z.boolean(),
  calculation_interval: z.enum(['hourly', 'daily', 'weekly', 'monthly']),
  condition: z.strictObject({ type: z.enum(['absolute_value', 'relative_increase', 'relative_decrease']) }),
  threshold: z.strictObject({ configuration: z.strictObject({ type: z.enum(['absolute', 'percentage']), bounds: z.strictObject({ lower: z.number().optional(), upper: z.number().optional() }) }) }),
  config: z.strictObject({ type: z.literal('TrendsAlertConfig'), series_index: z.number().int().min(0) }),
});
const issueRuleBody = z.strictObject({
  name: z.string().min(1).max(256),
  actionMatch: z.enum(['all', 'any', 'none']),
  filterMatch: z.enum(['all', 'any', 'none']),
  frequency: z.number().int().min(5).max(43_200),
  environment: z.string().nullable(),
  conditions: z.array(z.looseObject({ id: z.string().startsWith('sentry.rules.conditions.') })).min(1),
  filters: z.array(z.looseObject({ id: z.string().startsWith('sentry.rules.filters.') })),
  actions: z.array(z.looseObject({ id: z.string().regex(/^sentry\.(mail|rules|integrations)\./) })).min(1),
});
const metricRuleBody = z.strictObject({
  name: z.string().min(1).max(256),
  dataset: z.enum(['events', 'transactions', 'metrics', 'events_analytics_platform']),
  queryType: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  eventTypes: z.array(z.enum(['error', 'default', 'transaction'])),
  aggregate: z.string().min(1),
  query: z.string(),
  timeWindow: z.union([1, 5, 10, 15, 30, 60, 120, 240, 1440].map((n) => z.literal(n)) as unknown as [z.ZodLiteral<number>, z.ZodLiteral<number>]),
  thresholdType: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  projects: z.array(z.string()).min(1),
  environment: z.string().nullable(),
  triggers: z
    .array(z.strictObject({ label: z.enum(['critical', 'warning']), alertThreshold: z.number(), actions: z.array(z.looseObject({})) }))
    .min(1)
    .refine((t) => t[0]?.label === 'critical', 'the first trigger must be critical'),
});

type Stored = Record<string, unknown> & { id: number };
type RecordedRequest = { method: string; path: string; authorization: string | undefined; contentType: string | undefined; body: unknown };

export type FakeApi = {
  url: string;
  requests: RecordedRequest[];
  violations: string[];
  store: Record<'cohorts' | 'dashboards' | 'insights' | 'alerts' | 'rules' | 'alert-rules', Stored[]>;
  close: () => Promise<void>;
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Listens on 127.0.0.1, on the first free port of ORBIT_E2E_PORT_BASE + 80 … + 99 (default base 4600). */
export async function startFakeApi(): Promise<FakeApi> {
  const store: FakeApi['store'] = { cohorts: [], dashboards: [], insights: [], alerts: [], rules: [], 'alert-rules': [] };
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  let nextId = 100;
  const schemas = { cohorts: cohortBody, dashboards: dashboardBody, insights: insightBody, alerts: alertBody, rules: issueRuleBody, 'alert-rules': metricRuleBody } as const;
  const ph = `/api/projects/${POSTHOG_PROJECT}/`;
  const routes: { re: RegExp; system: 'posthog' | 'sentry'; collection: keyof FakeApi['store'] }[] = [
    { re: new RegExp(`^${ph}(cohorts|dashboards|insights|alerts)/(?:(\\d+)/)?$`), system: 'posthog', collection: 'cohorts' },
    { re: new RegExp(`^/api/0/projects/${SENTRY_ORG}/${SENTRY_PROJECT}/(rules)/(?:(\\d+)/)?$`), system: 'sentry', collection: 'rules' },
    { re: new RegExp(`^/api/0/organizations/${SENTRY_ORG}/(alert-rules)/(?:(\\d+)/)?$`), system: 'sentry', collection: 'alert-rules' },
  ];

  /** What the real APIs answer for a stored object. */
  const present = (collection: keyof FakeApi['store'], o: Stored) =>
    collection === 'alerts'
      ? { ...o, insight: { id: o.insight, name: 'insight' }, subscribed_users: (o.subscribed_users as number[]).map((id) => (id === ME.id ? ME : { id })), state: 'Not firing' }
      : collection === 'rules' || collection === 'alert-rules'
        ? { ...o, dateCreated: '2026-12-01T00:00:00Z', ...(collection === 'alert-rules' ? { triggers: (o.triggers as Record<string, unknown>[]).map((t, i) => ({ id: String(o.id * 10 + i), alertRuleId: String(o.id), ...t })) } : {}) }
        : { ...o, created_at: '2026-12-01T00:00:00Z', deleted: false };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://fake');
      const method = req.method ?? 'GET';
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      requests.push({ method, path: url.pathname + url.search, authorization: req.headers.authorization, contentType: req.headers['content-type'], body });
      const send = (status: number, payload: unknown) => {
        // One connection per request: a closed fake must not leave pooled sockets for the next test's server.
        res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify(payload));
      };
      const refuse = (status: number, why: string) => {
        violations.push(`${method} ${url.pathname}: ${why}`);
        send(status, { detail: why });
      };

      if (url.pathname === '/api/users/@me/') {
        if (req.headers.authorization !== `Bearer ${POSTHOG_KEY}`) return refuse(401, 'bad PostHog auth');
        return method === 'GET' ? send(200, ME) : refuse(405, 'method');
      }
      const route = routes.map((r) => ({ r, m: url.pathname.match(r.re) })).find((x) => x.m);
      if (!route?.m) return refuse(404, 'unknown path');
      const collection = route.m[1] as keyof FakeApi['store'];
      const id = route.m[2] ? Number(route.m[2]) : null;
      const token = route.r.system === 'posthog' ? POSTHOG_KEY : SENTRY_TOKEN;
      if (req.headers.authorization !== `Bearer ${token}`) return refuse(401, `bad ${route.r.system} auth header`);
      const list = store[collection];

      if (method === 'GET' && id === null) {
        const items = list.map((o) => present(collection, o));
        if (route.r.system === 'sentry') return send(200, items);
        if (url.searchParams.get('limit') !== '100') return refuse(400, 'expected ?limit=100');
        return send(200, { count: items.length, next: null, previous: null, results: items });
      }
      const writeMethod = route.r.system === 'posthog' ? 'PATCH' : 'PUT';
      if ((method === 'POST' && id === null) || (method === writeMethod && id !== null)) {
        if (req.headers['content-type'] !== 'application/json') return refuse(415, 'expected application/json');
        const parsed = schemas[collection].safeParse(body);
        if (!parsed.success) return refuse(400, z.prettifyError(parsed.error));
        if (method === 'POST') {
          const made = { ...(parsed.data as Record<string, unknown>), id: nextId++ };
          list.push(made);
          return send(201, present(collection, made));
        }
        const i = list.findIndex((o) => o.id === id);
        if (i < 0) return refuse(404, 'no such object');
        // PostHog's PATCH merges; Sentry's PUT overwrites the whole rule.
        list[i] = route.r.system === 'posthog' ? { ...list[i]!, ...(parsed.data as Record<string, unknown>), id: id! } : { ...(parsed.data as Record<string, unknown>), id: id! };
        return send(200, present(collection, list[i]!));
      }
      return refuse(405, `method ${method} not allowed here`);
    })().catch((error: unknown) => {
      violations.push(String(error));
      res.writeHead(500).end();
    });
  });

  const base = Number(process.env.ORBIT_E2E_PORT_BASE ?? 4600) + 80;
  for (let port = base; ; port++) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
      return {
        url: `http://127.0.0.1:${port}`,
        requests,
        violations,
        store,
        close: () =>
          new Promise((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port >= base + 19) throw error;
    }
  }
}
