'use client';
// One PostHog event in full: who, when, where, its event-health findings with the failing paths highlighted, and
// its properties — the product's own first, the SDK's after.
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { eventSummary, splitProperties } from '@/lib/inbox/ui/event-summary';
import { eventPath } from '@/lib/inbox/ui/funnel';
import type { HealthReport, HealthWarningRow, InboxEventRow } from '@/lib/inbox/rows';
import { EventName, SourceBadge } from './badges';
import { JsonBlock } from './json-view';
import { ClockTime } from './time';

export function EventDetail({ event: e }: { event: InboxEventRow }) {
  const { custom, sdk } = splitProperties(e.properties);
  const path = eventPath(e.properties);
  const person = `/dev/inbox/persons/${encodeURIComponent(e.distinct_id)}`;
  const customCount = Object.keys(custom).length;
  const warnings = useEventWarnings(e.id);
  const marks = (warnings ?? []).flatMap((w) => (w.path?.startsWith('properties.') ? [w.path.slice('properties.'.length)] : []));
  const sdkMarked = marks.some((m) => m.startsWith('$'));
  return (
    <article className="rounded-xl bg-white shadow-soft ring-1 ring-slate-200/80" data-testid="event-detail">
      <header className="border-b border-slate-100 px-4 py-3">
        <div className="flex items-center gap-2">
          <SourceBadge source={e.source} />
          <h2 className="truncate text-base">
            <EventName event={e.event} />
          </h2>
        </div>
        <p className="mt-1 truncate text-xs text-slate-600">{eventSummary(e.event, e.properties)}</p>
      </header>
      <dl className="grid grid-cols-[6.5rem_1fr] gap-x-3 gap-y-1.5 px-4 py-3 text-xs">
        <dt className="text-slate-600">Time</dt>
        <dd className="font-mono">
          <ClockTime date={e.timestamp} /> <span className="text-slate-500">{new Date(e.timestamp).toISOString().slice(0, 10)}</span>
        </dd>
        <dt className="text-slate-600">Person</dt>
        <dd className="truncate font-mono">
          <Link href={person} className="text-brand-700 hover:underline">
            {e.distinct_id}
          </Link>
        </dd>
        <dt className="text-slate-600">Session</dt>
        <dd className="truncate font-mono">
          {e.session_id ? (
            <span className="flex gap-2">
              <Link href={`/dev/inbox?session_id=${encodeURIComponent(e.session_id)}`} className="truncate text-brand-700 hover:underline">
                {e.session_id}
              </Link>
              <Link href={`/dev/inbox/recordings/${encodeURIComponent(e.session_id)}`} className="shrink-0 text-slate-600 hover:text-brand-700">
                ▶ replay
              </Link>
            </span>
          ) : (
            <span className="text-slate-500">none (server event)</span>
          )}
        </dd>
        {path ? (
          <>
            <dt className="text-slate-600">Page</dt>
            <dd className="truncate font-mono">{path}</dd>
          </>
        ) : null}
        <dt className="text-slate-600">UUID</dt>
        <dd className="truncate font-mono text-slate-600">{e.uuid}</dd>
      </dl>
      {warnings?.length ? <EventWarnings warnings={warnings} /> : null}
      <div className="space-y-3 border-t border-slate-100 px-4 py-3">
        <div>
          <h3 className="mb-1.5 text-[11px] font-semibold tracking-wide text-slate-600 uppercase">
            Event properties <span className="font-normal text-slate-500">({customCount})</span>
          </h3>
          {customCount ? <JsonBlock value={custom} openDepth={2} marks={marks} /> : <p className="text-xs text-slate-500">None besides the SDK&apos;s.</p>}
        </div>
        <details className="group" open={sdkMarked || undefined}>
          <summary className="cursor-pointer list-none text-[11px] font-semibold tracking-wide text-slate-600 uppercase hover:text-slate-800">
            <span className="inline-block transition-transform group-open:rotate-90">▸</span> SDK properties{' '}
            <span className="font-normal text-slate-500">({Object.keys(sdk).length})</span>
          </summary>
          <JsonBlock value={sdk} openDepth={1} className="mt-1.5" marks={marks} />
        </details>
        <details className="group">
          <summary className="cursor-pointer list-none text-[11px] font-semibold tracking-wide text-slate-600 uppercase hover:text-slate-800">
            <span className="inline-block transition-transform group-open:rotate-90">▸</span> Raw event
          </summary>
          <pre role="region" aria-label="Raw event" tabIndex={0} className="mt-1.5 max-h-96 overflow-auto rounded-lg bg-slate-950 p-3 font-mono text-[11px] leading-4 text-slate-200">
            {JSON.stringify(e, null, 2)}
          </pre>
        </details>
      </div>
    </article>
  );
}

/** The event's health findings, fetched when it is shown (null while loading or when the API is unreachable). */
function useEventWarnings(eventId: number): HealthWarningRow[] | null {
  const [state, setState] = useState<{ id: number; warnings: HealthWarningRow[] } | null>(null);
  useEffect(() => {
    let stale = false;
    fetch(`/api/dev/inbox/health?event_id=${eventId}`, { cache: 'no-store' })
      .then((res) => (res.ok ? (res.json() as Promise<HealthReport>) : null))
      .then((report) => {
        if (!stale && report) setState({ id: eventId, warnings: report.warnings });
      })
      .catch(() => {});
    return () => {
      stale = true;
    };
  }, [eventId]);
  return state?.id === eventId ? state.warnings : null;
}

function EventWarnings({ warnings }: { warnings: HealthWarningRow[] }) {
  return (
    <section aria-label="Event health" className="border-t border-amber-200 bg-amber-50/60 px-4 py-3" data-testid="event-warnings">
      <h3 className="mb-1.5 text-[11px] font-semibold tracking-wide text-amber-900 uppercase">
        Event health <span className="font-normal">({warnings.length})</span>
      </h3>
      <ul className="space-y-1 text-xs">
        {warnings.map((w) => (
          <li key={w.id} className="flex gap-2">
            <span className={`shrink-0 rounded px-1 font-mono text-[10px] uppercase ${w.severity === 'error' ? 'bg-rose-100 text-rose-800' : 'bg-amber-100 text-amber-900'}`}>
              {w.severity}
            </span>
            <span className="min-w-0">
              <Link href={`/dev/inbox/health?rule=${w.rule}`} className="font-mono text-slate-800 hover:underline">
                {w.rule}
              </Link>{' '}
              {w.path ? <code className="rounded bg-amber-100 px-1 font-mono text-amber-950">{w.path}</code> : null} <span className="text-slate-700">{w.message}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
