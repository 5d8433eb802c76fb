// The "break it on purpose" surface (/dev/errors, /api/dev/boom, /api/edge/ping?boom=1): real error paths for the
// end-to-end tests and for trying Sentry locally. Not product code: every entry is gated by lib/dev-surfaces.ts
// ('debug-errors', local mode only), so it is unreachable in production with keys set.
import 'server-only';

export type DebugKind = 'server-component' | 'server-action' | 'route-handler';

export function debugError(kind: DebugKind | 'edge-route', marker = ''): Error {
  return new Error(`Orbit debug: ${kind} error${marker ? ` ${marker}` : ''}`);
}
