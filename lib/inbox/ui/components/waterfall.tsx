// A trace's spans on one time axis: the tree on the left, bars on the right, browser and server in their own
// colours, errors marked on the span they happened in. Each row opens to the span's attributes.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { formatDuration } from '@/lib/inbox/ui/format';
import { errorTitle } from '@/lib/inbox/sentry-event';
import type { Waterfall } from '@/lib/inbox/ui/waterfall';
import { KvTable, inline } from './kv-table';

const BAR = { browser: 'bg-sky-500', server: 'bg-violet-500' } as const;
const TEXT = { browser: 'text-sky-700', server: 'text-violet-700' } as const;

/** `highlight`: a span id (an error's failing span), shown open and marked. */
export function WaterfallView({ waterfall: w, highlight }: { waterfall: Waterfall; highlight?: string }) {
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <div className="overflow-hidden rounded-xl bg-white shadow-soft ring-1 ring-slate-200/80" data-testid="waterfall">
      <div className="grid grid-cols-[minmax(18rem,38%)_1fr] border-b border-slate-200 bg-slate-50 text-[11px] font-semibold tracking-wide text-slate-600 uppercase">
        <div className="px-4 py-2">Span</div>
        <div className="relative mr-16 ml-2 h-full">
          {ticks.map((t) => (
            <span
              key={t}
              className={`absolute top-2 font-mono font-normal whitespace-nowrap normal-case ${t === 0 ? '' : t === 1 ? '-translate-x-full' : '-translate-x-1/2'}`}
              style={{ left: `${t * 100}%` }}
            >
              {formatDuration(w.durationMs * t)}
            </span>
          ))}
        </div>
      </div>
      <ol>
        {w.rows.map((r) => (
          <li
            key={r.span.spanId}
            id={`span-${r.span.spanId}`}
            className={`border-b border-slate-100 last:border-0 ${r.span.spanId === highlight ? 'scroll-mt-20 bg-rose-50 ring-2 ring-rose-400 ring-inset' : ''}`}
            data-highlighted={r.span.spanId === highlight || undefined}
          >
            <details className="group" open={r.span.spanId === highlight || undefined}>
              <summary className="grid cursor-pointer list-none grid-cols-[minmax(18rem,38%)_1fr] items-center hover:bg-slate-50">
                <div className="flex min-w-0 items-center gap-1.5 py-1 pr-2 pl-4" style={{ paddingLeft: `${1 + r.depth * 1.1}rem` }}>
                  <span className={`w-3 shrink-0 text-[10px] text-slate-500 transition-transform group-open:rotate-90`}>▸</span>
                  {r.span.op ? (
                    <span className={`shrink-0 rounded bg-slate-100 px-1 font-mono text-[10px] ${TEXT[r.side]}`}>{r.span.op}</span>
                  ) : null}
                  <span className={`truncate text-xs ${r.span.isSegment ? 'font-semibold text-slate-900' : 'text-slate-700'}`} title={r.span.name}>
                    {r.span.name}
                  </span>
                  {r.errors.length ? <span className="shrink-0 rounded-full bg-rose-500 px-1.5 text-[10px] font-bold text-white">{r.errors.length} error</span> : null}
                  {r.span.time ? (
                    <span
                      className="shrink-0 text-[10px] text-amber-700"
                      title={r.span.time === 'relative' ? 'The SDK sent no epoch time (seconds since its process started): placed at its parent’s start' : 'The SDK sent no start time: placed at its parent’s start'}
                    >
                      ⏱ {r.span.time} time
                    </span>
                  ) : null}
                  {r.orphan ? (
                    <span className="shrink-0 text-[10px] text-amber-700" title={`Parent span ${r.span.parentSpanId} was not received`}>
                      ↰ parent not received
                    </span>
                  ) : null}
                </div>
                <div className="relative mr-16 ml-2 h-6">
                  {ticks.slice(1, -1).map((t) => (
                    <span key={t} className="absolute inset-y-0 w-px bg-slate-100" style={{ left: `${t * 100}%` }} />
                  ))}
                  <span
                    className={`absolute top-1.5 h-3 min-w-[2px] rounded-sm ${BAR[r.side]} ${r.span.status && r.span.status !== 'ok' ? 'ring-2 ring-rose-400' : ''} ${r.span.isSegment ? '' : 'opacity-80'}`}
                    style={{ left: `${r.offset * 100}%`, width: `${r.width * 100}%` }}
                  />
                  <span
                    className="absolute top-1 font-mono text-[10px] whitespace-nowrap text-slate-600"
                    style={r.offset + r.width > 0.8 ? { right: `${(1 - r.offset) * 100 + 0.5}%` } : { left: `calc(${(r.offset + r.width) * 100}% + 4px)` }}
                  >
                    {formatDuration(r.durationMs)}
                  </span>
                </div>
              </summary>
              <div className="grid gap-3 bg-slate-50/60 px-4 py-3 lg:grid-cols-2" style={{ paddingLeft: `${2 + r.depth * 1.1}rem` }}>
                <KvTable
                  rows={[
                    ['span_id', r.span.spanId],
                    ['parent_span_id', r.span.parentSpanId ?? '—'],
                    ['side', r.side],
                    ['status', r.span.status ?? '—'],
                    ['start', `+${formatDuration(r.startMs)}`],
                    ['duration', formatDuration(r.durationMs)],
                    ...r.errors.map((e): [string, ReactNode] => [
                      'error',
                      <Link key={e.id} href={`/dev/inbox/errors/${e.id}`} className="text-rose-700 hover:underline">
                        {errorTitle(e.payload)}
                      </Link>,
                    ]),
                  ]}
                />
                <KvTable rows={Object.entries(r.span.data).map(([k, v]) => [k, inline(v)])} empty="No attributes." />
              </div>
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}
