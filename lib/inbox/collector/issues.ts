// Sentry error events grouped into issues the way Sentry groups them: the event's own `fingerprint` when the SDK
// set one (`{{ default }}` standing for the default grouping), else the exception type plus the top in-app frame,
// else the message. Pure: the query API and the views group whatever rows they read.
import { createHash } from 'node:crypto';
import { culprit, errorTitle, posthogLinkOf } from '@/lib/inbox/sentry-event';
import { dateMs, get, isObject, num, str } from '@/lib/inbox/json';
import type { Issue, IssueEventSummary } from '@/lib/inbox/rows';

export type { Issue };

/** What grouping needs of a stored Sentry item (a row of the query API). */
export type IssueEvent = { id: number; event_id: string | null; trace_id: string | null; received_at: string; payload: unknown };

const DEFAULT = /^\{\{\s*default\s*\}\}$/;

/** A frame's place in the code without line numbers, host or query (a redeploy or another host is the same bug). */
function frameKey(frame: unknown): string {
  const moduleName = str(get(frame, 'module'));
  let file = str(get(frame, 'filename')) ?? str(get(frame, 'abs_path')) ?? '';
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) file = new URL(file).pathname;
  } catch {
    // Not a URL: keep as is.
  }
  file = file.replace(/[?#].*$/, '');
  return `${moduleName ?? file}:${str(get(frame, 'function')) ?? '?'}`;
}

/** Sentry's default grouping, reduced to what the inbox needs: type + top in-app frame, else the message. */
export function defaultFingerprint(payload: unknown): string[] {
  const values = get(payload, 'exception', 'values');
  // The last value is the exception that was thrown (earlier ones are its causes).
  const main = Array.isArray(values) && values.length ? (values[values.length - 1] as unknown) : null;
  if (main) {
    const type = str(get(main, 'type')) ?? 'Error';
    const raw = get(main, 'stacktrace', 'frames');
    const frames = Array.isArray(raw) ? raw : [];
    // Frames run oldest call first: the top frame is the last one.
    const top = frames.findLast((f) => get(f, 'in_app') === true) ?? frames.at(-1);
    if (top !== undefined) return [type, frameKey(top)];
    return [type, str(get(main, 'value')) ?? ''];
  }
  const message =
    str(get(payload, 'logentry', 'message')) ??
    str(get(payload, 'message')) ??
    str(get(payload, 'message', 'formatted')) ??
    str(get(payload, 'logentry', 'formatted'));
  return [message ?? '(no message)'];
}

/** The event's `fingerprint` with `{{ default }}` expanded, or the default grouping when it sets none. */
export function fingerprintOf(payload: unknown): string[] {
  const custom = get(payload, 'fingerprint');
  if (!Array.isArray(custom) || !custom.length) return defaultFingerprint(payload);
  return custom.flatMap((part) => {
    const s = typeof part === 'string' ? part : JSON.stringify(part);
    return DEFAULT.test(s) ? defaultFingerprint(payload) : [s];
  });
}

const issueId = (fingerprint: string[]): string =>
  createHash('sha256').update(JSON.stringify(fingerprint)).digest('hex').slice(0, 16);

/** Who the event happened to: the Sentry user id, else the PostHog distinct id it carries. */
function affectedUser(payload: unknown): string | null {
  return str(get(payload, 'user', 'id')) ?? posthogLinkOf(payload).distinctId;
}

/** The event's own time (epoch seconds or an ISO string), else when it arrived: a stored event must never make
 * the issues unreadable. */
function eventTime(item: IssueEvent): string {
  const ts = get(item.payload, 'timestamp');
  const seconds = num(ts);
  const ms = seconds !== null ? dateMs(seconds * 1000) : typeof ts === 'string' ? dateMs(Date.parse(ts)) : null;
  return ms === null ? item.received_at : new Date(ms).toISOString();
}

/** Issues, the most recently seen first; each issue's title, culprit and level are its latest event's. */
export function groupIssues(items: IssueEvent[]): Issue[] {
  const byId = new Map<string, { fingerprint: string[]; events: (IssueEventSummary & { payload: unknown })[] }>();
  for (const item of items) {
    if (!isObject(item.payload)) continue;
    const fingerprint = fingerprintOf(item.payload);
    const id = issueId(fingerprint);
    const group = byId.get(id) ?? { fingerprint, events: [] };
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
  const issues = [...byId].map(([id, { fingerprint, events }]): Issue => {
    events.sort((a, b) => b.timestamp.localeCompare(a.timestamp) || b.id - a.id);
    const latest = events[0]!;
    return {
      id,
      fingerprint,
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
