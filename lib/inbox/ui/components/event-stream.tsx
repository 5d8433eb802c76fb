'use client';
// The live event stream: newest first, new events appended by polling the query API with the id cursor
// (`after=`), paused while the tab is hidden or when the developer pauses it. Filters live in the URL.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { eventSummary } from '@/lib/inbox/ui/event-summary';
import { shortId } from '@/lib/inbox/ui/format';
import type { InboxEventRow } from '@/lib/inbox/rows';
import { EventName, SourceBadge } from './badges';
import { DataTable, Panel, type Column } from './data-table';
import { EventDetail } from './event-detail';
import { INBOX_CLEARED } from './inbox-nav';
import { ClockTime, RelativeTime } from './time';

export type StreamFilters = { event?: string; distinct_id?: string; session_id?: string; source?: 'web' | 'server' };

const POLL_MS = 1500;
const KEEP = 1000;

const STREAM_COLUMNS: Column[] = [
  { label: 'Time', className: 'w-28 px-4 py-2' },
  { label: 'Source', className: 'w-20 px-2 py-2' },
  { label: 'Event', className: 'w-56 px-2 py-2' },
  { label: 'Details', className: 'px-2 py-2' },
  { label: 'Person', className: 'w-40 px-2 py-2' },
  { label: 'Session', className: 'w-28 px-2 py-2' },
];

function query(filters: StreamFilters, extra: Record<string, string>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v) q.set(k, v);
  return q.toString();
}

export function EventStream({
  initial,
  filters,
  eventNames,
  selected: initialSelected,
}: {
  initial: InboxEventRow[];
  filters: StreamFilters;
  eventNames: { event: string; count: number }[];
  selected?: string;
}) {
  const router = useRouter();
  const [events, setEvents] = useState(initial);
  const [fresh, setFresh] = useState<Set<number>>(new Set());
  const [paused, setPaused] = useState(false);
  const [selected, setSelected] = useState<string | undefined>(initialSelected ?? initial[0]?.uuid);
  const maxId = useRef(Math.max(0, ...initial.map((e) => e.id)));
  const pausedRef = useRef(paused);
  useEffect(() => {
    pausedRef.current = paused;
  }, [paused]);

  // "Clear inbox" (in the header) empties the stream without a reload.
  useEffect(() => {
    const onCleared = () => {
      maxId.current = 0;
      setEvents([]);
      setSelected(undefined);
    };
    window.addEventListener(INBOX_CLEARED, onCleared);
    return () => window.removeEventListener(INBOX_CLEARED, onCleared);
  }, []);

  const poll = useCallback(async () => {
    if (pausedRef.current || document.visibilityState !== 'visible') return;
    const res = await fetch(`/api/dev/inbox/events?${query(filters, { after: String(maxId.current), order: 'asc', limit: '500' })}`, {
      cache: 'no-store',
    });
    if (!res.ok) return;
    const { events: incoming } = (await res.json()) as { events: InboxEventRow[] };
    if (!incoming.length) return;
    maxId.current = Math.max(maxId.current, ...incoming.map((e) => e.id));
    setFresh(new Set(incoming.map((e) => e.id)));
    setEvents((prev) => {
      const seen = new Set(prev.map((e) => e.id));
      const merged = [...incoming.filter((e) => !seen.has(e.id)), ...prev];
      // Events arrive in batches whose timestamps may predate the newest shown: keep the stream in time order.
      merged.sort((a, b) => b.timestamp.localeCompare(a.timestamp) || b.id - a.id);
      return merged.slice(0, KEEP);
    });
  }, [filters]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const loop = async () => {
      try {
        await poll();
      } catch {
        // The dev server restarting: try again next tick.
      }
      if (!stopped) timer = setTimeout(loop, POLL_MS);
    };
    timer = setTimeout(loop, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [poll]);

  const select = (uuid: string) => {
    setSelected(uuid);
    const url = new URL(window.location.href);
    url.searchParams.set('selected', uuid);
    window.history.replaceState(null, '', url);
  };

  const current = useMemo(() => events.find((e) => e.uuid === selected), [events, selected]);
  const hasFilters = Object.values(filters).some(Boolean);

  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(26rem,34rem)]">
      <div className="min-w-0 space-y-3">
        <FilterBar filters={filters} eventNames={eventNames} onApply={(f) => router.push(`/dev/inbox?${query(f, {})}`)} />
        <Panel>
          <div className="flex items-center justify-between border-b border-slate-100 px-4 py-2 text-xs text-slate-600">
            <span>
              <span className="font-semibold text-slate-900 tabular-nums">{events.length}</span>
              {events.length >= KEEP ? '+' : ''} events{hasFilters ? ' matching the filters' : ''} · newest first
            </span>
            <button
              type="button"
              onClick={() => setPaused((p) => !p)}
              className="rounded-md px-2 py-1 font-medium text-slate-600 ring-1 ring-slate-200 hover:bg-slate-50"
            >
              {paused ? '▶ Resume stream' : '❚❚ Pause stream'}
            </button>
          </div>
          {events.length === 0 ? (
            <p className="px-4 py-10 text-center text-sm text-slate-600">
              {hasFilters ? 'No event matches these filters yet — the stream is watching.' : 'Waiting for events…'}
            </p>
          ) : (
            <DataTable fixed columns={STREAM_COLUMNS}>
                {events.map((e) => (
                  <tr
                    key={e.id}
                    onClick={() => select(e.uuid)}
                    data-event={e.event}
                    className={`cursor-pointer align-middle transition-colors ${e.uuid === selected ? 'bg-brand-50/70' : 'hover:bg-slate-50'} ${fresh.has(e.id) ? 'animate-[inbox-flash_1.6s_ease-out]' : ''}`}
                  >
                    <td className="px-4 py-1.5 font-mono text-xs text-slate-600">
                      <ClockTime date={e.timestamp} />
                    </td>
                    <td className="px-2 py-1.5">
                      <SourceBadge source={e.source} />
                    </td>
                    <td className="truncate px-2 py-1.5">
                      <EventName event={e.event} />
                    </td>
                    <td className="truncate px-2 py-1.5 text-xs text-slate-600" title={eventSummary(e.event, e.properties)}>
                      {eventSummary(e.event, e.properties)}
                    </td>
                    <td className="truncate px-2 py-1.5 font-mono text-xs">
                      <Link
                        href={`/dev/inbox?${query({ ...filters, distinct_id: e.distinct_id }, {})}`}
                        onClick={(ev) => ev.stopPropagation()}
                        className="text-slate-700 hover:text-brand-700 hover:underline"
                        title={`Only ${e.distinct_id}'s events (merged ids included)`}
                      >
                        {shortId(e.distinct_id, 16)}
                      </Link>
                    </td>
                    <td className="truncate px-2 py-1.5 font-mono text-xs">
                      {e.session_id ? (
                        <Link
                          href={`/dev/inbox?${query({ ...filters, session_id: e.session_id }, {})}`}
                          onClick={(ev) => ev.stopPropagation()}
                          className="text-slate-600 hover:text-brand-700 hover:underline"
                          title={e.session_id}
                        >
                          {e.session_id.slice(-8)}
                        </Link>
                      ) : (
                        <span className="text-slate-300">—</span>
                      )}
                    </td>
                  </tr>
                ))}
            </DataTable>
          )}
        </Panel>
      </div>
      <aside aria-label="Selected event" tabIndex={0} className="min-w-0 xl:sticky xl:top-16 xl:max-h-[calc(100dvh-5rem)] xl:overflow-y-auto">
        {current ? (
          <EventDetail event={current} />
        ) : (
          <div className="rounded-xl border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">
            Select an event to see its properties.
          </div>
        )}
        {current ? (
          <p className="mt-2 px-1 text-[11px] text-slate-500">
            Received <RelativeTime date={current.received_at} /> · id {current.id}
          </p>
        ) : null}
      </aside>
    </div>
  );
}

function FilterBar({
  filters,
  eventNames,
  onApply,
}: {
  filters: StreamFilters;
  eventNames: { event: string; count: number }[];
  onApply: (f: StreamFilters) => void;
}) {
  const submit = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const v = (k: string) => String(data.get(k) ?? '').trim() || undefined;
    const source = v('source');
    onApply({
      event: v('event'),
      distinct_id: v('distinct_id'),
      session_id: v('session_id'),
      source: source === 'web' || source === 'server' ? source : undefined,
    });
  };
  const chips = Object.entries(filters).filter(([, v]) => v) as [keyof StreamFilters, string][];
  const input = 'h-8 min-w-0 rounded-md border-0 bg-white px-2.5 font-mono text-xs ring-1 ring-slate-200 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500';
  return (
    <div className="rounded-xl bg-white p-3 shadow-soft ring-1 ring-slate-200/80">
      <form
        key={JSON.stringify(filters)}
        className="grid grid-cols-2 gap-2 md:grid-cols-[1.2fr_1.2fr_1fr_7rem_auto]"
        onSubmit={(ev) => {
          ev.preventDefault();
          submit(ev.currentTarget);
        }}
      >
        <input name="event" list="inbox-event-names" defaultValue={filters.event} placeholder="event (exact)" className={input} aria-label="Event" />
        <datalist id="inbox-event-names">
          {eventNames.map((n) => (
            <option key={n.event} value={n.event}>
              {n.count}
            </option>
          ))}
        </datalist>
        <input name="distinct_id" defaultValue={filters.distinct_id} placeholder="person (any distinct id)" className={input} aria-label="Person" />
        <input name="session_id" defaultValue={filters.session_id} placeholder="session id" className={input} aria-label="Session" />
        <select
          name="source"
          defaultValue={filters.source ?? ''}
          className={input}
          aria-label="Source"
          onChange={(ev) => ev.currentTarget.form && submit(ev.currentTarget.form)}
        >
          <option value="">web + server</option>
          <option value="web">web</option>
          <option value="server">server</option>
        </select>
        <button type="submit" className="h-8 rounded-md bg-slate-900 px-3 text-xs font-semibold text-white hover:bg-slate-700">
          Filter
        </button>
      </form>
      {chips.length ? (
        <div className="mt-2 flex flex-wrap items-center gap-1.5 text-xs">
          {chips.map(([k, v]) => (
            <button
              key={k}
              type="button"
              onClick={() => onApply({ ...filters, [k]: undefined })}
              className="inline-flex items-center gap-1 rounded-full bg-brand-50 px-2 py-0.5 font-mono text-brand-800 ring-1 ring-brand-200 hover:bg-brand-100"
              title="Remove this filter"
            >
              {k}={shortId(v, 24)} <span aria-hidden>×</span>
            </button>
          ))}
          <button type="button" onClick={() => onApply({})} className="ml-1 text-slate-600 underline underline-offset-2 hover:text-slate-800">
            clear all
          </button>
        </div>
      ) : null}
      {!chips.length && eventNames.length ? (
        <div className="mt-2 flex flex-wrap gap-1.5 text-xs">
          {eventNames.slice(0, 12).map((n) => (
            <button
              key={n.event}
              type="button"
              onClick={() => onApply({ ...filters, event: n.event })}
              className="rounded-full bg-slate-100 px-2 py-0.5 font-mono text-slate-800 hover:bg-slate-200"
            >
              {n.event} <span className="text-slate-600">{n.count}</span>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
