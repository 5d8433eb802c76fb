// GET /api/dev/inbox/issues(/<id>): Sentry error events grouped into issues (lib/inbox/collector/issues.ts), computed
// from the newest stored events on each read, so grouping never needs a migration or a backfill.
import 'server-only';
import { z } from 'zod';
import { CollectorError, parseQuery, type Params } from './http';
import type { Issue, IssueRow } from '@/lib/inbox/rows';
import { groupIssues } from './issues';
import { listSentryItems } from './query';

/** How many of the newest error events are grouped: the inbox keeps at most INBOX_MAX_ROWS items anyway. */
const SCAN_LIMIT = 5000;

export async function listIssues(): Promise<Issue[]> {
  return groupIssues(await listSentryItems({ type: 'event', limit: SCAN_LIMIT, order: 'desc' }));
}

export async function getIssue(id: string): Promise<Issue | null> {
  return (await listIssues()).find((i) => i.id === id) ?? null;
}

/** An issue as the list shows it: its events reduced to the latest one's id. */
export const issueSummary = ({ events, ...issue }: Issue): IssueRow => ({ ...issue, latest_event_id: events[0]?.id ?? null });

export async function getIssues(req: Request): Promise<Response> {
  const { limit } = parseQuery(req, z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }));
  return Response.json({ issues: (await listIssues()).slice(0, limit).map(issueSummary) });
}

export async function getIssueById(_req: Request, params: Params): Promise<Response> {
  const id = z.string().regex(/^[0-9a-f]{16}$/).safeParse(params.id);
  if (!id.success) throw new CollectorError('validation', 'The issue id is 16 hex digits.');
  const issue = await getIssue(id.data);
  if (!issue) throw new CollectorError('not_found', 'No issue with this id.');
  return Response.json(issue);
}
