// Node warns (MaxListenersExceededWarning) once an emitter has more than 10 listeners for one event, as a hint of
// a leak. A response to a server action or a streamed page legitimately carries about that many 'close' listeners,
// all added for that one request and released with it: Next.js adds 8 (three abort signals, the compression
// release, after(), fetch metrics, two stream writers) and Sentry's HTTP server subscription 2 (request session,
// response context). Measured in the e2e funnel: 10 on a server action's response, exactly Node's limit, so one
// more per-request listener on a production path warns on every such response. Orbit adds none itself.
// So every response gets a higher limit (request-hook.ts). A real leak still trips it: a leak grows without bound,
// this set does not.
export const RESPONSE_MAX_LISTENERS = 30;

type Emitter = { getMaxListeners?: () => number; setMaxListeners?: (n: number) => unknown };

/** Lets a response carry RESPONSE_MAX_LISTENERS listeners (request-hook.ts, Node runtime only). */
export function raiseListenerLimit(res: Emitter | undefined): void {
  if (res?.setMaxListeners && (res.getMaxListeners?.() ?? 0) < RESPONSE_MAX_LISTENERS) res.setMaxListeners(RESPONSE_MAX_LISTENERS);
}
