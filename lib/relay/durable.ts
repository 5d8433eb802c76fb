// Store-and-forward for capture requests: relay as usual, and when the upstream refuses, resets, times out, cools
// down or answers 5xx/429, keep the request in the database (queue.ts) and answer the SDK the success it expects, so
// neither posthog-js (retry queue in page memory, dropped at unload) nor Sentry's transport (no queue) loses it. The
// forwarder (forwarder.ts) sends it later. Only the callers' capture endpoints come here; config, flags and SDK files
// fail as before.
import 'server-only';
import { AppError } from '@/lib/server/errors';
import { currentRelayForwarder } from './forwarder';
import { storeRequest, type Destination } from './queue';
import { outgoingHeaders, relay, type RelayOptions } from './relay';

/** The relay's own failures that mean "the upstream cannot take it now". */
const UPSTREAM_DOWN = new Set(['upstream_timeout', 'upstream_unreachable', 'upstream_unavailable']);

/** Upstream answers worth a later try: overloaded, rate limited, or failing. */
const isRetryableStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500;

let storeFailureLogged = false;

export type Stored = { destination: Destination; path: string; accepted: () => Response };

/**
 * relay(), and on an upstream failure the request stored for later with `accepted()` as the answer. When the store
 * itself fails (the database is down) the SDK gets the gateway error, so it keeps the request and retries on its own.
 */
export async function relayOrStore(from: Request, target: URL, options: RelayOptions & { body: Uint8Array }, stored: Stored): Promise<Response> {
  let failure: AppError;
  try {
    const res = await relay(from, target, options);
    if (!isRetryableStatus(res.status)) {
      currentRelayForwarder()?.noteUp(stored.destination);
      return res;
    }
    await res.body?.cancel().catch(() => undefined);
    failure = new AppError('upstream_unavailable', `${target.host} answered ${res.status}.`);
  } catch (error) {
    if (!(error instanceof AppError) || !UPSTREAM_DOWN.has(error.code)) throw error;
    failure = error;
  }
  const headers = Object.fromEntries(outgoingHeaders(from, options).entries());
  try {
    const dropped = await storeRequest({ destination: stored.destination, path: stored.path, headers, body: options.body });
    if (dropped) currentRelayForwarder()?.noteDropped(dropped);
  } catch (error) {
    if (!storeFailureLogged) console.error('[relay] could not store a request for later delivery', error instanceof Error ? error.message : String(error));
    storeFailureLogged = true;
    throw failure;
  }
  currentRelayForwarder()?.kick(stored.destination);
  return stored.accepted();
}
