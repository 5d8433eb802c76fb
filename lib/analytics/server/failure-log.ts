// PostHog being down is one problem, not one log line per failed request: the first failure of a burst is logged,
// the next ones within the interval are counted and summed up in the next line.
import 'server-only';

const FAILURE_LOG_INTERVAL_MS = 60_000;

export class FailureLog {
  private sinceLog = 0;
  private lastLog = Number.NEGATIVE_INFINITY;

  /** @param queue what the line says about the queue right now */
  constructor(private readonly queue: () => { queued: number; maxQueue: number }) {}

  record(reason: string): void {
    this.sinceLog++;
    const now = Date.now();
    if (now - this.lastLog < FAILURE_LOG_INTERVAL_MS) return;
    this.lastLog = now;
    const { queued, maxQueue } = this.queue();
    console.warn(
      `[analytics] PostHog delivery failed (${this.sinceLog} failure(s) in this burst; ${queued} event(s) queued, the oldest are dropped past ${maxQueue}): ${reason}`,
    );
    this.sinceLog = 0;
  }
}
