// The local-only "break it on purpose" surface (/dev/errors, /api/dev/boom, /api/edge/ping?boom=1): real error
// paths for the end-to-end tests and for trying Sentry locally. Every entry 404s unless the local inbox is on, so
// it is unreachable in production with keys set.
import 'server-only';
import { notFound } from 'next/navigation';
import { localInbox } from '@/lib/env';

export type DebugKind = 'server-component' | 'server-action' | 'route-handler';

/** Whether the surface exists in this process (local mode; LOCAL_INBOX=1 is the explicit switch). */
export function debugSurfaceEnabled(): boolean {
  return localInbox;
}

export function requireDebugSurface(): void {
  if (!debugSurfaceEnabled()) notFound();
}

export function debugError(kind: DebugKind | 'edge-route', marker = ''): Error {
  return new Error(`Orbit debug: ${kind} error${marker ? ` ${marker}` : ''}`);
}
