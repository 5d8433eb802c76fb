// Reads of the event-health findings (inbox_health_warnings) for /api/dev/inbox/health, the /dev/inbox/health page,
// the CLI and the e2e fixture; and the registry of test secrets the PII rule looks for.
import 'server-only';
import { and, desc, eq, gt, gte, inArray, sql, type SQL } from 'drizzle-orm';
import { db } from '@/lib/db';
import { inboxEvents, inboxHealthSecrets, inboxHealthWarnings } from '@/lib/db/schema';
import type { HealthReport, HealthWarningRow } from '@/lib/inbox/rows';
import { HEALTH_DOCS, HEALTH_RULES, MAX_SECRETS, type HealthRule } from './health';
import { mergedDistinctIds } from './query';

export type HealthQuery = {
  rule?: HealthRule;
  event?: string;
  severity?: 'warn' | 'error';
  distinct_id?: string;
  session_id?: string;
  event_id?: number;
  since?: Date;
  after?: number;
  limit: number;
};

const doc = (rule: string) => `${HEALTH_DOCS}#${rule in HEALTH_RULES ? HEALTH_RULES[rule as HealthRule].anchor : 'event-health'}`;

function toRow(r: typeof inboxHealthWarnings.$inferSelect): HealthWarningRow {
  return {
    id: r.id,
    event_id: r.eventId,
    event_uuid: r.eventUuid,
    event: r.event,
    rule: r.rule,
    severity: r.severity,
    path: r.path,
    message: r.message,
    distinct_id: r.distinctId,
    session_id: r.sessionId,
    created_at: r.createdAt.toISOString(),
    doc: doc(r.rule),
  };
}

/** Findings newest first, with counts per rule and per event over the same scope and the events checked in it. */
export async function healthReport(q: HealthQuery): Promise<HealthReport> {
  const ids = q.distinct_id ? await mergedDistinctIds(q.distinct_id) : null;
  const scope: SQL[] = [];
  const events: SQL[] = [];
  if (ids) {
    scope.push(inArray(inboxHealthWarnings.distinctId, ids));
    events.push(inArray(inboxEvents.distinctId, ids));
  }
  if (q.session_id) {
    scope.push(eq(inboxHealthWarnings.sessionId, q.session_id));
    events.push(eq(inboxEvents.sessionId, q.session_id));
  }
  if (q.since) {
    scope.push(gte(inboxHealthWarnings.createdAt, q.since));
    events.push(gte(inboxEvents.receivedAt, q.since));
  }
  if (q.event_id !== undefined) {
    scope.push(eq(inboxHealthWarnings.eventId, q.event_id));
    events.push(eq(inboxEvents.id, q.event_id));
  }
  const filters = [...scope];
  if (q.rule) filters.push(eq(inboxHealthWarnings.rule, q.rule));
  if (q.event) filters.push(eq(inboxHealthWarnings.event, q.event));
  if (q.severity) filters.push(eq(inboxHealthWarnings.severity, q.severity));
  if (q.after !== undefined) filters.push(gt(inboxHealthWarnings.id, q.after));

  const [rows, byRule, byEvent, checked] = [
    await db.select().from(inboxHealthWarnings).where(and(...filters)).orderBy(desc(inboxHealthWarnings.id)).limit(q.limit),
    await db
      .select({ rule: inboxHealthWarnings.rule, n: sql<number>`count(*)::int` })
      .from(inboxHealthWarnings)
      .where(and(...scope))
      .groupBy(inboxHealthWarnings.rule),
    await db
      .select({ event: inboxHealthWarnings.event, n: sql<number>`count(*)::int` })
      .from(inboxHealthWarnings)
      .where(and(...filters))
      .groupBy(inboxHealthWarnings.event)
      .orderBy(desc(sql`count(*)`), inboxHealthWarnings.event)
      .limit(100),
    await db.$count(inboxEvents, and(...events)),
  ];
  const counts = new Map(byRule.map((r) => [r.rule, Number(r.n)]));
  return {
    checked_events: checked,
    by_rule: (Object.keys(HEALTH_RULES) as HealthRule[]).map((rule) => ({
      rule,
      title: HEALTH_RULES[rule].title,
      severity: HEALTH_RULES[rule].severity,
      count: counts.get(rule) ?? 0,
      doc: doc(rule),
    })),
    by_event: byEvent.map((r) => ({ event: r.event, count: Number(r.n) })),
    warnings: rows.map(toRow),
  };
}

/** Adds values the PII rule treats as typed by a user; the oldest go past MAX_SECRETS. */
export async function registerSecrets(values: string[]): Promise<void> {
  if (!values.length) return;
  await db.transaction(async (tx) => {
    await tx.insert(inboxHealthSecrets).values(values.map((value) => ({ value }))).onConflictDoNothing();
    await tx.execute(
      sql`delete from ${inboxHealthSecrets} where ${inboxHealthSecrets.seq} <= (select max(${inboxHealthSecrets.seq}) from ${inboxHealthSecrets}) - ${MAX_SECRETS}`,
    );
  });
}
