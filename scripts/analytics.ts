// `npm run analytics -- <command>`: the server analytics client from a terminal.
//
//   capture <event> --distinct-id ID [--props '{…}'] [--host URL]
//       Validates the event against the catalog (exit 1 with the issues when invalid), sends it through the same
//       posthog-node client the server uses, flushes and exits (exit 1 when it was not delivered).
//       Host: --host, else POSTHOG_HOST / NEXT_PUBLIC_POSTHOG_HOST with a key, else the local Orbit's collector at
//       APP_URL (or http://127.0.0.1:3000) + /ingest.
//   tail [--event X] [--distinct-id Y] [--from-start] [--origin URL] [--interval MS]
//       Prints the local inbox's events live (polls GET /api/dev/inbox/events?after=<id>, docs/local-inbox.md).
//   health [--since 10m] [--fail-on warn|error] [--origin URL]
//       Prints the local inbox's event-health findings (GET /api/dev/inbox/health, docs/local-inbox.md "Event
//       health") since a duration (`90s`, `10m`, `2h`, `1d`) or an ISO time, and exits 1 when any finding is at or
//       above --fail-on (default warn: any finding), for CI.
//   provision [--dry-run]
//       Creates or updates the funnels, trends, cohorts, dashboards and alerts of lib/analytics/insights in PostHog
//       (POSTHOG_PERSONAL_API_KEY + POSTHOG_PROJECT_ID [+ POSTHOG_API_HOST]) and the alert rules in Sentry
//       (SENTRY_AUTH_TOKEN + SENTRY_ORG + SENTRY_PROJECT [+ SENTRY_URL]); --dry-run only reads. Without credentials
//       it prints the plan and exits 0 (docs/dashboards.md).
import { parseArgs } from 'node:util';
import { isEventName, type EventName, type EventProperties } from '@/lib/analytics/catalog';
import { POSTHOG_API_PATH, POSTHOG_LOCAL_KEY } from '@/lib/analytics/constants';
import { configureServerAnalytics } from '@/lib/analytics/server/client';
import { formatReport, provision, provisionConfig } from '@/lib/analytics/insights/provision';
import { validateEvent } from '@/lib/analytics/validate';
import { env } from '@/lib/env';
import type { HealthReport, InboxEventRow, InboxStats } from '@/lib/inbox/rows';

const USAGE = `usage:
  npm run analytics -- capture <event> --distinct-id ID [--props '{"key":"value"}'] [--host URL]
  npm run analytics -- tail [--event NAME] [--distinct-id ID] [--from-start] [--origin URL] [--interval MS]
  npm run analytics -- health [--since 10m] [--fail-on warn|error] [--origin URL]
  npm run analytics -- provision [--dry-run]`;

const localOrigin = () => (env.APP_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function capture(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'distinct-id': { type: 'string' }, props: { type: 'string', default: '{}' }, host: { type: 'string' } },
  });
  const [event] = positionals;
  const distinctId = values['distinct-id'];
  if (!event || !distinctId) fail(USAGE);
  let props: unknown;
  try {
    props = JSON.parse(values.props);
  } catch {
    fail('--props is not valid JSON.');
  }
  const result = validateEvent(event, props);
  if (!result.ok) {
    fail(`Invalid event "${event}":\n${result.issues.map((i) => `  ${i.path || '(payload)'}: ${i.message}`).join('\n')}`);
  }
  if (!isEventName(event)) fail(`"${event}" is not in the event catalog.`);

  const key = env.NEXT_PUBLIC_POSTHOG_KEY;
  const host = values.host ?? (key ? (env.POSTHOG_HOST ?? env.NEXT_PUBLIC_POSTHOG_HOST) : undefined) ?? `${localOrigin()}${POSTHOG_API_PATH}`;
  // A separate process: it talks to the collector over HTTP, never to the database the server holds open.
  const analytics = configureServerAnalytics({ mode: 'posthog', apiKey: key ?? POSTHOG_LOCAL_KEY, host, fetch: undefined, apiRequestSampleRate: 0 });
  analytics.capture(event as EventName, result.properties as EventProperties<EventName>, { distinctId });
  await analytics.shutdown(10_000);
  const stats = analytics.stats();
  if (stats.sent < 1) fail(`Not delivered to ${host} (${stats.failed} failed attempt(s)). Is Orbit running there?`);
  console.log(`Sent ${event} for ${distinctId} to ${host}.`);
}

async function tail(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      event: { type: 'string' },
      'distinct-id': { type: 'string' },
      'from-start': { type: 'boolean', default: false },
      origin: { type: 'string' },
      interval: { type: 'string', default: '1000' },
    },
  });
  const origin = (values.origin ?? localOrigin()).replace(/\/$/, '');
  const interval = Math.max(100, Number(values.interval) || 1000);
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${origin}${path}`, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`GET ${path} → ${res.status} (is Orbit running in local mode at ${origin}?)`);
    return (await res.json()) as T;
  };
  let after = values['from-start'] ? 0 : (await get<InboxStats>('/api/dev/inbox/stats')).last_event_id ?? 0;
  console.error(`Tailing ${origin}/api/dev/inbox/events${values.event ? ` event=${values.event}` : ''}${values['distinct-id'] ? ` distinct_id=${values['distinct-id']}` : ''} (Ctrl+C to stop)`);
  for (;;) {
    const query = new URLSearchParams({ after: String(after), order: 'asc', limit: '500' });
    if (values.event) query.set('event', values.event);
    if (values['distinct-id']) query.set('distinct_id', values['distinct-id']);
    try {
      const { events } = await get<{ events: InboxEventRow[] }>(`/api/dev/inbox/events?${query}`);
      for (const e of events) {
        after = Math.max(after, e.id);
        const props = Object.fromEntries(Object.entries(e.properties).filter(([k]) => !k.startsWith('$')));
        console.log(`${e.timestamp}  ${e.source.padEnd(6)}  ${e.event.padEnd(28)}  ${e.distinct_id}  ${JSON.stringify(props)}`);
      }
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** `10m`, `90s`, `2h`, `1d` before now, or an ISO time. */
function sinceDate(value: string): Date {
  const duration = /^(\d+)(s|m|h|d)$/.exec(value);
  if (duration) return new Date(Date.now() - Number(duration[1]) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[duration[2] as 's' | 'm' | 'h' | 'd']);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) fail(`--since: "${value}" is neither a duration (10m, 2h) nor an ISO time.`);
  return date;
}

async function health(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { since: { type: 'string' }, 'fail-on': { type: 'string', default: 'warn' }, origin: { type: 'string' } },
  });
  const failOn = values['fail-on'];
  if (failOn !== 'warn' && failOn !== 'error') fail('--fail-on is warn or error.');
  const origin = (values.origin ?? localOrigin()).replace(/\/$/, '');
  const query = new URLSearchParams({ limit: '1000' });
  if (values.since) query.set('since', sinceDate(values.since).toISOString());
  const res = await fetch(`${origin}/api/dev/inbox/health?${query}`, { headers: { accept: 'application/json' } });
  if (!res.ok) fail(`GET /api/dev/inbox/health → ${res.status} (is Orbit running in local mode at ${origin}?)`);
  const report = (await res.json()) as HealthReport;
  for (const w of [...report.warnings].reverse()) {
    console.log(`${w.created_at}  ${w.severity.padEnd(5)}  ${w.rule.padEnd(18)}  ${w.event.padEnd(28)}  ${w.path ?? ''}  ${w.message}  (${w.doc})`);
  }
  const counted = report.by_rule.filter((r) => r.count && (failOn === 'warn' || r.severity === 'error'));
  const total = report.by_rule.reduce((n, r) => n + r.count, 0);
  console.log(`${report.checked_events} events checked, ${total} findings${total ? `: ${report.by_rule.filter((r) => r.count).map((r) => `${r.rule} ${r.count}`).join(', ')}` : ''}.`);
  if (counted.length) process.exit(1);
}

async function provisionCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { 'dry-run': { type: 'boolean', default: false } } });
  const report = await provision({ config: provisionConfig(process.env), dryRun: values['dry-run'] });
  console.log(formatReport(report));
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'capture') return capture(rest);
  if (command === 'tail') return tail(rest);
  if (command === 'health') return health(rest);
  if (command === 'provision') return provisionCommand(rest);
  fail(USAGE);
}

void main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
