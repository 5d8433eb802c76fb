import { describe, expect, it } from 'vitest';
import type { Json } from '@/lib/inbox/rows';
import { recorded } from '@/test-support/fixtures/sdk-requests/recorded';
import { decompressionBudget } from './decode';
import { defaultGrouping, groupingOf } from './grouping';
import { groupIssues, type IssueEvent } from './issues';
import { envelopeRows, parseEnvelope } from './sentry-envelope';

/** The error event @sentry/node really sent (record-node.mjs), as a plain object to vary. */
function nodeEvent(): Json {
  const r = recorded('sentry-node-event');
  const row = envelopeRows(parseEnvelope(r.body), decompressionBudget()).find((x) => x.type === 'event')!;
  return structuredClone(row.payload) as Json;
}

type Frame = { filename?: string; module?: string; function?: string; lineno?: number; in_app?: boolean };
const frames = (e: Json) => ((e.exception as { values: { stacktrace: { frames: Frame[] } }[] }).values[0]!.stacktrace.frames);
const exception = (e: Json) => (e.exception as { values: { type: string; value: string }[] }).values[0]!;

let nextId = 1;
function item(payload: Json, at: number, user?: string): IssueEvent {
  const p = { ...payload, timestamp: at, event_id: `e${nextId}`, ...(user ? { user: { id: user } } : { user: undefined }) };
  return { id: nextId++, event_id: String(p.event_id), trace_id: null, received_at: new Date(at * 1000).toISOString(), payload: p };
}

describe('grouping error events into issues', () => {
  it('the same bug from two users is one issue: count 2, users 2, first and last seen', () => {
    const a = nodeEvent();
    const b = nodeEvent();
    exception(b).value = 'fixture server error with another message';
    // Another deploy: lines moved, another host serves the file.
    for (const f of frames(b)) f.lineno = (f.lineno ?? 0) + 7;
    const issues = groupIssues([item(a, 1000, 'user_a'), item(b, 2000, 'user_b'), item(a, 1500, 'user_a')]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      count: 3,
      users: 2,
      first_seen: new Date(1000_000).toISOString(),
      last_seen: new Date(2000_000).toISOString(),
      title: 'Error: fixture server error with another message',
      level: 'error',
    });
    expect(issues[0]!.culprit).toMatch(/record-node\.mjs/);
    expect(issues[0]!.events.map((e) => e.user)).toEqual(['user_b', 'user_a', 'user_a']);
  });

  it('a different type or top in-app frame is another issue; frames outside the app above it do not count', () => {
    const base = nodeEvent();
    const otherType = nodeEvent();
    exception(otherType).type = 'TypeError';
    const otherFrame = nodeEvent();
    frames(otherFrame).at(-1)!.function = 'createTask';
    const libraryOnTop = nodeEvent();
    frames(libraryOnTop).push({ filename: '/app/node_modules/drizzle-orm/session.js', function: 'execute', in_app: false });
    const issues = groupIssues([item(base, 1), item(otherType, 2), item(otherFrame, 3), item(libraryOnTop, 4)]);
    expect(issues).toHaveLength(3);
    expect(issues.find((i) => i.count === 2)!.events.map((e) => e.id).sort()).toHaveLength(2);
    expect(groupingOf(libraryOnTop).values).toEqual(groupingOf(base).values);
  });

  it("the event's own fingerprint wins, with {{ default }} expanded", () => {
    const base = nodeEvent();
    expect(groupingOf({ ...base, fingerprint: ['{{ default }}'] })).toEqual(defaultGrouping(base));
    expect(groupingOf({ ...base, fingerprint: ['{{default}}', 'tenant-1'] }).values).toEqual([...defaultGrouping(base).values, 'tenant-1']);
    const other = nodeEvent();
    exception(other).type = 'RangeError';
    // One custom key groups unrelated exceptions; `{{ default }}` + a key splits one bug by the key.
    const issues = groupIssues([
      item({ ...base, fingerprint: ['payments-down'] }, 1),
      item({ ...other, fingerprint: ['payments-down'] }, 2),
      item({ ...base, fingerprint: ['{{ default }}', 'a'] }, 3),
      item({ ...base, fingerprint: ['{{ default }}', 'b'] }, 4),
    ]);
    expect(issues.map((i) => i.count)).toEqual([1, 1, 2]);
    expect(issues[2]!.fingerprint).toEqual(['payments-down']);
  });

  it('events without an exception group by message (the template, not the formatted text)', () => {
    const m = (formatted: string) => ({ level: 'warning', logentry: { message: 'Slow query on %s', formatted } });
    const issues = groupIssues([item(m('Slow query on tasks'), 1), item(m('Slow query on users'), 2), item({ message: 'plain' }, 3)]);
    expect(issues.map((i) => [i.fingerprint, i.count])).toEqual([
      [['message: plain'], 1],
      [['message: Slow query on %s'], 2],
    ]);
    expect(issues[1]!.level).toBe('warning');
  });

  it('lists the most recently seen issue first; a real browser event groups too', () => {
    const r = recorded('sentry-browser-event');
    const browser = envelopeRows(parseEnvelope(r.body), decompressionBudget()).find((x) => x.type === 'event')!.payload as Json;
    const issues = groupIssues([item(nodeEvent(), 10), item(browser, 5), item(nodeEvent(), 1)]);
    expect(issues.map((i) => i.count)).toEqual([2, 1]);
    expect(issues[1]!.title).toMatch(/fixture (uncaught|captured) error/);
    expect(issues[0]!.users).toBe(0);
  });
});

describe('users affected', () => {
  it('counts the PostHog distinct id an anonymous browser event carries, never the person URL tag beside it', () => {
    const tags = (id: string) => ({ 'PostHog Person URL': `http://127.0.0.1:3000/dev/inbox/persons/${id}`, 'posthog.distinct_id': id });
    const [issue] = groupIssues([item({ ...nodeEvent(), tags: tags('anon-1') }, 1), item({ ...nodeEvent(), tags: tags('anon-2') }, 2)]);
    expect(issue!.users).toBe(2);
    expect(issue!.events.map((e) => e.user)).toEqual(['anon-2', 'anon-1']);
  });
});

describe('every form of an exception', () => {
  it('`exception` sent as a list titles and groups its issue like exception.values', () => {
    const listed = { ...nodeEvent(), exception: [{ type: 'TypeError', value: 'a is undefined' }] };
    const [issue] = groupIssues([item(listed, 1)]);
    expect(issue).toMatchObject({ title: 'TypeError: a is undefined', grouped_by: 'exception', fingerprint: ['type: TypeError', 'value: a is undefined'] });
  });
});
