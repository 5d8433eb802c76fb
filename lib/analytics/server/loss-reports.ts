// The server analytics client reporting its own losses: events evicted from the full queue, events refused by
// catalog validation and flag evaluations that fell back to the code defaults, as one aggregated event per kind
// and interval (`analytics.events_dropped`, `flags.fallback_used`). The reports are taken by a flush, never by the
// code path that lost the event, so a loss cannot recurse into more losses; and only when the queue has room for
// them, so a report never evicts a product event to announce an eviction.
import 'server-only';
import type { EventProperties } from '@/lib/analytics/catalog';

export type FlagFallbackReason = EventProperties<'flags.fallback_used'>['reason'];

export type LossReport =
  | { event: 'analytics.events_dropped'; properties: EventProperties<'analytics.events_dropped'> }
  | { event: 'flags.fallback_used'; properties: EventProperties<'flags.fallback_used'> };

const REPORT_INTERVAL_MS = 60_000;

export class LossReports {
  private overflow = 0;
  private invalid = 0;
  private flagFallbacks = new Map<FlagFallbackReason, number>();
  private windowStart = Date.now();
  private lastReport = Number.NEGATIVE_INFINITY;

  constructor(private readonly intervalMs = REPORT_INTERVAL_MS) {}

  noteOverflow(): void {
    this.overflow++;
  }

  noteInvalid(): void {
    this.invalid++;
  }

  noteFlagFallback(reason: FlagFallbackReason): void {
    this.flagFallbacks.set(reason, (this.flagFallbacks.get(reason) ?? 0) + 1);
  }

  /** The reports due now if all of them fit in `room` queue slots (none otherwise); taking them starts a new window. */
  take(room: number): LossReport[] {
    const { overflow, invalid, flagFallbacks } = this;
    if (overflow === 0 && invalid === 0 && flagFallbacks.size === 0) return [];
    const now = Date.now();
    if (now - this.lastReport < this.intervalMs) return [];
    const window_s = Math.round((now - this.windowStart) / 100) / 10;
    const reports: LossReport[] = [];
    if (overflow > 0 || invalid > 0) reports.push({ event: 'analytics.events_dropped', properties: { queue_overflow: overflow, invalid, window_s } });
    for (const [reason, count] of flagFallbacks) reports.push({ event: 'flags.fallback_used', properties: { reason, count, window_s } });
    if (reports.length > room) return [];
    this.overflow = 0;
    this.invalid = 0;
    this.flagFallbacks = new Map();
    this.windowStart = now;
    this.lastReport = now;
    return reports;
  }
}
