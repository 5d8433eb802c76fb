// Privacy filters every Sentry payload passes through before it leaves the process (browser, server, edge).
// Each filter is a small named function over plain JSON so it is unit-testable without the SDK; `scrubDeep` runs
// the string filters over every string of an event, span or breadcrumb, and the key filters drop secrets by name.
// Only dependency-free imports: safe in the browser, the edge runtime and Node.
import { CARD_PATTERN, EMAIL_PATTERN, luhnValid } from '@/lib/privacy/patterns';

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

/** Keys whose values are secrets whatever they contain (headers, cookies, form fields, span attributes). */
const SECRET_KEY =
  /^(?:authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-auth-token|x-csrf-token|password|passwd|secret|token|api[_-]?key|access[_-]?token|refresh[_-]?token|card(?:[_-]?number)?|cvc|cvv|stripe-signature|http\.request\.header\.(?:authorization|cookie)|http\.response\.header\.set[_-]cookie)$/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) || /(?:^|[._-])(password|secret|authorization|cookie)(?:$|[._-])/i.test(key);
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

function dropKeys(record: Record<string, unknown>, pattern: RegExp): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !pattern.test(k)));
}

/** All string filters in one pass. */
export function scrubString(text: string): string {
  return scrubTokens(scrubCardNumbers(scrubEmails(text)));
}

/**
 * Walks any JSON value: secret-named keys become [Filtered], every string goes through the string filters.
 * Depth-bounded and cycle-safe, so a hostile payload cannot hang the process.
 */
export function scrubDeep<T>(value: T, depth = 0, seen: WeakSet<object> = new WeakSet()): T {
  if (typeof value === 'string') return scrubString(value) as T;
  if (value === null || typeof value !== 'object' || depth > 12) return value;
  if (seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1, seen)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (isSecretKey(key) && v !== undefined && v !== null) {
      // Streamed span attributes are `{ type, value }`: keep the shape, drop the value.
      out[key] = isTypedAttribute(v) ? { type: 'string', value: FILTERED } : FILTERED;
    } else {
      out[key] = scrubDeep(v, depth + 1, seen);
    }
  }
  return out as T;
}

function isTypedAttribute(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'type' in v && 'value' in v && Object.keys(v).length <= 3;
}

type Scrubbable = { request?: { cookies?: unknown; headers?: Record<string, unknown> } };

/** The full chain for an error or transaction event: structural filters first, then every string. */
export function scrubEvent<T extends Scrubbable>(event: T): T {
  return scrubDeep(scrubAuthHeaders(scrubCookies(event)));
}
