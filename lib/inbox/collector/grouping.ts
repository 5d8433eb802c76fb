// Sentry's grouping of an error event, for the JavaScript and Node events Orbit sends and any SDK's events the
// collector accepts: which values decide the issue an event joins, and which variant chose them. Pure.
//
// Followed from getsentry/sentry (grouping config `newstyle:2023-01-11`):
// - src/sentry/grouping/strategies/newstyle.py: frame (module, basename, function, context line; JavaScript function
//   trimming and noise frames), stacktrace (in-app variant, else system; recursion; single-frame rule), exception
//   (type, then the value only without a contributing stack), chained exceptions and exception groups
//   (filter_exceptions_for_exception_groups), threads;
// - src/sentry/grouping/strategies/utils.py (has_url_origin), strategies/message.py and parameterization.py
//   (normalize_message_for_grouping: first two lines, values replaced by <placeholders>);
// - src/sentry/grouping/enhancer/enhancement-configs/newstyle@2023-01-11.txt (the JavaScript/Node stack rules);
// - src/sentry/grouping/fingerprinting/utils.py (fingerprint variables), fingerprinting/matchers.py and the built-in
//   rules fingerprinting/configs/javascript@2024-02-02/ (ChunkLoadError, hydration errors);
// - src/sentry/lang/javascript/processor.py (generate_module: a URL frame's module, set before grouping).
// What the inbox still does differently is listed in docs/local-inbox.md ("Grouping").
import { exceptionValuesOf } from '@/lib/inbox/sentry-event';
import { get, isObject, num, str } from '@/lib/inbox/json';
import type { Issue } from '@/lib/inbox/rows';

/** Which part of the event decided its issue (Sentry's "Event Grouping Information"). */
export type GroupedBy = Issue['grouped_by'];

/** The values an event's issue is the hash of, the variant that gave them, and the built-in rule that matched. */
export type Grouping = { by: GroupedBy; rule: string | null; values: string[] };

type Variant = 'app' | 'system';
type Part = { values: string[]; contributes: boolean };

// ---------------------------------------------------------------------------------------------------------------
// Reading the event

const JS_PLATFORMS = new Set(['javascript', 'node']);
/** Platforms whose source lines Sentry trusts for grouping (`contextline_platforms`). */
const CONTEXT_LINE_PLATFORMS = new Set(['javascript', 'node', 'python', 'php', 'ruby']);

const isJs = (platform: string | null) => platform !== null && JS_PLATFORMS.has(platform);

/** has_url_origin: a frame that points to a URL (file: URLs count only where `filesCountAsUrls`). */
function hasUrlOrigin(path: string | null, filesCountAsUrls: boolean): boolean {
  if (!path) return false;
  if (/^(https?|applewebdata|blob):/i.test(path)) return true;
  return /^file:/i.test(path) ? filesCountAsUrls : false;
}

/** The path of a URL (no host, query or hash), else null. */
function urlPath(s: string): string | null {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) return null;
  try {
    return new URL(s).pathname;
  } catch {
    return null;
  }
}

const UNKNOWN_MODULE = '<unknown module>';
// processor.py's CLEAN_MODULE_RE: leading slashes, common folder prefixes, versions and hashes; a trailing commitish.
const CLEAN_MODULE =
  /^(?:\/|(?:(?:java)?scripts?|js|build|static|node_modules|bower_components|[_.~].*?|v?(?:\d+\.)*\d+|[a-f0-9]{7,8}|[a-f0-9]{32}|[a-f0-9]{40})\/)+|(?:[-.][a-f0-9]{7,}$)/gi;
const VERSION = /^[a-f0-9]{32}|[a-f0-9]{40}$/i;

/** generate_module: `http://host/js/v1.0/foo/bar/baz.min.js?x` → `foo/bar/baz`. */
export function moduleFromUrl(src: string): string {
  let file = urlPath(src) ?? src.replace(/[?#].*$/, '');
  const base = file.lastIndexOf('/');
  const dot = file.lastIndexOf('.');
  if (dot > base + 1) file = file.slice(0, dot);
  if (file.endsWith('.min')) file = file.slice(0, -4);
  const tokens = file.split('/');
  const sha = tokens.findIndex((t) => VERSION.test(t));
  if (sha >= 0) return tokens.slice(sha + 1).join('/');
  return file.replace(CLEAN_MODULE, '') || UNKNOWN_MODULE;
}

type Frame = {
  absPath: string | null;
  filename: string | null;
  fn: string | null;
  rawFn: string | null;
  module: string | null;
  pkg: string | null;
  contextLine: string | null;
  lineno: number | null;
  colno: number | null;
  platform: string | null;
  inApp: boolean;
  sourcemap: boolean;
  /** Stack trace rules: this frame never contributes (`-group`). */
  noGroup: boolean;
};

/** A frame as Sentry sees it after ingestion: abs_path and filename filled from each other, a URL filename reduced
 * to its path, and JavaScript URL frames given a module (generate_module). */
function readFrame(raw: unknown, eventPlatform: string | null): Frame {
  const filenameIn = str(get(raw, 'filename'));
  const absPath = str(get(raw, 'abs_path')) ?? filenameIn;
  let filename = filenameIn ?? absPath;
  if (filename) filename = urlPath(filename) ?? filename;
  const platform = str(get(raw, 'platform')) ?? eventPlatform;
  const sent = str(get(raw, 'module'));
  const urlModule = !sent && isJs(platform) && absPath && /^(https?|webpack|app):/i.test(absPath) ? moduleFromUrl(absPath) : null;
  const fn = str(get(raw, 'function'));
  return {
    absPath,
    filename,
    fn: fn === '?' ? null : fn,
    rawFn: str(get(raw, 'raw_function')),
    module: sent ?? urlModule,
    pkg: str(get(raw, 'package')),
    contextLine: typeof get(raw, 'context_line') === 'string' ? (get(raw, 'context_line') as string) : null,
    lineno: num(get(raw, 'lineno')),
    colno: num(get(raw, 'colno')),
    platform,
    inApp: get(raw, 'in_app') === true,
    sourcemap: get(raw, 'data', 'sourcemap') !== undefined && get(raw, 'data', 'sourcemap') !== null,
    noGroup: false,
  };
}

const framesOf = (stacktrace: unknown): unknown[] => {
  const frames = get(stacktrace, 'frames');
  return Array.isArray(frames) ? frames : [];
};

/** `threads` as `{ values: [...] }` or a list. */
function threadsOf(payload: unknown): unknown[] {
  const t = get(payload, 'threads');
  if (Array.isArray(t)) return t.filter(isObject);
  const values = get(t, 'values');
  return Array.isArray(values) ? values.filter(isObject) : [];
}

/** The thread whose stack groups the event: the one crashed thread, else the one current, else the only one. */
function groupingThread(payload: unknown): unknown {
  const threads = threadsOf(payload);
  for (const pick of [(t: unknown) => get(t, 'crashed') === true, (t: unknown) => get(t, 'current') === true, () => true]) {
    const chosen = threads.filter(pick);
    if (chosen.length === 1) return chosen[0];
  }
  return null;
}

/** Relay's logentry: `logentry`, else a `message` object, else a `message` string as the formatted text. */
function logentryOf(payload: unknown): { message: string | null; formatted: string | null } {
  const entry = get(payload, 'logentry') ?? get(payload, 'message');
  if (typeof entry === 'string') return { message: null, formatted: entry || null };
  return { message: str(get(entry, 'message')), formatted: str(get(entry, 'formatted')) };
}

/** Tags as an object or Sentry's list of [key, value] pairs. */
function tagOf(payload: unknown, key: string): string | null {
  const tags = get(payload, 'tags');
  if (Array.isArray(tags)) {
    const pair = tags.find((t) => Array.isArray(t) && t[0] === key) as unknown[] | undefined;
    return pair ? str(pair[1]) : null;
  }
  const v = get(tags, key);
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Parameterization (parameterization.py, the patterns normalize_message_for_grouping turns on, in its order)

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const DAY = '(?:Sun|Mon|Tue|Wed|Thu|Fri|Sat)';
const ZONE = '(?:UT|GMT|(?:E|C|M|P)(?:ST|DT)|[A-IK-Z])';
const TLDS =
  'COM|NET|ORG|JP|DE|UK|FR|BR|IT|RU|ES|ME|GOV|PL|CA|AU|CN|CO|IN|NL|EDU|INFO|EU|CH|ID|AT|KR|CZ|MX|BE|TV|SE|TR|TW|AL|UA|IR|VN|CL|SK|LY|CC|TO|NO|FI|US|PT|DK|AR|HU|TK|GR|IL|NEWS|RO|MY|BIZ|IE|ZA|NZ|SG|EE|TH|IO|XYZ|PE|BG|HK|RS|LT|LINK|PH|CLUB|SI|SITE|MOBI|BY|CAT|WIKI|LA|GA|XXX|CF|HR|NG|JOBS|ONLINE|KZ|UG|GQ|AE|IS|LV|PRO|FM|TIPS|MS|SA|APP';
const IPV4_PART = '(?:25[0-5]|(?:2[0-4]|1{0,1}[0-9]){0,1}[0-9])';
const H = '[0-9a-fA-F]{1,4}';
const PATTERNS: [string, string][] = [
  // The lookbehinds (not in Sentry's patterns) start an e-mail or a host name only where its run of characters starts:
  // the same matches in practice, without a scan from every position of a long run (quadratic time on untrusted text).
  ['email', "(?<![a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-])[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*"],
  ['url', '\\b(?:wss?|https?|ftp)://[^\\s/$.?#].[^\\s]*'],
  ['hostname', `(?<![a-zA-Z0-9.-])\\b(?:[a-zA-Z0-9\\-]{1,63}\\.)+?(?:(?:${TLDS})|(?:${TLDS.toLowerCase()}))\\b`],
  [
    'ip',
    `(?:(?:${H}:){7,7}${H}|(?:${H}:){1,7}:|(?:${H}:){1,6}:${H}|(?:${H}:){1,5}(?::${H}){1,2}|(?:${H}:){1,4}(?::${H}){1,3}|` +
      `(?:${H}:){1,3}(?::${H}){1,4}|(?:${H}:){1,2}(?::${H}){1,5}|${H}:(?:(?::${H}){1,6})|:(?:(?::${H}){1,7}|:)|` +
      `fe80:(?::[0-9a-fA-F]{0,4}){0,4}%[0-9a-zA-Z]{1,}|::(?:ffff(?::0{1,4}){0,1}:){0,1}(?:${IPV4_PART}\\.){3,3}${IPV4_PART}|` +
      `(?:${H}:){1,4}:(?:${IPV4_PART}\\.){3,3}${IPV4_PART}\\b)|(?:\\b(?:${IPV4_PART}\\.){3,3}${IPV4_PART}\\b)`,
  ],
  ['uuid', '\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b'],
  ['sha1', '\\b[0-9a-fA-F]{40}\\b'],
  ['md5', '\\b[0-9a-fA-F]{32}\\b'],
  [
    'date',
    [
      `(?:${DAY},\\s\\d{1,2}\\s${MONTH}\\s\\d{2,4}\\s\\d{1,2}:\\d{1,2}(?::\\d{1,2})?\\s(?:[-+][\\d]{2}[0-5][\\d]|${ZONE}))`,
      `(?:(?:${DAY}\\s)?${MONTH}\\s[0-3]\\d,\\s\\d{2,4})`,
      `(?:(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday),\\s\\d{2}-${MONTH}-\\d{2}\\s\\d{2}:\\d{2}:\\d{2}\\s${ZONE})`,
      '(?:\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z?(?:[+-]?\\d{2}:\\d{2})?)',
      '(?:\\d{4}-?[01]\\d-?[0-3]\\d\\s[0-2]\\d:[0-5]\\d:[0-5]\\d)(?:\\.\\d+)?',
      // "Kitchen" time; Sentry's verbose regex ignores the space before am/pm.
      '(?:\\d{1,2}:\\d{2}(?::\\d{2})?(?:[aApP][Mm])?)',
      '(?:\\d{4}-[01]\\d-[0-3]\\d)',
      '(?:[0-2]\\d:[0-5]\\d:[0-5]\\d)',
      `(?:\\b(?:${DAY}\\s+)?${MONTH}\\s+[\\d]{1,2}\\s+[\\d]{2}:[\\d]{2}:[\\d]{2}\\s+[\\d]{4})`,
      `(?:\\b(?:${DAY},\\s+)?(?:0[1-9]|[1-2]?[\\d]|3[01])\\s+${MONTH}\\s+(?:19[\\d]{2}|[2-9][\\d]{3})\\s+(?:2[0-3]|[0-1][\\d]):(?:[0-5][\\d])(?::(?:60|[0-5][\\d]))?\\s+(?:[-+][\\d]{2}[0-5][\\d]|${ZONE}))`,
      '(?:datetime.datetime\\(.*?\\))',
    ].join('|'),
  ],
  ['duration', '\\b(?:\\d+ms)|(?:\\d+(?:\\.\\d+)?s)\\b'],
  ['hex', '\\b0[xX][0-9a-fA-F]+\\b'],
  ['float', '-\\d+\\.\\d+\\b|\\b\\d+\\.\\d+\\b'],
  ['int', '-\\d+\\b|\\b\\d+\\b'],
  ['quoted_str', `(?<==)(?:'(?:[^']+)'|"(?:[^"]+)")`],
  ['bool', '(?<==)(?:True|true|False|false)'],
];
/** Relay cuts messages and exception values to 8192 characters before Sentry groups them; so does the inbox. */
const MAX_GROUPING_CHARS = 8192;
const PARAMETERIZE = new RegExp(PATTERNS.map(([name, p]) => `(?<${name}>${p})`).join('|'), 'g');

/** normalize_message_for_grouping: the first two non-empty lines (`...` when cut), values replaced by
 * `<email>`, `<url>`, `<hostname>`, `<ip>`, `<uuid>`, `<sha1>`, `<md5>`, `<date>`, `<duration>`, `<hex>`, `<float>`,
 * `<int>`, `<quoted_str>`, `<bool>`. */
export function parameterize(message: string): string {
  let trimmed = message
    .slice(0, MAX_GROUPING_CHARS)
    .split(/\r\n|\r|\n/)
    .filter((l) => l.trim())
    .slice(0, 2)
    .join('\n');
  if (trimmed !== message) trimmed += '...';
  return trimmed.replace(PARAMETERIZE, (...args: unknown[]) => {
    const groups = args.at(-1) as Record<string, string | undefined>;
    const name = Object.keys(groups).find((k) => groups[k] !== undefined);
    return name ? `<${name}>` : '';
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Stack trace rules (enhancement-configs/newstyle@2023-01-11.txt, the rules that apply to JavaScript and Node)

/** A Sentry glob: `**` any run, `*` any run without `/` in paths (any run elsewhere), `?` one character. */
function globRe(pattern: string, path: boolean): RegExp {
  // A leading or trailing `**` is an unanchored end: the same matches, without backtracking over `.*`.
  const start = pattern.startsWith('**') ? 2 : 0;
  const end = pattern.length > start && pattern.endsWith('**') ? pattern.length - 2 : pattern.length;
  let re = '';
  for (let i = start; i < end; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += path ? '[^/]*' : '.*';
    else if (c === '?') re += path ? '[^/]' : '.';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`${start ? '' : '^'}${re}${end < pattern.length ? '' : '$'}`, path ? 'i' : '');
}

// Every rule takes frames out of the app (`-app`), some out of grouping too (`-group`); no rule puts one back, so
// their order does not matter and each kind of matcher is one combined pattern, tested once per frame.
const anyGlob = (globs: string[], path: boolean) => new RegExp(globs.map((g) => `(?:${globRe(g, path).source})`).join('|'), path ? 'i' : '');
const PATH_OUT_OF_APP = anyGlob(
  ['**/vendor/**', '**/site-packages/**', '**/dist-packages/**', '**/node_modules/**', '**/go/pkg/mod/**'].concat(
    ['unpkg.com', 'cdnjs.cloudflare.com', 'cdn.jsdelivr.net', 'esm.run'].map((host) => `**https://${host}/**`),
  ),
  true,
);
const PATH_OUT_OF_GROUPING = anyGlob(['**/*newrelic*/**', '**/*LogRocket*/**'], true);
const JS_PATH_OUT_OF_GROUPING = anyGlob(['org-dartlang-sdk:///**'], true);
const MODULE_OUT_OF_APP = anyGlob(['unpkg/**'], false);
const JS_MODULE_OUT_OF_APP = anyGlob(['**/packages/flutter/**'], false);
const MODULE_OUT_OF_GROUPING = anyGlob(['@babel/**', 'core-js/**', 'regenerator-runtime/**', 'tslib/**', 'newrelic'], false);
const FUNCTION_OUT_OF_GROUPING = new Set(['runMicrotasks', 'queueMicrotask', 'processTicksAndRejections', 'runNextTicks', 'nextTick']);
const JS_FUNCTION_OUT_OF_GROUPING = new Set(['_callSuper']);
/** `family:javascript function:reportError ^-app -app`: it and every frame it called are not the app's. */
const JS_FUNCTION_OUT_OF_APP_WITH_CALLEES = new Set(['reportError']);

function pathMatches(re: RegExp, f: Frame): boolean {
  return [f.absPath, f.filename].some((p) => {
    if (!p) return false;
    const v = p.replace(/\\/g, '/');
    return re.test(v) || (!v.startsWith('/') && re.test(`/${v}`));
  });
}

/** Applies the stack trace rules to the frames (oldest call first). */
function applyRules(frames: Frame[], eventPlatform: string | null): void {
  let calleesOutOfApp = false;
  for (const f of frames) {
    const js = isJs(f.platform ?? eventPlatform);
    const fn = f.rawFn ?? f.fn ?? '';
    const noGroup =
      pathMatches(PATH_OUT_OF_GROUPING, f) ||
      (js && pathMatches(JS_PATH_OUT_OF_GROUPING, f)) ||
      (!!f.module && MODULE_OUT_OF_GROUPING.test(f.module)) ||
      FUNCTION_OUT_OF_GROUPING.has(fn) ||
      (js && JS_FUNCTION_OUT_OF_GROUPING.has(fn));
    const reportError = js && JS_FUNCTION_OUT_OF_APP_WITH_CALLEES.has(fn);
    const outOfApp =
      noGroup ||
      reportError ||
      calleesOutOfApp ||
      pathMatches(PATH_OUT_OF_APP, f) ||
      (!!f.module && (MODULE_OUT_OF_APP.test(f.module) || (js && JS_MODULE_OUT_OF_APP.test(f.module))));
    if (outOfApp) f.inApp = false;
    if (noGroup) f.noGroup = true;
    if (reportError) calleesOutOfApp = true;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Frames and stacks

const UNKNOWN_FUNCTIONS = new Set(['?', '<anonymous function>', '<anonymous>', 'Anonymous function']);
const NOISE_PATHS = new Set(['[native code]', 'native code', 'eval code', '<anonymous>']);

/** newstyle.py `frame`: module (else basename), function and source line, JavaScript noise left out. */
function frameValues(f: Frame): Part {
  const js = isJs(f.platform);
  const parts: string[] = [];
  const moduleContributes = !!f.module && !(f.platform === 'javascript' && f.module.includes('/') && !!f.absPath?.endsWith(f.module));
  if (moduleContributes) parts.push(`module: ${f.module}`);
  const base = f.filename ? (f.filename.split(/[/\\]/).at(-1) ?? '').toLowerCase() : '';
  if (base && !moduleContributes && !hasUrlOrigin(f.absPath, false) && base !== '<anonymous>' && base !== '[native code]') {
    parts.push(`filename: ${base}`);
  }
  let contextLine: string | null = null;
  if (f.contextLine && f.platform && CONTEXT_LINE_PLATFORMS.has(f.platform)) {
    const line = f.contextLine.split(/\s+/).filter(Boolean).join(' ');
    if (line && f.contextLine.length <= 120 && !(js && !f.fn && hasUrlOrigin(f.absPath, true))) contextLine = line;
  }
  const fn = f.fn ?? f.rawFn;
  if (fn) {
    const shown = js ? (fn.split('.').at(-1) ?? fn) : fn;
    const noise = (f.rawFn ?? f.fn ?? '').split('.').at(-1) ?? '';
    const unknown = js && (!noise || UNKNOWN_FUNCTIONS.has(noise) || noise.endsWith('/<'));
    if (shown && !unknown && !(js && f.sourcemap && contextLine)) parts.push(`function: ${shown}`);
  }
  if (contextLine) parts.push(`context-line: ${contextLine}`);
  const noiseFn = ((f.rawFn ?? f.fn ?? '').split('.').at(-1) ?? '') === 'eval';
  const lowQuality = js && (noiseFn || (f.absPath !== null && NOISE_PATHS.has(f.absPath)));
  return { values: parts, contributes: !lowQuality && !f.noGroup && parts.length > 0 };
}

const sameFrame = (a: Frame, b: Frame) =>
  a.absPath === b.absPath && a.pkg === b.pkg && a.module === b.module && a.filename === b.filename && a.fn === b.fn && a.lineno === b.lineno && a.colno === b.colno;

/** newstyle.py `stacktrace`: the contributing frames (oldest call first) of the in-app variant and of the full one. */
function stackParts(rawFrames: unknown[], eventPlatform: string | null): Record<Variant, Part> {
  const frames = rawFrames.filter(isObject).map((r) => readFrame(r, eventPlatform));
  applyRules(frames, eventPlatform);
  const parts = frames.map((f, i) => {
    const part = frameValues(f);
    if (i > 0 && sameFrame(f, frames[i - 1]!)) part.contributes = false;
    return part;
  });
  const only = frames.length === 1 ? frames[0]! : null;
  if (only && parts[0]!.contributes && isJs(only.platform) && !only.fn && hasUrlOrigin(only.absPath, true)) parts[0]!.contributes = false;
  const variant = (inAppOnly: boolean): Part => {
    const values = parts.filter((p, i) => p.contributes && (!inAppOnly || frames[i]!.inApp)).map((p) => `frame: ${p.values.join(' · ')}`);
    return { values, contributes: values.length > 0 };
  };
  return { app: variant(true), system: variant(false) };
}

// ---------------------------------------------------------------------------------------------------------------
// Exceptions

type ExceptionParts = { app: Part & { stack: boolean }; system: Part & { stack: boolean } };

/** newstyle.py `single_exception`: type (unless synthetic), the stack, and the value only when no stack counts. */
function exceptionParts(exc: unknown, eventPlatform: string | null): ExceptionParts {
  const type = str(get(exc, 'type'));
  const typeValues = type && get(exc, 'mechanism', 'synthetic') !== true ? [`type: ${type}`] : [];
  const value = str(get(exc, 'value'));
  const normalized = value ? parameterize(value) : '';
  const stacks = stackParts(framesOf(get(exc, 'stacktrace')), eventPlatform);
  const one = (variant: Variant) => {
    const stack = stacks[variant];
    const values = [...typeValues, ...(stack.contributes ? stack.values : normalized ? [`value: ${normalized}`] : [])];
    return { values, contributes: values.length > 0, stack: stack.contributes };
  };
  return { app: one('app'), system: one('system') };
}

type Mechanism = { id: number | null; parent: number | null; group: boolean };
const mechanismOf = (exc: unknown): Mechanism => ({
  id: num(get(exc, 'mechanism', 'exception_id')),
  parent: num(get(exc, 'mechanism', 'parent_id')),
  group: get(exc, 'mechanism', 'is_exception_group') === true,
});

/** filter_exceptions_for_exception_groups: an exception group counts by its distinct leaf exceptions (one distinct
 * leaf: that leaf and its first children; several: one of each plus the root group). Without a sound tree: all. */
function filterExceptionGroups(excs: unknown[], parts: Map<unknown, ExceptionParts>): unknown[] {
  if (excs.length <= 1) return excs;
  const children = new Map<number, unknown[]>();
  const byId = new Map<number, unknown>();
  for (const exc of [...excs].reverse()) {
    const m = mechanismOf(exc);
    if (m.id === null || m.id === m.parent || byId.has(m.id)) return excs;
    byId.set(m.id, exc);
    if (m.parent !== null) {
      const siblings = children.get(m.parent);
      if (siblings) siblings.push(exc);
      else children.set(m.parent, [exc]);
    }
  }
  const childrenOf = (exc: unknown) => children.get(mechanismOf(exc).id!) ?? [];
  const root = byId.get(0);
  if (root === undefined) return excs;
  // Depth first without recursion: a deep chain from an untrusted event must not overflow the stack.
  const seen = new Set<unknown>();
  const found: unknown[] = [];
  for (const todo: unknown[] = [root]; todo.length; ) {
    const exc = todo.pop();
    if (seen.has(exc)) continue;
    seen.add(exc);
    if (!mechanismOf(exc).group) found.push(exc);
    else for (const child of childrenOf(exc).toReversed()) todo.push(child);
  }
  // Sorted by type, descending, by code point as Python sorts strings.
  const typeOf = (exc: unknown) => String(get(exc, 'type') ?? 'None');
  const top = found.sort((a, b) => (typeOf(a) < typeOf(b) ? 1 : typeOf(a) > typeOf(b) ? -1 : 0));
  if (!top.length) return excs;
  const key = (exc: unknown) => JSON.stringify(parts.get(exc));
  const distinct = top.filter((exc, i) => i === 0 || key(exc) !== key(top[i - 1]));
  if (distinct.length === 1) {
    const path = new Set<unknown>();
    for (let exc: unknown = distinct[0]; exc !== undefined && !path.has(exc); exc = childrenOf(exc)[0]) path.add(exc);
    return [...path];
  }
  return [...distinct, root];
}

/** newstyle.py `chained_exception`, the in-app variant when it has a contributing stack, else the full one. */
function exceptionGrouping(excs: unknown[], eventPlatform: string | null): Grouping | null {
  const parts = new Map(excs.map((e) => [e, exceptionParts(e, eventPlatform)]));
  const chosen = filterExceptionGroups(excs, parts);
  const variant = (v: Variant) => {
    const list = chosen.map((e) => parts.get(e)![v]);
    return { values: list.filter((p) => p.contributes).flatMap((p) => p.values), stack: list.some((p) => p.stack) };
  };
  const app = variant('app');
  const system = variant('system');
  // remove_non_stacktrace_variants: a variant without a stack loses to one with.
  const best = app.values.length && (app.stack || !system.stack) ? app : system.values.length ? system : null;
  if (!best) return null;
  return { by: best.stack ? 'stack trace' : 'exception', rule: null, values: best.values };
}

function stackGrouping(stacktrace: unknown, eventPlatform: string | null): Grouping | null {
  const frames = framesOf(stacktrace);
  if (!frames.length) return null;
  const stacks = stackParts(frames, eventPlatform);
  const part = stacks.app.contributes ? stacks.app : stacks.system;
  return part.contributes ? { by: 'stack trace', rule: null, values: part.values } : null;
}

/** Sentry's default grouping: exceptions, else the thread's stack, else the event's stack, else the message. */
export function defaultGrouping(payload: unknown): Grouping {
  const platform = str(get(payload, 'platform'));
  const excs = exceptionValuesOf(payload);
  const byException = excs.length ? exceptionGrouping(excs, platform) : null;
  if (byException) return byException;
  const byThread = stackGrouping(get(groupingThread(payload), 'stacktrace'), platform);
  if (byThread) return byThread;
  const byStack = stackGrouping(get(payload, 'stacktrace'), platform);
  if (byStack) return byStack;
  const { message, formatted } = logentryOf(payload);
  const text = message ?? formatted;
  if (text) return { by: 'message', rule: null, values: [`message: ${parameterize(text)}`] };
  return { by: 'nothing', rule: null, values: [] };
}

// ---------------------------------------------------------------------------------------------------------------
// Fingerprints

/** get_crash_frame_from_event_data: the most recent in-app frame of the thrown exception's stack (else of the
 * event's or the thread's), else its most recent frame. */
function crashFrame(payload: unknown): unknown {
  const excs = exceptionValuesOf(payload);
  let frames = framesOf(get(excs.at(-1), 'stacktrace'));
  if (!frames.length) frames = framesOf(get(payload, 'stacktrace'));
  if (!frames.length) {
    const threads = threadsOf(payload);
    if (threads.length === 1) frames = framesOf(get(threads[0], 'stacktrace'));
  }
  const real = frames.filter(isObject);
  return real.findLast((f) => get(f, 'in_app') === true) ?? real.at(-1) ?? null;
}

const VARIABLE = /^\{\{\s*(\S+)\s*\}\}$/;

/** resolve_fingerprint_variable; null for an unknown variable (kept as written, as `newstyle:2023-01-11` does). */
function resolveVariable(key: string, payload: unknown): string | null {
  const last = exceptionValuesOf(payload).at(-1);
  const frame = () => crashFrame(payload);
  const { message, formatted } = logentryOf(payload);
  switch (key) {
    case 'transaction':
      return str(get(payload, 'transaction')) ?? '<no-transaction>';
    case 'message':
      return formatted ?? message ?? str(get(last, 'value')) ?? '<no-message>';
    case 'type':
    case 'error.type':
      return str(get(last, 'type')) ?? '<no-type>';
    case 'value':
    case 'error.value':
      return str(get(last, 'value')) ?? '<no-value>';
    case 'function':
    case 'stack.function':
      return str(get(frame(), 'function')) ?? '<no-function>';
    case 'path':
    case 'stack.abs_path':
      return str(get(frame(), 'abs_path')) ?? str(get(frame(), 'filename')) ?? '<no-abs-path>';
    case 'stack.filename':
      return str(get(frame(), 'filename')) ?? str(get(frame(), 'abs_path')) ?? '<no-filename>';
    case 'module':
    case 'stack.module':
      return str(get(frame(), 'module')) ?? '<no-module>';
    case 'package':
    case 'stack.package':
      return str(get(frame(), 'package'))?.split('/').at(-1)?.split('\\').at(-1) || '<no-package>';
    case 'level':
      return str(get(payload, 'level')) ?? '<no-level>';
    case 'logger':
      return str(get(payload, 'logger')) ?? '<no-logger>';
    default:
      return key.startsWith('tags.') ? (tagOf(payload, key.slice(5)) ?? `<no-value-for-tag-${key.slice(5)}>`) : null;
  }
}

/** A fingerprint's entries with variables resolved and `{{ default }}` replaced by the default grouping's values. */
function expandFingerprint(entries: string[], payload: unknown): string[] {
  let byDefault: string[] | null = null;
  return entries.flatMap((entry) => {
    const key = VARIABLE.exec(entry)?.[1];
    if (key === 'default') return (byDefault ??= defaultGrouping(payload).values);
    return [key === undefined ? entry : (resolveVariable(key, payload) ?? entry)];
  });
}

/** Sentry's glob for fingerprint rules (`*` any run, `?` one character), compiled once. */
function ruleGlob(pattern: string, ignoreCase: boolean): (value: string | null) => boolean {
  const re = new RegExp(globRe(pattern, false).source, ignoreCase ? 'i' : '');
  return (value) => value !== null && re.test(value);
}

const HYDRATION_MESSAGES = [
  'Hydration failed because the initial UI does not match what was rendered on the server.',
  'The server could not finish this Suspense boundary, likely due to an error during server rendering. Switched to client rendering.',
  'There was an error while hydrating this Suspense boundary. Switched to client rendering.',
  'There was an error while hydrating. Because the error happened outside of a Suspense boundary, the entire root will switch to client rendering.',
  'Text content does not match server-rendered HTML.',
];

const isChunkLoadType = ruleGlob('ChunkLoadError', false);
const isChunkLoadValue = ruleGlob('ChunkLoadError*', true);

type BuiltIn = { text: string; matches: (payload: unknown) => boolean; fingerprint: string[] };

/** fingerprinting/configs/javascript@2024-02-02: for events of the JavaScript family (browser and Node). */
const BUILT_IN_RULES: BuiltIn[] = [
  {
    text: 'family:javascript error.type:"ChunkLoadError" -> chunkloaderror',
    matches: (p) => exceptionValuesOf(p).some((e) => isChunkLoadType(str(get(e, 'type')))),
    fingerprint: ['chunkloaderror'],
  },
  {
    text: 'family:javascript error.value:"ChunkLoadError*" -> chunkloaderror',
    matches: (p) => exceptionValuesOf(p).some((e) => isChunkLoadValue(str(get(e, 'value'))?.trim() ?? null)),
    fingerprint: ['chunkloaderror'],
  },
  ...HYDRATION_MESSAGES.map((message): BuiltIn => {
    const isMessage = ruleGlob(message, true);
    return {
      text: `family:javascript tags.transaction:"*" message:"${message}" -> hydrationerror, {{tags.transaction}}`,
      matches: (p) =>
        tagOf(p, 'transaction') !== null &&
        [logentryOf(p).formatted?.trim() ?? null, ...exceptionValuesOf(p).map((e) => str(get(e, 'value'))?.trim() ?? null)].some(isMessage),
      fingerprint: ['hydrationerror', '{{tags.transaction}}'],
    };
  }),
];

/** The event's client fingerprint: strings as sent, numbers and booleans as text (Relay), anything else dropped. */
function clientFingerprint(payload: unknown): string[] {
  const fp = get(payload, 'fingerprint');
  if (!Array.isArray(fp)) return [];
  return fp.flatMap((e) => (typeof e === 'string' ? [e] : typeof e === 'number' || typeof e === 'boolean' ? [String(e)] : []));
}

/** How Sentry groups the event: a built-in rule (it overrides the SDK's fingerprint), else the event's fingerprint
 * unless it is only `{{ default }}`, else the default grouping. */
export function groupingOf(payload: unknown): Grouping {
  if (isJs(str(get(payload, 'platform')))) {
    const rule = BUILT_IN_RULES.find((r) => r.matches(payload));
    if (rule) return { by: 'built-in rule', rule: rule.text, values: expandFingerprint(rule.fingerprint, payload) };
  }
  const custom = clientFingerprint(payload);
  const onlyDefault = custom.length === 1 && VARIABLE.exec(custom[0]!)?.[1] === 'default';
  if (custom.length && !onlyDefault) return { by: 'fingerprint', rule: null, values: expandFingerprint(custom, payload) };
  return defaultGrouping(payload);
}
