// posthog-js compresses parts of rrweb events before sending them (`cv: '2024-10'`): full snapshots' `data` and
// mutations' / style-sheet rules' fields become gzip bytes carried as latin1 strings. This restores plain rrweb
// events a player can replay. Anything that does not decode is kept as sent; only a request that inflates past
// its decompression budget is rejected (413).
import 'server-only';
import { inflate, isBudgetExceeded, type DecompressionBudget } from './decode';

export type RrwebEvent = Record<string, unknown> & { type?: unknown; timestamp?: unknown; data?: unknown };

const FULL_SNAPSHOT = 2;
const INCREMENTAL_SNAPSHOT = 3;
const SOURCE_MUTATION = 0;
const SOURCE_STYLESHEET_RULE = 8;

function gunzipLatin1(value: unknown, budget: DecompressionBudget): unknown {
  if (typeof value !== 'string') return value;
  const bytes = Buffer.from(value, 'latin1');
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return value;
  return JSON.parse(Buffer.from(inflate(bytes, 'gzip', budget, 'recording data')).toString('utf8')) as unknown;
}

function decompressRrwebEvent(event: RrwebEvent, budget: DecompressionBudget): RrwebEvent {
  if (event.cv !== '2024-10') return event;
  const { cv: _cv, ...rest } = event;
  try {
    if (rest.type === FULL_SNAPSHOT) return { ...rest, data: gunzipLatin1(rest.data, budget) };
    if (rest.type === INCREMENTAL_SNAPSHOT && rest.data && typeof rest.data === 'object') {
      const data = rest.data as Record<string, unknown>;
      const fields =
        data.source === SOURCE_MUTATION
          ? ['texts', 'attributes', 'removes', 'adds']
          : data.source === SOURCE_STYLESHEET_RULE
            ? ['adds', 'removes']
            : [];
      const out: Record<string, unknown> = { ...data };
      for (const f of fields) if (f in out && out[f] !== undefined) out[f] = gunzipLatin1(out[f], budget);
      return { ...rest, data: out };
    }
    return rest;
  } catch (error) {
    if (isBudgetExceeded(error)) throw error;
    return event;
  }
}

/**
 * `$snapshot_data` as sent: an array of (possibly compressed) rrweb events, a single event, or — from old
 * SDKs — one gzip latin1 string of the array.
 */
export function snapshotEvents(snapshotData: unknown, budget: DecompressionBudget): RrwebEvent[] {
  let data = snapshotData;
  if (typeof data === 'string') {
    try {
      data = gunzipLatin1(data, budget);
    } catch (error) {
      if (isBudgetExceeded(error)) throw error;
      return [];
    }
  }
  const list = Array.isArray(data) ? data : data && typeof data === 'object' ? [data] : [];
  return list
    .filter((e): e is RrwebEvent => !!e && typeof e === 'object' && !Array.isArray(e))
    .map((e) => decompressRrwebEvent(e, budget));
}

export function rrwebTimestamp(e: RrwebEvent): number | null {
  return typeof e.timestamp === 'number' && Number.isFinite(e.timestamp) ? e.timestamp : null;
}
