// Delivering what is still queued when the process ends. Requests already flush after their response (after());
// this covers the rest: the interval's leftovers on SIGTERM/SIGINT (deploys, scale-down) and a script's natural
// end (beforeExit). Registered once per process from instrumentation.ts; never keeps the process alive longer than
// the timeout, and never swallows the signal: when nobody else handles it (Next's `next start` does, and exits
// after its own cleanup), it is re-raised so the default exit happens.
import 'server-only';
import { serverAnalytics } from './client';

const REGISTERED = Symbol.for('orbit.serverAnalytics.shutdownRegistered');
type Slot = { [REGISTERED]?: boolean };

export function registerAnalyticsShutdown(timeoutMs = 2_000): void {
  const slot = globalThis as Slot;
  if (slot[REGISTERED]) return;
  slot[REGISTERED] = true;

  let done = false;
  const flushOnce = () => {
    if (done) return Promise.resolve();
    done = true;
    return serverAnalytics().shutdown(timeoutMs);
  };

  process.once('beforeExit', () => void flushOnce());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const onSignal = () => {
      const othersHandleIt = process.listenerCount(signal) > 0;
      void flushOnce().finally(() => {
        if (!othersHandleIt) process.kill(process.pid, signal);
      });
    };
    process.once(signal, onSignal);
  }
}
