'use client';
// Times that stay true while the page is open: "12s ago" ticks on, the exact time is in the tooltip.
import { useEffect, useState } from 'react';
import { clockTime, relativeTime } from '@/lib/inbox/ui/format';

function useNow(intervalMs: number): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const id = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [intervalMs]);
  return now;
}

/**
 * A time as the page shows it: null when it is not one Date can hold (NaN, beyond ±8.64e15 ms). Many inbox times are
 * read from payloads as their sender wrote them, and `toISOString()` throws on those: the time is left out instead.
 */
function validDate(date: string | number): Date | null {
  const d = new Date(date);
  return Number.isNaN(d.getTime()) ? null : d;
}

const NO_TIME = <span className="text-slate-400">—</span>;

export function RelativeTime({ date, className = '' }: { date: string | number; className?: string }) {
  const now = useNow(5000);
  const d = validDate(date);
  if (!d) return NO_TIME;
  return (
    <time dateTime={d.toISOString()} title={d.toString()} className={className} suppressHydrationWarning>
      {now === null ? clockTime(d) : relativeTime(d, now)}
    </time>
  );
}

export function ClockTime({ date, className = '' }: { date: string | number; className?: string }) {
  const d = validDate(date);
  if (!d) return NO_TIME;
  return (
    <time dateTime={d.toISOString()} title={d.toString()} className={`tabular-nums ${className}`} suppressHydrationWarning>
      {clockTime(d)}
    </time>
  );
}
