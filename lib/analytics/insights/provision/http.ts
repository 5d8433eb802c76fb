// A small JSON client for the PostHog and Sentry REST APIs: bearer auth, bounded time, errors that say which call
// failed and what the API answered (never the token).
import { z } from 'zod';

export type Fetch = typeof fetch;

/** A failed call to a vendor API (PostHog, Sentry); not the browser's ApiError (lib/api-client.ts) for Orbit's own API. */
class VendorApiError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${url} → ${status}: ${body.slice(0, 500)}`);
    this.name = 'VendorApiError';
  }
}

export type ApiClient = {
  base: string;
  request: <T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, schema: z.ZodType<T>, body?: unknown) => Promise<T>;
};

export function apiClient({ base, token, fetch: fetchImpl = fetch, timeoutMs = 20_000 }: { base: string; token: string; fetch?: Fetch; timeoutMs?: number }): ApiClient {
  const root = base.replace(/\/+$/, '');
  return {
    base: root,
    async request(method, path, schema, body) {
      const url = /^https?:\/\//.test(path) ? path : `${root}${path}`;
      const res = await fetchImpl(url, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      const text = await res.text();
      if (!res.ok) throw new VendorApiError(method, url, res.status, text);
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        throw new VendorApiError(method, url, res.status, `not JSON: ${text.slice(0, 200)}`);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new VendorApiError(method, url, res.status, `unexpected answer: ${z.prettifyError(parsed.error)}`);
      return parsed.data;
    },
  };
}

/** Whether every field of `want` is in `have` with the same value (arrays: same length, element by element). */
export function isSubset(want: unknown, have: unknown): boolean {
  if (want === have) return true;
  if (Array.isArray(want)) return Array.isArray(have) && want.length === have.length && want.every((w, i) => isSubset(w, have[i]));
  if (want && typeof want === 'object') {
    if (!have || typeof have !== 'object' || Array.isArray(have)) return false;
    return Object.entries(want).every(([k, v]) => (v === undefined ? true : isSubset(v, (have as Record<string, unknown>)[k])));
  }
  // APIs may answer numbers as strings and back (ids, thresholds).
  if ((typeof want === 'number' || typeof want === 'string') && (typeof have === 'number' || typeof have === 'string')) return String(want) === String(have);
  return want === null && have === undefined;
}
