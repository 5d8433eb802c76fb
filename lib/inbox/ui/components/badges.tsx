// Small labels the inbox uses everywhere: where something came from, how bad it is.
import type { ReactNode } from 'react';

const SOURCE = {
  web: 'bg-sky-50 text-sky-700 ring-sky-600/20',
  browser: 'bg-sky-50 text-sky-700 ring-sky-600/20',
  server: 'bg-violet-50 text-violet-700 ring-violet-600/20',
  sentry: 'bg-rose-50 text-rose-700 ring-rose-600/20',
} as const;

export function SourceBadge({ source }: { source: keyof typeof SOURCE }) {
  return (
    <span className={`inline-flex items-center rounded px-1.5 py-0.5 font-mono text-[10px] font-semibold uppercase tracking-wide ring-1 ring-inset ${SOURCE[source]}`}>
      {source}
    </span>
  );
}

const LEVEL: Record<string, string> = {
  fatal: 'bg-red-600 text-white',
  error: 'bg-red-100 text-red-800',
  warning: 'bg-amber-100 text-amber-800',
  info: 'bg-slate-100 text-slate-700',
  debug: 'bg-slate-100 text-slate-600',
};

export function LevelBadge({ level }: { level: string }) {
  return (
    <span className={`inline-flex rounded px-1.5 py-0.5 text-[10px] font-semibold uppercase tracking-wide ${LEVEL[level] ?? LEVEL.info}`}>
      {level}
    </span>
  );
}

export function Pill({ children, tone = 'slate', title }: { children: ReactNode; tone?: 'slate' | 'brand' | 'amber' | 'red' | 'green'; title?: string }) {
  const tones = {
    slate: 'bg-slate-100 text-slate-700',
    brand: 'bg-brand-50 text-brand-700',
    amber: 'bg-amber-50 text-amber-800',
    red: 'bg-red-50 text-red-700',
    green: 'bg-emerald-50 text-emerald-700',
  } as const;
  return (
    <span title={title} className={`inline-flex max-w-full items-center gap-1 truncate rounded-full px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>
      {children}
    </span>
  );
}

/** The name of a PostHog event, with PostHog's own `$` events set apart from the product's. */
export function EventName({ event }: { event: string }) {
  const builtin = event.startsWith('$');
  return (
    <span className={`font-mono text-[13px] font-medium ${builtin ? 'text-slate-600' : 'text-slate-900'}`}>
      {builtin ? <span className="text-slate-500">$</span> : null}
      {builtin ? event.slice(1) : event}
    </span>
  );
}
