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

export function RelativeTime({ date, className = '' }: { date: string | number; className?: string }) {
  const now = useNow(5000);
  const d = new Date(date);
  return (
    <time dateTime={d.toISOString()} title={d.toString()} className={className} suppressHydrationWarning>
      {now === null ? clockTime(d) : relativeTime(d, now)}
    </time>
  );
}

export function ClockTime({ date, className = '' }: { date: string | number; className?: string }) {
  const d = new Date(date);
  return (
    <time dateTime={d.toISOString()} title={d.toString()} className={`tabular-nums ${className}`} suppressHydrationWarning>
      {clockTime(d)}
    </time>
  );
}
