// What the build holds besides the product: the routes of the local inbox, the debug error surface and the
// benchmark. Their code lives outside the product's folders (lib/inbox, debug/, bench/server); their routes are in
// app/ because Next finds routes nowhere else. Each is off unless its switch is on, and off means 404 however the
// caller arrives (page, route handler, server action). This table is the one place that says which exist and what
// turns them on (docs/architecture.md, "Layout rules").
import 'server-only';
import { notFound } from 'next/navigation';
import { env, localInbox } from '@/lib/env';

export type DevSurface = 'inbox' | 'debug-errors' | 'bench';

const SWITCHES: Record<DevSurface, () => boolean> = {
  // Local mode (lib/local-mode.ts): /dev/inbox, /api/dev/inbox/*, and the collector behind /ingest and /sentry.
  inbox: () => localInbox,
  // Local mode: /dev/errors, /api/dev/boom, the dev.boom server action. /api/edge/ping?boom=1 applies the same rule
  // through lib/local-mode.ts itself: the edge runtime does not load lib/env.ts.
  'debug-errors': () => localInbox,
  // BENCH_NAIVE_ANALYTICS=1 (npm run bench only): POST /api/bench/naive-tasks/[id].
  bench: () => env.BENCH_NAIVE_ANALYTICS === true,
};

export function devSurfaceEnabled(surface: DevSurface): boolean {
  return SWITCHES[surface]();
}

/** For pages and route handlers: Next's 404 unless `surface` is on. */
export function requireDevSurface(surface: DevSurface): void {
  if (!devSurfaceEnabled(surface)) notFound();
}
