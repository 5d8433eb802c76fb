// Privacy filters every Sentry payload passes through before it leaves the process (browser, server, edge).
// Each filter is a small named function over plain JSON so it is unit-testable without the SDK; `scrubDeep` runs
// the string filters over every string of an event, span or breadcrumb, and the key filters drop secrets by name.
// Fail closed: whatever cannot be scrubbed (an error, too deep, a cycle or a repeated reference, binary data) is
// replaced by [Filtered], never passed through. Request bodies and IPs are also off at the source
// (DATA_COLLECTION in before-send.ts); these filters are the second line.
// Only dependency-free imports: safe in the browser, the edge runtime and Node.
import { CARD_PATTERN, EMAIL_PATTERN, luhnValid, SECRET_FIELD_NAME } from '@/lib/privacy/patterns';

export const FILTERED = '[Filtered]';

/** someone@example.com → [email] (also URL-encoded, inside URLs, messages and stack values). */
export function scrubEmails(text: string): string {
  return text.replace(EMAIL_PATTERN, '[email]');
}

/** 13–19 digit card numbers (spaces or dashes allowed) that pass the Luhn check → [card]. */
export function scrubCardNumbers(text: string): string {
  return text.replace(CARD_PATTERN, (match) => (luhnValid(match.replace(/\D/g, '')) ? '[card]' : match));
}

/**
 * Bearer/Basic credentials, JWTs, API keys with well-known prefixes (Stripe sk_/rk_/whsec_, PostHog phx_, Sentry
 * sntrys_) and `token=`/`secret=`/`password=`-style query or form values → [token].
 */
export function scrubTokens(text: string): string {
  return text
    .replace(/\b(Bearer|Basic)\s+[\w.~+/=-]{8,}/gi, '$1 [token]')
    .replace(/\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/g, '[token]')
    .replace(/\b(?:sk|rk|pk)_(?:live|test)_[\w]{6,}|\bwhsec_[\w]{6,}|\bphx_[\w]{6,}|\bsntry[su]_[\w=]{6,}/g, '[token]')
    .replace(
      /([?&;\s]|^)((?:access_|refresh_|id_|session_|api_|auth_)?(?:token|key|secret|password|passwd|signature|code)=)[^&#\s]+/gi,
      `$1$2${FILTERED}`,
    );
}

/**
 * Values of secret fields inside serialized bodies: multipart parts, JSON members and form pairs whose name is a
 * password, card, email or name field (lib/privacy/patterns.ts) → [Filtered]. A request body that reaches a
 * payload despite DATA_COLLECTION loses every such value.
 */
export function scrubBodyFields(text: string): string {
  if (!/[=:"]|form-data/i.test(text)) return text;
  return (
    text
      // multipart/form-data: every part's value, whatever its name (a body is never needed to debug).
      .replace(/(Content-Disposition:\s*form-data;[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n)[\s\S]*?(?=\r?\n--)/gi, `$1${FILTERED}`)
      // JSON members: "password": "…" | 123 | true.
      .replace(/"([^"\\]{1,64})"(\s*:\s*)(?:"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false)/g, (m, key: string, colon: string) =>
        SECRET_FIELD_NAME.test(key) ? `"${key}"${colon}"${FILTERED}"` : m,
      )
      // application/x-www-form-urlencoded and query strings: password=…&1_email=…
      .replace(/(^|[?&;\s])([\w$.[\]%-]{1,64})=([^&#\s]*)/g, (m, sep: string, key: string) =>
        SECRET_FIELD_NAME.test(safeDecode(key)) ? `${sep}${key}=${FILTERED}` : m,
      )
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Keys whose values are secrets whatever they contain (headers, cookies, form fields, span attributes). */
const SECRET_KEY =
  /^(?:authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-auth-token|x-csrf-token|password|passwd|secret|token|api[_-]?key|access[_-]?token|refresh[_-]?token|card(?:[_-]?number)?|cvc|cvv|stripe-signature|http\.request\.header\.(?:authorization|cookie)|http\.response\.header\.set[_-]cookie)$/i;

/** Request and response bodies, wherever an SDK or integration put them. */
const BODY_KEY = /^(?:http\.(?:request|response)\.body\.data|request_body|response_body|body\.data)$/i;

/** Client IP addresses: the SDK's user/span attributes and the proxy headers that carry them. */
const IP_KEY =
  /(?:^|[._-])(?:ip_address|client\.address|network\.peer\.address|remote_addr|x-forwarded-for|x-real-ip|cf-connecting-ip|true-client-ip|x-client-ip|fastly-client-ip|x-cluster-client-ip|forwarded)$/i;

function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) || BODY_KEY.test(key) || IP_KEY.test(key) || /(?:^|[._-])(password|secret|authorization|cookie)(?:$|[._-])/i.test(key);
}

/** Cookies: the whole `cookies` object and any `cookie`/`set-cookie` header are dropped, not just their values. */
export function scrubCookies<T extends { request?: { cookies?: unknown; headers?: Record<string, unknown> } }>(event: T): T {
  if (!event.request) return event;
  const { cookies: _cookies, ...request } = event.request;
  void _cookies;
  if (request.headers) request.headers = dropKeys(request.headers, /^(cookie|set-cookie)$/i);
  return { ...event, request };
}

/** Authorization / API-key headers on the request and on breadcrumb data. */
export function scrubAuthHeaders<T extends { request?: { headers?: Record<string, unknown> } }>(event: T): T {
  if (!event.request?.headers) return event;
  return { ...event, request: { ...event.request, headers: dropKeys(event.request.headers, /^(authorization|proxy-authorization|x-api-key|x-auth-token)$/i) } };
}

/** The request body (`request.data`) and the client IP (`user.ip_address`) of an error or transaction event. */
function scrubRequestBodyAndIp<T extends { request?: { data?: unknown }; user?: Record<string, unknown> }>(event: T): T {
  let out = event;
  if (event.request && 'data' in event.request) out = { ...out, request: { ...event.request, data: FILTERED } };
  if (event.user && 'ip_address' in event.user) {
    const { ip_address: _ip, ...user } = event.user;
    void _ip;
    out = { ...out, user };
  }
  return out;
}

function dropKeys(record: Record<string, unknown>, pattern: RegExp): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !pattern.test(k)));
}

/** All string filters in one pass; a filter that throws leaves [Filtered], never the original. */
export function scrubString(text: string): string {
  try {
    return scrubTokens(scrubCardNumbers(scrubEmails(scrubBodyFields(text))));
  } catch {
    return FILTERED;
  }
}

/** Deeper than any event, span or breadcrumb Orbit sends: whatever lies below is [Filtered]. */
export const MAX_SCRUB_DEPTH = 12;
/** Objects and arrays walked per payload; past it the rest is [Filtered] (a hostile payload cannot hang us). */
export const MAX_SCRUB_NODES = 50_000;

/**
 * Walks any JSON value and returns a scrubbed copy: secret-named keys become [Filtered], every string goes through
 * the string filters. Fails closed: a value that throws while read, lies deeper than MAX_SCRUB_DEPTH, is met a
 * second time (a cycle or a repeated reference), is binary, or comes after MAX_SCRUB_NODES becomes [Filtered].
 */
export function scrubDeep<T>(value: T): T {
  return walk(value, 0, { seen: new WeakSet(), left: MAX_SCRUB_NODES }) as T;
}

type WalkState = { seen: WeakSet<object>; left: number };

function walk(value: unknown, depth: number, state: WalkState): unknown {
  try {
    if (typeof value === 'string') return scrubString(value);
    if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return value;
    if (typeof value !== 'object') return FILTERED; // bigint, symbol, function: nothing JSON should carry
    if (depth > MAX_SCRUB_DEPTH || state.seen.has(value) || --state.left < 0) return FILTERED;
    state.seen.add(value);
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? FILTERED : value.toISOString();
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return FILTERED;
    if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1, state));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      try {
        const v = (value as Record<string, unknown>)[key];
        if (isSecretKey(key) && v !== undefined && v !== null) {
          // Streamed span attributes are `{ type, value }`: keep the shape, drop the value.
          out[key] = isTypedAttribute(v) ? { type: 'string', value: FILTERED } : FILTERED;
        } else {
          out[key] = walk(v, depth + 1, state);
        }
      } catch {
        out[key] = FILTERED;
      }
    }
    return out;
  } catch {
    return FILTERED;
  }
}

function isTypedAttribute(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'type' in v && 'value' in v && Object.keys(v).length <= 3;
}

type Scrubbable = {
  request?: { cookies?: unknown; headers?: Record<string, unknown>; data?: unknown };
  user?: Record<string, unknown>;
  sdkProcessingMetadata?: Record<string, unknown>;
};

/**
 * The full chain for an error or transaction event: structural filters first, then every string. Throws when the
 * event cannot be scrubbed as a whole (the hooks then drop it).
 */
export function scrubEvent<T extends Scrubbable>(event: T): T {
  // The SDK's own bookkeeping (scopes, the client) is never serialized (the envelope deletes it), except the
  // dynamic sampling context, which becomes the envelope header's `trace`: only that is scrubbed, the rest kept
  // as is so the walk neither copies the SDK's object graph nor spends the node budget on it.
  const { sdkProcessingMetadata: meta, ...rest } = event;
  const out = scrubDeep(scrubRequestBodyAndIp(scrubAuthHeaders(scrubCookies(rest as unknown as T))));
  if (!out || typeof out !== 'object') throw new Error('event could not be scrubbed');
  if (meta && typeof meta === 'object') {
    const dsc = meta.dynamicSamplingContext === undefined ? undefined : scrubDeep(meta.dynamicSamplingContext);
    (out as unknown as { sdkProcessingMetadata?: unknown }).sdkProcessingMetadata = { ...meta, normalizedRequest: undefined, dynamicSamplingContext: dsc };
  }
  return out;
}
