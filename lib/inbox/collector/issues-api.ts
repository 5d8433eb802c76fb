// GET /api/dev/inbox/issues(/<id>): Sentry error events grouped into issues (lib/inbox/collector/issues.ts), computed
// from the newest stored events on each read, so grouping never needs a migration or a backfill.
import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/lib/db';
import { inboxSentryItems } from '@/lib/db/schema';
import { AppError } from '@/lib/server/errors';
import { parseQuery, type Params } from './http';
import type { Issue, IssueRow } from '@/lib/inbox/rows';
import { groupIssues, type IssueEvent } from './issues';
import { sentryFields } from './sentry-fields';

/** How many of the newest error events are grouped: the query API's MAX_LIMIT. */
const SCAN_LIMIT = 1000;

/** What grouping, titles and culprits read of an event (lib/inbox/collector/issues.ts, lib/inbox/sentry-event.ts);
 * breadcrumbs, request, modules and debug images stay in the database. */
const GROUPING_FIELDS = ['fingerprint', 'exception', 'stacktrace', 'threads', 'platform', 'logentry', 'message', 'logger', 'timestamp', 'level', 'transaction', 'culprit'];

/** The newest error events, each payload reduced to GROUPING_FIELDS. */
async function issueEvents(): Promise<IssueEvent[]> {
  const rows = await db
    .select({
      id: inboxSentryItems.id,
      event_id: inboxSentryItems.eventId,
      trace_id: inboxSentryItems.traceId,
      received_at: inboxSentryItems.receivedAt,
      payload: sentryFields(GROUPING_FIELDS),
    })
    .from(inboxSentryItems)
    .where(eq(inboxSentryItems.type, 'event'))
    .orderBy(desc(inboxSentryItems.id))
    .limit(SCAN_LIMIT);
  return rows.map((r) => ({ ...r, received_at: r.received_at.toISOString() }));
}

export async function listIssues(): Promise<Issue[]> {
  return groupIssues(await issueEvents());
}

export async function getIssue(id: string): Promise<Issue | null> {
  return (await listIssues()).find((i) => i.id === id) ?? null;
}

/** An issue as the list shows it: its events reduced to the latest one's id. */
const issueSummary = ({ events, ...issue }: Issue): IssueRow => ({ ...issue, latest_event_id: events[0]?.id ?? null });

export async function getIssues(req: Request): Promise<Response> {
  const { limit } = parseQuery(req, z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }));
  return Response.json({ issues: (await listIssues()).slice(0, limit).map(issueSummary) });
}

/** An issue's id in a path: 16 lowercase hex digits (lib/inbox/collector/issues.ts). */
export const issueId = z.string().regex(/^[0-9a-f]{16}$/, 'The issue id is 16 hex digits.');

export async function getIssueById(_req: Request, params: Params): Promise<Response> {
  const id = issueId.safeParse(params.id);
  if (!id.success) throw new AppError('validation', 'The issue id is 16 hex digits.');
  const issue = await getIssue(id.data);
  if (!issue) throw new AppError('not_found', 'No issue with this id.');
  return Response.json(issue);
}
