// Small readers for the untyped JSON the SDKs send (event properties, Sentry payloads), shared by the collector and
// the views; the row shapes themselves are in lib/inbox/rows.ts.
import type { Json } from '@/lib/inbox/rows';

export const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
export const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const get = (o: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((cur, key) => (isObject(cur) ? cur[key] : undefined), o);

/** The last instant a JavaScript Date holds: past it, `new Date(ms).toISOString()` throws. */
const MAX_DATE_MS = 8.64e15;

/** Epoch milliseconds that make a valid date (an SDK may send any finite number), else null. */
export const dateMs = (v: unknown): number | null => {
  const ms = num(v);
  return ms !== null && Math.abs(ms) <= MAX_DATE_MS ? ms : null;
};
