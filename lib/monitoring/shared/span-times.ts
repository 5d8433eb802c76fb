// Span times as seconds since the epoch, whatever the instrumentation passed. Next.js times its
// `NextNodeServer.clientComponentLoading` span with `performance.now()` (milliseconds since the process started);
// the SDK takes any number below 1e10 for seconds, so it sends e.g. 11071.97 (11 s after start, measured 2026-12
// against a fresh `next start`) where the epoch is expected, and the span lands in 1970.
// Pure: shared by the browser, server and edge hooks (lib/monitoring/shared/before-send.ts).

/** Anything earlier (2001-09-09) is no epoch time an SDK of today sends: it is relative to the time origin. */
const EPOCH_FLOOR_S = 1e9;

function timeOriginS(): number | undefined {
  const origin = globalThis.performance?.timeOrigin;
  return typeof origin === 'number' && origin > EPOCH_FLOOR_S * 1000 ? origin / 1000 : undefined;
}

/** Moves times given in milliseconds since the process's time origin onto the epoch; other spans unchanged. */
export function epochSpanTimes<S extends object>(span: S, origin = timeOriginS()): S {
  if (origin === undefined) return span;
  const record = span as Record<string, unknown>;
  let changed = false;
  const out: Record<string, unknown> = { ...record };
  for (const key of ['start_timestamp', 'end_timestamp', 'timestamp']) {
    const v = record[key];
    if (typeof v === 'number' && v >= 0 && v < EPOCH_FLOOR_S) {
      out[key] = origin + v / 1000;
      changed = true;
    }
  }
  if (!changed) return span;
  const attributes = record.attributes;
  if (attributes && typeof attributes === 'object') out.attributes = { ...attributes, 'orbit.time_rebased': true };
  return out as S;
}
