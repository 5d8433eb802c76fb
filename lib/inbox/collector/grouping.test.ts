// Sentry's grouping, case by case: pairs of events the real SDKs send (the recorded @sentry/node and @sentry/browser
// events, and stacks parsed by @sentry/browser's own Chrome and Firefox parsers), each with the outcome Sentry's
// grouping code (getsentry/sentry src/sentry/grouping/, see grouping.ts) gives: one issue or two.
import { defaultStackParser, exceptionFromError } from '@sentry/browser';
import { describe, expect, it } from 'vitest';
import type { Json } from '@/lib/inbox/rows';
import { recorded } from '@/test-support/fixtures/sdk-requests/recorded';
import { decompressionBudget } from './decode';
import { groupingOf, moduleFromUrl, parameterize, type GroupedBy } from './grouping';
import { groupIssues } from './issues';
import { envelopeRows, parseEnvelope } from './sentry-envelope';

type Frame = Json & { filename?: string; abs_path?: string; module?: string; function?: string; lineno?: number; in_app?: boolean; context_line?: string };
type Exception = Json & { type?: string; value?: string; stacktrace?: { frames: Frame[] }; mechanism?: Json };

function recordedEvent(name: 'sentry-node-event' | 'sentry-browser-event'): Json {
  const row = envelopeRows(parseEnvelope(recorded(name).body), decompressionBudget()).find((x) => x.type === 'event')!;
  return structuredClone(row.payload) as Json;
}

/** The recorded @sentry/node event with its exception replaced. */
function nodeEvent(...values: Exception[]): Json {
  return { ...recordedEvent('sentry-node-event'), exception: { values } };
}

/** The recorded @sentry/node event's exception, changed by `edit`. */
function nodeError(edit: (e: Exception) => void = () => {}): Json {
  const event = recordedEvent('sentry-node-event');
  edit((event.exception as { values: Exception[] }).values[0]!);
  return event;
}

const CHUNK = 'http://127.0.0.1:3000/_next/static/chunks/app/checkout/page-3f9a1c2b7d4e5f60.js';

/** What @sentry/browser sends for an uncaught error with this `stack` (its own stack parser, its own exception). */
function browserEvent(stack: string, message = 'checkout total is NaN', type = 'TypeError'): Json {
  const error = new Error(message);
  error.name = type;
  error.stack = stack;
  const exception = { ...exceptionFromError(defaultStackParser, error), mechanism: { type: 'auto.browser.global_handlers.onerror', handled: false } };
  return { ...recordedEvent('sentry-browser-event'), exception: { values: [exception] } };
}

/** Chrome's stack of the bug; `chunk` is where the chunk was served (another host, another build). */
const chrome = (chunk = CHUNK) =>
  browserEvent(
    [
      'TypeError: checkout total is NaN',
      `    at Object.computeTotal (${chunk}:1:2345)`,
      `    at ${chunk}:1:1502`,
      '    at Array.forEach (<anonymous>)',
      `    at HTMLButtonElement.onClick (${chunk}:1:1400)`,
    ].join('\n'),
  );
const firefox = () =>
  browserEvent([`computeTotal@${CHUNK}:1:2350`, `onClick/<@${CHUNK}:1:1510`, `onClick@${CHUNK}:1:1402`, ''].join('\n'));
const safari = () =>
  browserEvent(
    [`computeTotal@${CHUNK}:1:2350`, `@${CHUNK}:1:1510`, 'forEach@[native code]', `onClick@${CHUNK}:1:1402`, ''].join('\n'),
  );

/** A Node frame as @sentry/node sends it for a file of the app. */
const nodeFrame = (file: string, fn: string | undefined, line: string, extra: Partial<Frame> = {}): Frame => ({
  filename: file,
  abs_path: file,
  ...(fn ? { function: fn } : {}),
  lineno: 10,
  colno: 5,
  in_app: !file.includes('/node_modules/'),
  context_line: line,
  ...extra,
});

const errorWithoutStack = (type: string, value: string) => nodeEvent({ type, value, mechanism: { type: 'generic', handled: true } });
const message = (formatted: string, extra: Json = {}) => ({ ...recordedEvent('sentry-node-event'), exception: undefined, logentry: { formatted }, ...extra });

type Case = { name: string; a: () => Json; b: () => Json; same: boolean; by: GroupedBy };

const CASES: Case[] = [
  // Stack traces (newstyle.py frame/stacktrace, enhancement-configs/newstyle@2023-01-11.txt)
  { name: "Chrome's and Firefox's stack of the same error (Object.fn vs fn, anonymous vs fn/<)", a: chrome, b: firefox, same: true, by: 'stack trace' },
  { name: "Safari's [native code] frame and an anonymous function are noise", a: chrome, b: safari, same: true, by: 'stack trace' },
  { name: 'another host and another deploy hash of the same chunk (URL → module)', a: chrome, b: () => chrome('https://orbit.example.com/_next/static/chunks/app/checkout/page-0a1b2c3d4e5f6789.js?dpl=7'), same: true, by: 'stack trace' },
  {
    name: 'the same error thrown from another caller (every frame counts, not the top one)',
    a: chrome,
    b: () => browserEvent(['TypeError: checkout total is NaN', `    at Object.computeTotal (${CHUNK}:1:2345)`, `    at HTMLFormElement.onSubmit (${CHUNK}:1:900)`].join('\n')),
    same: false,
    by: 'stack trace',
  },
  {
    name: 'Node: /tmp vs /private/tmp, other lines: the basename and the source line count, not the path',
    a: () => nodeEvent({ type: 'Error', value: 'boom', stacktrace: { frames: [nodeFrame('/tmp/app/lib/tasks.js', 'createTask', 'throw new Error("boom");')] } }),
    b: () =>
      nodeEvent({
        type: 'Error',
        value: 'boom',
        stacktrace: { frames: [nodeFrame('/private/tmp/app/lib/tasks.js', 'Object.createTask', '  throw new Error("boom");', { lineno: 99 })] },
      }),
    same: true,
    by: 'stack trace',
  },
  {
    name: 'Node: the same function failing on another source line is another issue',
    a: () => nodeEvent({ type: 'Error', value: 'boom', stacktrace: { frames: [nodeFrame('/app/lib/tasks.js', 'createTask', 'throw new Error("boom");')] } }),
    b: () => nodeEvent({ type: 'Error', value: 'boom', stacktrace: { frames: [nodeFrame('/app/lib/tasks.js', 'createTask', 'assert(task.id);')] } }),
    same: false,
    by: 'stack trace',
  },
  {
    name: 'in-app frames only: other library frames and process.nextTick internals do not count',
    a: () =>
      nodeEvent({
        type: 'Error',
        value: 'x',
        stacktrace: { frames: [nodeFrame('/app/node_modules/pg/lib/client.js', 'Client.query', 'a()'), nodeFrame('/app/lib/db.js', 'load', 'b()')] },
      }),
    b: () =>
      nodeEvent({
        type: 'Error',
        value: 'x',
        stacktrace: {
          frames: [
            nodeFrame('node:internal/process/task_queues', 'processTicksAndRejections', 'c()', { in_app: true }),
            nodeFrame('/app/node_modules/postgres/src/connection.js', 'handle', 'd()'),
            nodeFrame('/app/lib/db.js', 'load', 'b()'),
          ],
        },
      }),
    same: true,
    by: 'stack trace',
  },
  {
    name: 'the stack at the top level (captureMessage with attachStacktrace) groups by the stack, not the text',
    a: () => message('Slow query 1200ms', { stacktrace: { frames: [nodeFrame('/app/lib/db.js', 'load', 'warn()')] } }),
    b: () => message('Slow query on users', { stacktrace: { frames: [nodeFrame('/app/lib/db.js', 'load', 'warn()')] } }),
    same: true,
    by: 'stack trace',
  },
  {
    name: "the crashed thread's stack (threads.values[].stacktrace) groups, not the text",
    a: () => message('hang 1', { threads: { values: [{ id: 1, crashed: true, stacktrace: { frames: [nodeFrame('/app/lib/a.js', 'spin', 'x()')] } }, { id: 2 }] } }),
    b: () => message('hang 2', { threads: [{ id: 1, crashed: true, stacktrace: { frames: [nodeFrame('/app/lib/a.js', 'spin', 'x()')] } }, { id: 2 }] }),
    same: true,
    by: 'stack trace',
  },
  {
    name: '`exception` sent as a list is read like exception.values',
    a: () => ({ ...errorWithoutStack('x', 'y'), exception: [{ type: 'TypeError', value: 'a is undefined' }] }),
    b: () => ({ ...errorWithoutStack('x', 'y'), exception: [{ type: 'RangeError', value: 'invalid length' }] }),
    same: false,
    by: 'exception',
  },
  // Chained exceptions and exception groups (newstyle.py chained_exception, filter_exceptions_for_exception_groups)
  {
    name: 'a chained exception with another cause is another issue',
    a: () => nodeEvent({ type: 'Error', value: 'connection refused' }, { type: 'Error', value: 'could not load tasks' }),
    b: () => nodeEvent({ type: 'TypeError', value: 'x is undefined' }, { type: 'Error', value: 'could not load tasks' }),
    same: false,
    by: 'exception',
  },
  {
    name: 'an AggregateError of three copies of one error groups like that error alone',
    a: () =>
      nodeEvent(
        ...[1, 2, 3].map((id) => ({ type: 'Error', value: `upload ${id} failed`, mechanism: { type: 'chained', exception_id: id, parent_id: 0, source: `errors[${id - 1}]` } })),
        { type: 'AggregateError', value: '3 uploads failed', mechanism: { type: 'generic', exception_id: 0, is_exception_group: true } },
      ),
    b: () => errorWithoutStack('Error', 'upload 9 failed'),
    same: true,
    by: 'exception',
  },
  // Exception and message without a stack, parameterized (message.py, parameterization.py)
  { name: '"user 123 not found" vs "user 456 not found"', a: () => errorWithoutStack('Error', 'user 123 not found'), b: () => errorWithoutStack('Error', 'user 456 not found'), same: true, by: 'exception' },
  {
    name: 'UUIDs, e-mails, IPs, hex, dates and URLs in a value',
    a: () => errorWithoutStack('Error', 'task 0f8fad5b-d9cb-469f-a165-70867728950e of ann@example.com from 10.0.0.1 at 2026-12-05T10:00:00Z: 0xdeadbeef https://a.example/x?1'),
    b: () => errorWithoutStack('Error', 'task 7c9e6679-7425-40de-944b-e07fc1f90ae7 of bob@example.org from 192.168.1.20 at 2026-12-06T11:30:00Z: 0x1f https://b.example/y'),
    same: true,
    by: 'exception',
  },
  { name: 'another type with the same value', a: () => errorWithoutStack('Error', 'user 1 not found'), b: () => errorWithoutStack('NotFoundError', 'user 1 not found'), same: false, by: 'exception' },
  { name: 'messages that differ only in numbers and e-mails', a: () => message('Payment 1234 failed for ann@example.com'), b: () => message('Payment 98 failed for bob@example.org'), same: true, by: 'message' },
  // Fingerprints (fingerprinting/utils.py, fingerprinting/configs/javascript@2024-02-02)
  {
    name: 'ChunkLoadError: any chunk, any stack is one issue (built-in rule)',
    a: () => browserEvent(`ChunkLoadError: Loading chunk 123 failed.\n    at ${CHUNK}:1:10`, 'Loading chunk 123 failed.', 'ChunkLoadError'),
    b: () => browserEvent(`ChunkLoadError: Loading chunk 9 failed.\n    at Object.load (${CHUNK}:1:99)`, 'Loading chunk 9 failed.', 'ChunkLoadError'),
    same: true,
    by: 'built-in rule',
  },
  {
    name: 'an Error whose value starts with ChunkLoadError joins the same issue (built-in rule)',
    a: () => browserEvent(`ChunkLoadError: Loading chunk 123 failed.\n    at ${CHUNK}:1:10`, 'Loading chunk 123 failed.', 'ChunkLoadError'),
    b: () => browserEvent(`Error: x\n    at Object.boot (${CHUNK}:1:5)`, 'ChunkLoadError: Loading chunk 7 failed.', 'Error'),
    same: true,
    by: 'built-in rule',
  },
  {
    name: 'hydration errors group per transaction (built-in rule)',
    a: () => ({ ...errorWithoutStack('Error', 'Text content does not match server-rendered HTML.'), platform: 'javascript', tags: { transaction: '/tasks' } }),
    b: () => ({ ...errorWithoutStack('Error', 'Text content does not match server-rendered HTML.'), platform: 'javascript', tags: { transaction: '/billing' } }),
    same: false,
    by: 'built-in rule',
  },
  {
    name: '{{ message }} in a fingerprint is the message, not the literal',
    a: () => ({ ...errorWithoutStack('Error', 'quota exceeded'), fingerprint: ['quota', '{{ message }}'] }),
    b: () => ({ ...errorWithoutStack('Error', 'rate limited'), fingerprint: ['quota', '{{ message }}'] }),
    same: false,
    by: 'fingerprint',
  },
  {
    name: '{{ type }} and {{ function }} are the thrown type and the crashing function',
    a: () => ({ ...nodeError((e) => (e.stacktrace!.frames.at(-1)!.function = 'createTask')), fingerprint: ['{{ type }}', '{{ function }}'] }),
    b: () => ({ ...nodeError((e) => (e.stacktrace!.frames.at(-1)!.function = 'deleteTask')), fingerprint: ['{{ type }}', '{{ function }}'] }),
    same: false,
    by: 'fingerprint',
  },
  {
    name: '{{ transaction }} splits one bug by route',
    a: () => ({ ...nodeError(), transaction: 'GET /tasks', fingerprint: ['{{ default }}', '{{ transaction }}'] }),
    b: () => ({ ...nodeError(), transaction: 'GET /billing', fingerprint: ['{{ default }}', '{{ transaction }}'] }),
    same: false,
    by: 'fingerprint',
  },
];

describe("Sentry's grouping", () => {
  it.each(CASES)('$name → same issue: $same, grouped by $by', ({ a, b, same, by }) => {
    const issues = groupIssues([a(), b()].map((payload, i) => ({ id: i + 1, event_id: null, trace_id: null, received_at: new Date(i * 1000).toISOString(), payload })));
    expect(issues.map((i) => i.grouped_by)).toEqual(same ? [by] : [by, by]);
    expect(issues).toHaveLength(same ? 1 : 2);
  });

  it('shows which values grouped the event', () => {
    expect(groupingOf(firefox())).toEqual({
      by: 'stack trace',
      rule: null,
      values: [
        'type: TypeError',
        'frame: module: chunks/app/checkout/page · function: onClick',
        'frame: module: chunks/app/checkout/page',
        'frame: module: chunks/app/checkout/page · function: computeTotal',
      ],
    });
    expect(groupingOf(browserEvent(`ChunkLoadError: x\n    at ${CHUNK}:1:1`, 'x', 'ChunkLoadError'))).toEqual({
      by: 'built-in rule',
      rule: 'family:javascript error.type:"ChunkLoadError" -> chunkloaderror',
      values: ['chunkloaderror'],
    });
  });

  it('parameterizes messages the way normalize_message_for_grouping does', () => {
    expect(parameterize('user 123 not found')).toBe('user <int> not found');
    expect(parameterize('took 1.5s and 200ms; id=-4 ratio 0.25')).toBe('took <duration> and <duration>; id=<int> ratio <float>');
    expect(parameterize("key='abc' ok=true at 10:30pm on api.example.com")).toBe('key=<quoted_str> ok=<bool> at <date> on <hostname>');
    expect(parameterize('sha 3f786850e387550fdab836ed7e6dc881de23001b md5 9e107d9d372bb6826bd81d3542a419d6')).toBe('sha <sha1> md5 <md5>');
    expect(parameterize('first\n\nsecond\nthird')).toBe('first\nsecond...');
  });

  it('turns URL frames into modules the way generate_module does', () => {
    expect(moduleFromUrl('http://google.com/js/v1.0/foo/bar/baz.js')).toBe('foo/bar/baz');
    expect(moduleFromUrl('http://x/static/app.min.js?v=3#a')).toBe('app');
    expect(moduleFromUrl('app:///_next/static/chunks/4bd1b696-1e8ab3fcb2e38a8c.js')).toBe('chunks/4bd1b696');
    expect(moduleFromUrl('http://x/assets/3f786850e387550fdab836ed7e6dc881de23001b/main.js')).toBe('main');
  });
});

describe('untrusted events', () => {
  it('a deep exception-group tree and a long chain group without overflowing the stack', () => {
    const depth = 30_000;
    const values = Array.from({ length: depth }, (_, i) => ({
      type: i === depth - 1 ? 'Error' : 'AggregateError',
      value: `level ${i}`,
      mechanism: { type: 'chained', exception_id: depth - 1 - i, ...(i < depth - 1 ? { parent_id: depth - 2 - i } : {}), is_exception_group: i > 0 },
    }));
    // values[depth - 1] is the root (id 0); each group's one child is the exception before it; the leaf is values[0].
    values[0]!.type = 'RangeError';
    const grouping = groupingOf({ ...nodeEvent(), exception: { values } });
    expect(grouping.by).toBe('exception');
    expect(grouping.values[0]).toBe('type: RangeError');
  });

  it('a long run of host-name or e-mail characters is parameterized, cut where Relay cuts values', () => {
    expect(parameterize(`${'a.'.repeat(40_000)} at api.example.com`)).toBe(`${'a.'.repeat(4096)}...`);
    expect(parameterize(`${'a'.repeat(100)} bob@example.com`)).toBe(`${'a'.repeat(100)} <email>`);
  });
});
