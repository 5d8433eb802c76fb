// Flushing at the end of a request without delaying it: Next's `after()` runs the flush once the response is
// sent (and keeps a serverless function alive until it is done). Outside a request scope — unit tests, scripts —
// `after()` throws; the flush then runs on the next macrotask instead, still off the caller's path.
import 'server-only';
import { after } from 'next/server';
import { serverAnalytics } from './client';

export function flushAfterResponse(pending?: Promise<unknown>): void {
  const analytics = serverAnalytics();
  if (!analytics.active) return;
  const run = async () => {
    await pending;
    await analytics.flush();
  };
  try {
    after(run);
  } catch {
    setTimeout(() => void run(), 0);
  }
}
