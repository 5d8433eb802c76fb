// The exit hook flushes once, whichever of SIGTERM/SIGINT/beforeExit comes first, and leaves the exit to whoever
// else handles the signal (here a stand-in listener, so the test process itself is not terminated).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configureServerAnalytics } from './client';
import { registerAnalyticsShutdown } from './shutdown';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('registerAnalyticsShutdown', () => {
  it('flushes the queue once on SIGTERM, not again at beforeExit, and registers only once per process', async () => {
    const analytics = configureServerAnalytics({});
    const shutdown = vi.spyOn(analytics, 'shutdown').mockResolvedValue(undefined);
    const before = process.listenerCount('SIGTERM');
    registerAnalyticsShutdown(100);
    registerAnalyticsShutdown(100);
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);

    const standIn = () => {};
    process.on('SIGTERM', standIn);
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => true);
    try {
      process.emit('SIGTERM', 'SIGTERM');
      process.emit('beforeExit', 0);
      await new Promise((r) => setTimeout(r, 0));
      expect(shutdown).toHaveBeenCalledTimes(1);
      expect(shutdown).toHaveBeenCalledWith(100);
      // Someone else (Next's server) handles SIGTERM: the hook does not re-raise it.
      expect(kill).not.toHaveBeenCalled();
    } finally {
      process.off('SIGTERM', standIn);
    }
  });
});
