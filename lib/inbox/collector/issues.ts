// Sentry error events grouped into issues the way Sentry groups them (lib/inbox/collector/grouping.ts: a built-in
// rule, else the event's fingerprint, else its stack, exception or message). Pure and computed on every read, so a
// change to the grouping regroups every stored event without a migration.
import { createHash } from 'node:crypto';
import { culprit, errorTitle, eventTimeMs, posthogLinkOf } from '@/lib/inbox/sentry-event';
import { get, isObject, str } from '@/lib/inbox/json';
import type { Issue, IssueEventSummary } from '@/lib/inbox/rows';
import { groupingOf, type Grouping } from './grouping';

export type { Issue };

/** What grouping needs of a stored Sentry item (a row of the query API). */
export type IssueEvent = { id: number; event_id: string | null; trace_id: string | null; received_at: string; payload: unknown };

/** The issue's id: the grouping values' hash (the variant that chose them does not count, like Sentry's hash). */
const issueId = (values: string[]): string => createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 16);

/** An event the grouping cannot read joins one "nothing" issue: a stored event must never make the issues unreadable. */
function safeGroupingOf(payload: unknown): Grouping {
  try {
    return groupingOf(payload);
  } catch {
    return { by: 'nothing', rule: null, values: ['(grouping failed)'] };
  }
}

/** Who the event happened to: the Sentry user id, else the PostHog distinct id it carries. */
function affectedUser(payload: unknown): string | null {
  return str(get(payload, 'user', 'id')) ?? posthogLinkOf(payload).distinctId;
}

/** The event's own time (epoch seconds or an ISO string), else when it arrived: a stored event must never make
 * the issues unreadable. */
function eventTime(item: IssueEvent): string {
  const ms = eventTimeMs(item.payload);
  return ms === null ? item.received_at : new Date(ms).toISOString();
}

/** Issues, the most recently seen first; each issue's title, culprit and level are its latest event's. */
export function groupIssues(items: IssueEvent[]): Issue[] {
  const byId = new Map<string, { grouping: Grouping; events: (IssueEventSummary & { payload: unknown })[] }>();
  for (const item of items) {
    if (!isObject(item.payload)) continue;
    const grouping = safeGroupingOf(item.payload);
    const id = issueId(grouping.values);
    const group = byId.get(id) ?? { grouping, events: [] };
    group.events.push({
      id: item.id,
      event_id: item.event_id,
      trace_id: item.trace_id,
      timestamp: eventTime(item),
      level: str(item.payload.level) ?? 'error',
      title: errorTitle(item.payload),
      user: affectedUser(item.payload),
      payload: item.payload,
    });
    byId.set(id, group);
  }
  const issues = [...byId].map(([id, { grouping, events }]): Issue => {
    events.sort((a, b) => b.timestamp.localeCompare(a.timestamp) || b.id - a.id);
    const latest = events[0]!;
    return {
      id,
      fingerprint: grouping.values,
      grouped_by: grouping.by,
      grouping_rule: grouping.rule,
      title: latest.title,
      culprit: culprit(latest.payload),
      level: latest.level,
      count: events.length,
      users: new Set(events.map((e) => e.user).filter((u) => u !== null)).size,
      first_seen: events.at(-1)!.timestamp,
      last_seen: latest.timestamp,
      events: events.map(({ payload: _payload, ...summary }) => summary),
    };
  });
  return issues.sort((a, b) => b.last_seen.localeCompare(a.last_seen) || a.id.localeCompare(b.id));
}
