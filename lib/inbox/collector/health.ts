// Event health: every event the collector stores is checked against the plan (lib/analytics/catalog.ts) and the
// way Orbit's SDKs should send it; each finding becomes a row in inbox_health_warnings linked to the event, which is
// stored as sent (PostHog keeps an event it warns about too). The rules, their severity and their doc anchor are
// the table below; docs/local-inbox.md ("Event health") explains each with an example.
// Runs inside the capture's transaction: per-event rules are pure, the two that need other events (duplicate
// pageview, identity break) read them in one query each per request.
import 'server-only';
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db';
import { inboxEvents, inboxHealthSecrets, inboxHealthWarnings, inboxPersonDistinctIds } from '@/lib/db/schema';
import { HASHED_PROPERTIES } from '@/lib/analytics/catalog';
import { catalogFindings, UNCHECKED_EVENTS } from '@/lib/analytics/catalog-check';
import type { Json } from '@/lib/inbox/rows';
import { isObject, str } from '@/lib/inbox/json';

type Severity = 'warn' | 'error';
type RuleDefinition = { severity: Severity; title: string; anchor: string };

/** rule → severity → doc anchor (docs/local-inbox.md). `error`: the data is wrong; `warn`: the data is suspect. */
export const HEALTH_RULES = {
  unknown_event: { severity: 'error', title: 'Unknown event', anchor: 'health-unknown-event' },
  schema: { severity: 'error', title: 'Properties fail the schema', anchor: 'health-schema' },
  pii: { severity: 'error', title: 'Personal data in a property', anchor: 'health-pii' },
  wrong_side: { severity: 'error', title: 'Sent from the wrong side', anchor: 'health-wrong-side' },
  duplicate_pageview: { severity: 'warn', title: 'Duplicate $pageview', anchor: 'health-duplicate-pageview' },
  missing_session: { severity: 'warn', title: 'Browser event without $session_id', anchor: 'health-missing-session' },
  identity_break: { severity: 'warn', title: 'Server event on another person', anchor: 'health-identity-break' },
  clock_skew: { severity: 'warn', title: 'Clock skew over 10 min', anchor: 'health-clock-skew' },
} as const satisfies Record<string, RuleDefinition>;

export type HealthRule = keyof typeof HEALTH_RULES;
export const HEALTH_RULE_NAMES = Object.keys(HEALTH_RULES) as HealthRule[];
export const HEALTH_DOCS = 'docs/local-inbox.md';

type Finding = { rule: HealthRule; path: string | null; message: string };

/** An event as stored, with its row id: what the rules read. */
export type CheckedEvent = {
  id: number;
  uuid: string;
  event: string;
  distinctId: string;
  timestamp: Date;
  properties: Json;
  source: 'web' | 'server';
  sessionId: string | null;
};

const CLOCK_SKEW_MS = 10 * 60_000;
/** Two pageviews of one URL in one window closer than this, with no $pageleave between, are one navigation. */
const DUPLICATE_PAGEVIEW_MS = 10_000;
/** Events the rules never look at: the SDK's own plumbing, not product analytics. */
const UNCHECKED = UNCHECKED_EVENTS;
const HASHED = new Set<string>(HASHED_PROPERTIES);
/** Walk at most this many values per event for PII: bounded work whatever an event holds. */
const MAX_VALUES = 2_000;
const MAX_FINDINGS_PER_RULE = 5;

// ---- PII shapes ----

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9-]+(\.[A-Z0-9-]+)*\.[A-Z]{2,}/i;
/** A run of digits and separators standing alone: not a piece of an id, a UUID or a version. */
const DIGIT_RUN = /(?<![\w.-])\+?\(?\d[\d ().-]{7,22}\d(?![\w-]|\.\d)/g;
/** Card networks' leading digits (Visa, Mastercard, Amex, Discover, JCB, Diners): a timestamp or an id is none. */
const CARD_PREFIX = /^(4|5[1-5]|2[2-7]|3[47]|6011|65|35|30[0-5]|36|38)/;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** What personal data `value` looks like, or null. */
export function piiShape(value: string, secrets: readonly string[]): string | null {
  for (const secret of secrets) if (value.includes(secret)) return 'a value the test registered as typed by a user';
  if (value.includes('@') && EMAIL.test(value)) return 'an email address';
  for (const match of value.match(DIGIT_RUN) ?? []) {
    const digits = match.replace(/\D/g, '');
    if (digits.length >= 13 && digits.length <= 19 && /^[\d -]+$/.test(match) && CARD_PREFIX.test(digits) && luhn(digits)) {
      return 'a card number';
    }
    // A phone number: written the way people write one (a `+` country code, or grouped with separators).
    const separators = match.replace(/[\d+]/g, '').length;
    if (digits.length >= 10 && digits.length <= 15 && (match.startsWith('+') || separators >= 2) && !/^\d{4}-\d{2}-\d{2}/.test(match)) {
      return 'a phone number';
    }
  }
  return null;
}

function piiFindings(e: CheckedEvent, secrets: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  let budget = MAX_VALUES;
  const walk = (value: unknown, path: string, key: string): void => {
    if (budget-- <= 0 || findings.length >= MAX_FINDINGS_PER_RULE) return;
    if (HASHED.has(key)) return;
    if (typeof value === 'string') {
      const shape = piiShape(value, secrets);
      if (shape) findings.push({ rule: 'pii', path, message: `${path} holds ${shape}.` });
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${path}.${i}`, key));
    } else if (isObject(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`, k);
    }
  };
  // `$set`/`$set_once` are stored among the properties: their paths read `properties.$set.email`.
  for (const [k, v] of Object.entries(e.properties)) walk(v, `properties.${k}`, k);
  return findings;
}

// ---- per event ----

type CheckContext = { secrets: readonly string[]; now: Date; sentAt: Date | null };

/** The rules that need nothing but the event itself. */
function checkEvent(e: CheckedEvent, ctx: CheckContext): Finding[] {
  if (UNCHECKED.has(e.event)) return [];
  const findings: Finding[] = catalogFindings(e.event, e.properties, e.source);
  findings.push(...piiFindings(e, ctx.secrets));
  if (e.source === 'web' && !e.sessionId) {
    findings.push({ rule: 'missing_session', path: 'properties.$session_id', message: `${e.event} came from the browser without a $session_id.` });
  }
  const skew = e.timestamp.getTime() - ctx.now.getTime();
  const clientSkew = ctx.sentAt ? ctx.sentAt.getTime() - ctx.now.getTime() : 0;
  if (Math.abs(skew) > CLOCK_SKEW_MS || Math.abs(clientSkew) > CLOCK_SKEW_MS) {
    const off = Math.abs(skew) > CLOCK_SKEW_MS ? skew : clientSkew;
    findings.push({
      rule: 'clock_skew',
      path: Math.abs(skew) > CLOCK_SKEW_MS ? 'timestamp' : 'sent_at',
      message: `${Math.abs(skew) > CLOCK_SKEW_MS ? 'The event time' : "The sender's clock"} is ${Math.round(Math.abs(off) / 60_000)} min ${off > 0 ? 'ahead of' : 'behind'} its arrival.`,
    });
  }
  return findings;
}

// ---- across events ----

/**
 * posthog-js links the pageviews of one page load: each carries `$pageview_id`, and every one after the first its
 * predecessor's as `$prev_pageview_id`. A pageview whose predecessor in the same load has the same URL counted one
 * navigation twice; the first pageview of a load (a reload, a new tab) is a navigation of its own. Events without
 * these ids (another sender) fall back to: the same URL in the same window less than 10 s after the pageview before
 * it, with no `$pageleave` between.
 */
async function duplicatePageviews(tx: Tx, events: CheckedEvent[]): Promise<Map<number, Finding>> {
  const found = new Map<number, Finding>();
  const pageviews = events.filter((e) => e.event === '$pageview' && e.sessionId);
  if (!pageviews.length) return found;
  const linked = pageviews.filter((e) => str(e.properties.$pageview_id));
  const unlinked = pageviews.filter((e) => !str(e.properties.$pageview_id));
  const flag = (e: CheckedEvent, url: string | null, ms: number) =>
    found.set(e.id, {
      rule: 'duplicate_pageview',
      path: 'properties.$current_url',
      message: `A second $pageview of ${String(url).slice(0, 200)} ${ms} ms after the first, for the same navigation.`,
    });

  const prevIds = [...new Set(linked.flatMap((e) => str(e.properties.$prev_pageview_id) ?? []))];
  if (prevIds.length) {
    const previous = await tx
      .select({
        sessionId: inboxEvents.sessionId,
        timestamp: inboxEvents.timestamp,
        pageviewId: sql<string>`${inboxEvents.properties}->>'$pageview_id'`,
        url: sql<string | null>`${inboxEvents.properties}->>'$current_url'`,
        carried: sql<string | null>`${inboxEvents.properties}->>'orbit_carried'`,
      })
      .from(inboxEvents)
      .where(
        and(
          inArray(inboxEvents.sessionId, [...new Set(linked.map((e) => e.sessionId!))]),
          eq(inboxEvents.event, '$pageview'),
          inArray(sql`${inboxEvents.properties}->>'$pageview_id'`, prevIds),
        ),
      );
    for (const e of linked) {
      const prev = str(e.properties.$prev_pageview_id);
      const before = prev ? previous.find((p) => p.pageviewId === prev && p.sessionId === e.sessionId) : undefined;
      const url = str(e.properties.$current_url);
      // A carried pageview (Orbit's early queue handed over by the page before, state.ts `carryOverQueue`) is that
      // page load's, replayed in this one: the next pageview is a navigation of its own.
      if (before && before.url === url && before.carried !== 'true') flag(e, url, +e.timestamp - +before.timestamp);
    }
  }

  if (!unlinked.length) return found;
  const since = new Date(Math.min(...unlinked.map((e) => e.timestamp.getTime())) - DUPLICATE_PAGEVIEW_MS);
  const around = await tx
    .select({
      id: inboxEvents.id,
      event: inboxEvents.event,
      sessionId: inboxEvents.sessionId,
      timestamp: inboxEvents.timestamp,
      window: sql<string | null>`${inboxEvents.properties}->>'$window_id'`,
      url: sql<string | null>`${inboxEvents.properties}->>'$current_url'`,
    })
    .from(inboxEvents)
    .where(
      and(
        inArray(inboxEvents.sessionId, [...new Set(unlinked.map((e) => e.sessionId!))]),
        inArray(inboxEvents.event, ['$pageview', '$pageleave']),
        gte(inboxEvents.timestamp, since),
      ),
    );
  for (const e of unlinked) {
    const window = str(e.properties.$window_id) ?? null;
    const before = around
      .filter((o) => o.id !== e.id && o.sessionId === e.sessionId && o.window === window && (o.timestamp < e.timestamp || (+o.timestamp === +e.timestamp && o.id < e.id)))
      .sort((a, b) => +b.timestamp - +a.timestamp || b.id - a.id)[0];
    const url = str(e.properties.$current_url);
    if (before?.event === '$pageview' && before.url === url && +e.timestamp - +before.timestamp <= DUPLICATE_PAGEVIEW_MS) {
      flag(e, url, +e.timestamp - +before.timestamp);
    }
  }
  return found;
}

async function identityBreaks(tx: Tx, events: CheckedEvent[]): Promise<Map<number, Finding>> {
  const found = new Map<number, Finding>();
  const server = events.filter((e) => e.source === 'server' && e.sessionId && !UNCHECKED.has(e.event));
  if (!server.length) return found;
  const sessions = [...new Set(server.map((e) => e.sessionId!))];
  const browser = await tx
    .selectDistinct({ sessionId: inboxEvents.sessionId, distinctId: inboxEvents.distinctId })
    .from(inboxEvents)
    .where(and(inArray(inboxEvents.sessionId, sessions), eq(inboxEvents.source, 'web')));
  if (!browser.length) return found;
  const ids = [...new Set([...browser.map((b) => b.distinctId), ...server.map((e) => e.distinctId)])];
  const persons = new Map(
    (
      await tx
        .select({ distinctId: inboxPersonDistinctIds.distinctId, personId: inboxPersonDistinctIds.personId })
        .from(inboxPersonDistinctIds)
        .where(inArray(inboxPersonDistinctIds.distinctId, ids))
    ).map((r) => [r.distinctId, r.personId]),
  );
  const person = (id: string) => persons.get(id) ?? `id:${id}`;
  for (const e of server) {
    const inBrowser = browser.filter((b) => b.sessionId === e.sessionId);
    // A session the browser has not sent anything for yet cannot be judged.
    if (!inBrowser.length) continue;
    if (inBrowser.some((b) => person(b.distinctId) === person(e.distinctId))) continue;
    found.set(e.id, {
      rule: 'identity_break',
      path: 'distinct_id',
      message: `${e.event} is on distinct id ${e.distinctId.slice(0, 100)}, which the browser never used in session ${e.sessionId!.slice(0, 100)} (nor any id merged with it).`,
    });
  }
  return found;
}

/** Secrets registered by tests: a bounded list, read once per capture request. */
async function registeredSecrets(tx: Tx): Promise<string[]> {
  const rows = await tx.select({ value: inboxHealthSecrets.value }).from(inboxHealthSecrets).limit(MAX_SECRETS);
  return rows.map((r) => r.value);
}

export const MAX_SECRETS = 1_000;

const MERGES = new Set(['$identify', '$create_alias', '$merge_dangerously']);

/**
 * An identity break is judged when the server event arrives, but the browser's side can come later (posthog-js
 * batches): its `$identify`, or its events on the server's id. Breaks this request healed (a browser id of that
 * session now belongs to the same person) are withdrawn.
 */
async function withdrawHealedBreaks(tx: Tx, events: CheckedEvent[]): Promise<void> {
  const touched = [
    ...new Set(
      events
        .filter((e) => MERGES.has(e.event) || (e.source === 'web' && e.sessionId))
        .flatMap((e) => [e.distinctId, str(e.properties.$anon_distinct_id), e.properties.alias === undefined ? null : String(e.properties.alias)])
        .filter((id): id is string => !!id),
    ),
  ];
  if (!touched.length) return;
  await tx.execute(sql`
    delete from ${inboxHealthWarnings} w
    using ${inboxPersonDistinctIds} b
    where w.rule = 'identity_break'
      and b.distinct_id = w.distinct_id
      and b.person_id in (select person_id from ${inboxPersonDistinctIds} where distinct_id in ${touched})
      and exists (
        select 1 from ${inboxEvents} e
        join ${inboxPersonDistinctIds} a on a.distinct_id = e.distinct_id
        where e.session_id = w.session_id and e.source = 'web' and a.person_id = b.person_id
      )`);
}

/** Checks the events one capture request stored and writes a warning row per finding; returns how many. */
export async function recordHealth(tx: Tx, events: CheckedEvent[], now: Date, sentAt: Date | null): Promise<number> {
  if (!events.length) return 0;
  const secrets = await registeredSecrets(tx);
  const duplicates = await duplicatePageviews(tx, events);
  const breaks = await identityBreaks(tx, events);
  const rows: (typeof inboxHealthWarnings.$inferInsert)[] = [];
  for (const e of events) {
    const findings = checkEvent(e, { secrets, now, sentAt });
    const duplicate = duplicates.get(e.id);
    if (duplicate) findings.push(duplicate);
    const broken = breaks.get(e.id);
    if (broken) findings.push(broken);
    for (const f of findings) {
      rows.push({
        eventId: e.id,
        eventUuid: e.uuid,
        event: e.event,
        rule: f.rule,
        severity: HEALTH_RULES[f.rule].severity,
        path: f.path,
        message: f.message,
        distinctId: e.distinctId,
        sessionId: e.sessionId,
      });
    }
  }
  if (rows.length) await tx.insert(inboxHealthWarnings).values(rows);
  await withdrawHealedBreaks(tx, events);
  return rows.length;
}
