// Reading a Sentry error event, for grouping it into issues (the collector) and for showing it (the views): the
// exception chain with its frames (most recent call first, the way Sentry shows them), breadcrumbs, tags, user, and
// any link back to a PostHog person, session or recording.
import type { Json } from '@/lib/inbox/rows';
import { dateMs, get, isObject, num, str } from '@/lib/inbox/json';

type StackFrame = {
  function: string;
  /** Where, short: `lib/tasks/create.ts:42:7`. */
  location: string;
  file: string | null;
  line: number | null;
  column: number | null;
  inApp: boolean;
  module: string | null;
  /** Source lines around the frame when the SDK sent them (ContextLines), with the frame's line marked. */
  context: { line: number; code: string; current: boolean }[];
  vars: Json | null;
};

export type ExceptionEntry = {
  type: string;
  value: string;
  mechanism: string | null;
  handled: boolean | null;
  frames: StackFrame[];
};

/** Trims an absolute path or URL down to the part a developer recognises (project-relative, or URL path). */
function shortPath(file: string): string {
  let f = file;
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(f)) {
      const u = new URL(f);
      f = u.pathname + (u.search ? u.search : '');
    }
  } catch {
    // Not a URL: keep as is.
  }
  f = f.replace(/^webpack-internal:\/\/\/(\([^)]*\)\/)?/, '').replace(/^app:\/\/\//, '');
  const nm = f.lastIndexOf('/node_modules/');
  if (nm >= 0) return f.slice(nm + 1);
  const markers = ['/app/', '/lib/', '/components/', '/_next/', '/src/'];
  for (const m of markers) {
    const i = f.indexOf(m);
    if (i >= 0) return f.slice(i + 1);
  }
  return f.replace(/^\.\//, '');
}

function formatFrame(frame: unknown): StackFrame {
  const file = str(get(frame, 'abs_path')) ?? str(get(frame, 'filename'));
  const line = num(get(frame, 'lineno'));
  const column = num(get(frame, 'colno'));
  const pre = get(frame, 'pre_context');
  const post = get(frame, 'post_context');
  const current = str(get(frame, 'context_line'));
  const context: StackFrame['context'] = [];
  if (current !== null && line !== null) {
    const before = Array.isArray(pre) ? pre.filter((l): l is string => typeof l === 'string') : [];
    const after = Array.isArray(post) ? post.filter((l): l is string => typeof l === 'string') : [];
    before.forEach((code, i) => context.push({ line: line - before.length + i, code, current: false }));
    context.push({ line, code: current, current: true });
    after.forEach((code, i) => context.push({ line: line + 1 + i, code, current: false }));
  }
  const shown = file ? shortPath(file) : '<unknown>';
  return {
    function: str(get(frame, 'function')) ?? '<anonymous>',
    location: [shown || '<anonymous>', line, column].filter((x) => x !== null).join(':'),
    file,
    line,
    column,
    inApp: get(frame, 'in_app') === true,
    module: str(get(frame, 'module')),
    context,
    vars: isObject(get(frame, 'vars')) ? (get(frame, 'vars') as Json) : null,
  };
}

/** The event's exceptions, oldest cause first, from every form Sentry accepts: `exception.values`, `exception` as a
 * list, or one exception object. */
export function exceptionValuesOf(payload: unknown): unknown[] {
  const exception = get(payload, 'exception');
  if (Array.isArray(exception)) return exception.filter(isObject);
  const values = get(exception, 'values');
  if (Array.isArray(values)) return values.filter(isObject);
  return isObject(exception) && (str(exception.type) ?? str(exception.value)) ? [exception] : [];
}

/** The exception chain, outermost (what was thrown last) first, each with its frames most recent call first. */
export function exceptionsOf(payload: unknown): ExceptionEntry[] {
  return [...exceptionValuesOf(payload)].reverse().map((v) => {
    const frames = get(v, 'stacktrace', 'frames');
    const handled = get(v, 'mechanism', 'handled');
    return {
      type: str(get(v, 'type')) ?? 'Error',
      value: str(get(v, 'value')) ?? '',
      mechanism: str(get(v, 'mechanism', 'type')),
      handled: typeof handled === 'boolean' ? handled : null,
      frames: (Array.isArray(frames) ? frames : []).map(formatFrame).reverse(),
    };
  });
}

/** The title Sentry would give the issue: `Type: value`, or the message. */
export function errorTitle(payload: unknown): string {
  const [first] = exceptionsOf(payload);
  if (first) return first.value ? `${first.type}: ${first.value}` : first.type;
  return (
    str(get(payload, 'message')) ??
    str(get(payload, 'message', 'formatted')) ??
    str(get(payload, 'logentry', 'formatted')) ??
    str(get(payload, 'logentry', 'message')) ??
    '(no message)'
  );
}

/** Where it happened: the most recent in-app frame, else the transaction name. */
export function culprit(payload: unknown): string | null {
  const [first] = exceptionsOf(payload);
  const frame = first?.frames.find((f) => f.inApp) ?? first?.frames[0];
  if (frame) return `${frame.function} (${frame.location})`;
  return str(get(payload, 'transaction')) ?? str(get(payload, 'culprit'));
}

export type Breadcrumb = {
  timestamp: number | null;
  category: string;
  level: string;
  message: string;
  type: string | null;
  data: Json | null;
  /** The message was made from `data` (fetch/xhr crumbs), so showing both repeats it. */
  derived: boolean;
};

export function breadcrumbsOf(payload: unknown): Breadcrumb[] {
  const raw = get(payload, 'breadcrumbs');
  const list = Array.isArray(raw) ? raw : Array.isArray(get(raw, 'values')) ? (get(raw, 'values') as unknown[]) : [];
  return list.map((b) => {
    const data = isObject(get(b, 'data')) ? (get(b, 'data') as Json) : null;
    const fromData = data ? [str(data.method), str(data.url), data.status_code !== undefined ? String(data.status_code) : null] : [];
    const message = str(get(b, 'message'));
    return {
      derived: !message && !!data,
      timestamp: num(get(b, 'timestamp')) ?? (str(get(b, 'timestamp')) ? Date.parse(String(get(b, 'timestamp'))) / 1000 : null),
      category: str(get(b, 'category')) ?? str(get(b, 'type')) ?? 'default',
      level: str(get(b, 'level')) ?? 'info',
      message: message ?? fromData.filter(Boolean).join(' '),
      type: str(get(b, 'type')),
      data,
    };
  });
}

/** Sentry tags arrive as an object or as `[key, value]` pairs. */
export function tagsOf(payload: unknown): [string, string][] {
  const tags = get(payload, 'tags');
  const pairs: [string, unknown][] = Array.isArray(tags)
    ? tags.filter((t): t is [string, unknown] => Array.isArray(t) && typeof t[0] === 'string')
    : isObject(tags)
      ? Object.entries(tags)
      : [];
  return pairs.map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
}

export type PosthogLink = { distinctId: string | null; sessionId: string | null; url: string | null };

/**
 * The PostHog identity an error carries, whatever way it was attached: tags such as `posthog_distinct_id` /
 * `posthog_session_id`, a `posthog` context, or (last resort) the Sentry user id, which Orbit sets to the
 * PostHog distinct id. Read generically so any naming that contains `posthog` + `session` / `distinct` works.
 */
export function posthogLinkOf(payload: unknown): PosthogLink {
  const candidates: [string, unknown][] = [...tagsOf(payload)];
  const ctx = get(payload, 'contexts', 'posthog');
  if (isObject(ctx)) candidates.push(...Object.entries(ctx).map(([k, v]): [string, unknown] => [`posthog_${k}`, v]));
  const extra = get(payload, 'extra');
  if (isObject(extra)) candidates.push(...Object.entries(extra).filter(([k]) => /posthog/i.test(k)));
  // A "PostHog Person URL" tag names a person too, but is a link, not an id.
  const pick = (re: RegExp, skip = /url|link/i) => {
    for (const [k, v] of candidates) if (/posthog/i.test(k) && re.test(k) && !skip.test(k) && typeof v === 'string' && v) return v;
    return null;
  };
  return {
    distinctId: pick(/distinct|person|user/i) ?? str(get(payload, 'user', 'id')),
    sessionId: pick(/session/i),
    url: pick(/url|link/i, /$^/),
  };
}

export function userOf(payload: unknown): Json | null {
  const user = get(payload, 'user');
  return isObject(user) && Object.keys(user).length ? user : null;
}

export function contextsOf(payload: unknown): [string, Json][] {
  const contexts = get(payload, 'contexts');
  if (!isObject(contexts)) return [];
  return Object.entries(contexts).filter((e): e is [string, Json] => isObject(e[1]) && Object.keys(e[1]).length > 0);
}

/**
 * The moment of an error as an ISO 8601 time, for the replay link's `?t=` (the recordings page seeks the player to
 * it): the event's own `timestamp` (seconds), else when the collector received it. Null when neither is a time Date
 * can hold — the timestamp is whatever the sender wrote, and a hostile one must not break the page.
 */
export function errorMomentOf(payload: unknown, receivedAt: string): string | null {
  const ms = get(payload, 'timestamp') === undefined ? dateMs(Date.parse(receivedAt)) : eventTimeMs(payload);
  return ms !== null && ms >= 0 ? new Date(ms).toISOString() : null;
}

/** An event's own time in epoch ms — its `timestamp`, epoch seconds or an RFC 3339 string as the protocol allows —
 * or null when that is not a time Date can hold. */
export function eventTimeMs(payload: unknown): number | null {
  const ts = get(payload, 'timestamp');
  const seconds = num(ts);
  return seconds !== null ? dateMs(seconds * 1000) : typeof ts === 'string' ? dateMs(Date.parse(ts)) : null;
}
