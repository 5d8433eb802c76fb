// Delivering what is still queued when the process ends. Requests already flush after their response (after());
// this covers the rest: the interval's leftovers on SIGTERM/SIGINT (deploys, scale-down) and a script's natural
// end (beforeExit). Registered once per process from instrumentation.ts.
//
// `next start` has its own SIGTERM/SIGINT listener: it closes the server and calls process.exit() a few
// milliseconds later, without waiting for anyone else, so a flush started in parallel was cut off and its events
// lost. While the flush runs, process.exit() is therefore held back (never longer than the timeout): Next's exit
// happens right after the last event is acknowledged. When nobody else handles the signal, it is re-raised after
// the flush so the default exit happens.
import 'server-only';
import { serverAnalytics } from './client';

const REGISTERED = Symbol.for('orbit.serverAnalytics.shutdownRegistered');
type Slot = { [REGISTERED]?: boolean };

/** Well under the 1 s a restart should take; a healthy PostHog acknowledges a batch in tens of milliseconds. */
const SHUTDOWN_FLUSH_TIMEOUT_MS = 800;

export function registerAnalyticsShutdown(timeoutMs = SHUTDOWN_FLUSH_TIMEOUT_MS): void {
  const slot = globalThis as Slot;
  if (slot[REGISTERED]) return;
  slot[REGISTERED] = true;

  let flushing: Promise<void> | null = null;
  const flushOnce = () => (flushing ??= serverAnalytics().shutdown(timeoutMs).catch(() => {}));

  process.once('beforeExit', () => void flushOnce());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const onSignal = () => {
      const othersHandleIt = process.listenerCount(signal) > 0;
      const flushed = flushOnce();
      if (othersHandleIt) holdExitUntil(flushed, timeoutMs);
      void flushed.finally(() => {
        if (!othersHandleIt) process.kill(process.pid, signal);
      });
    };
    process.once(signal, onSignal);
  }
}

/** Defers process.exit() calls until `done` settles (at most `timeoutMs` plus a margin), then exits as asked. */
function holdExitUntil(done: Promise<void>, timeoutMs: number): void {
  const exit = process.exit.bind(process);
  let released = false;
  const deadline = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs + 100).unref());
  const ready = Promise.race([done, deadline]).then(() => {
    released = true;
  });
  process.exit = ((code?: number | string | null) => {
    if (released) return exit(code);
    void ready.then(() => exit(code));
    return undefined as never;
  }) as typeof process.exit;
}
