// One funnel: a bar per step (share of the persons who entered), conversion from the previous step, median
// time to get there, and who dropped off.
import Link from 'next/link';
import { formatDuration, percent } from '@/lib/inbox/ui/format';
import type { FunnelResult } from '@/lib/inbox/ui/funnel';

export function FunnelChart({ result }: { result: FunnelResult }) {
  const { funnel, steps, entered, completed } = result;
  const w = funnel.conversionWindow;
  return (
    <section className="rounded-xl bg-white shadow-soft ring-1 ring-slate-200/80" data-funnel={funnel.key}>
      <header className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-100 px-5 py-3">
        <div>
          <h2 className="font-semibold text-slate-900">{funnel.name}</h2>
          <p className="text-xs text-slate-600">
            {funnel.question} · window {w.value} {w.unit}
            {w.value === 1 ? '' : 's'}
            {funnel.order === 'unordered' ? ' · any order (step N: persons who did N of the steps)' : ''} · <code className="font-mono">{funnel.key}</code>
          </p>
        </div>
        <p className="text-sm text-slate-600">
          <span className="font-mono text-lg font-semibold text-slate-900 tabular-nums">{entered ? percent(completed / entered) : '—'}</span> converted
          <span className="ml-2 text-xs text-slate-500">
            ({completed} of {entered} persons)
          </span>
        </p>
      </header>
      <ol className="space-y-1 px-5 py-4">
        {steps.map((s, i) => (
          <li key={i} className="grid grid-cols-[1.5rem_minmax(10rem,16rem)_1fr_9rem] items-center gap-3 text-sm">
            <span className="grid size-6 place-items-center rounded-full bg-slate-100 font-mono text-[11px] text-slate-600">{i + 1}</span>
            <div className="min-w-0">
              <div className="truncate font-medium text-slate-800">{s.label}</div>
              <div className="truncate font-mono text-[11px] text-slate-500">
                {s.step.event}
                {s.step.path ? ` ${s.step.path}` : ''}
                {s.step.properties?.map((f) => ` ${f.key} ${f.operator === 'exact' ? '=' : f.operator === 'gte' ? '≥' : '≤'} ${JSON.stringify(f.value)}`).join('')}
              </div>
            </div>
            <div className="relative h-7 rounded bg-slate-100">
              <div
                className="absolute inset-y-0 left-0 rounded bg-brand-500/85"
                style={{ width: `${entered ? Math.max(s.count ? 0.5 : 0, s.conversionFromStart * 100) : 0}%` }}
              />
              <span className="absolute inset-y-0 left-2 flex items-center font-mono text-xs font-semibold text-slate-900 tabular-nums mix-blend-luminosity">
                {s.count} {s.count === 1 ? 'person' : 'persons'}
              </span>
            </div>
            <div className="text-right text-xs">
              <div className="font-mono font-semibold text-slate-900 tabular-nums">{i === 0 ? '—' : percent(s.conversionFromPrevious)}</div>
              <div className="text-slate-500">{s.medianMsFromPrevious !== null ? `median ${formatDuration(s.medianMsFromPrevious)}` : i === 0 ? 'entered' : ''}</div>
            </div>
            {s.droppedOff.length ? (
              <div className="col-start-2 col-end-5 -mt-0.5 mb-1 flex flex-wrap items-center gap-1 text-[11px] text-slate-600">
                <span className="text-rose-600">↘ {s.droppedOff.length} dropped off:</span>
                {s.droppedOff.slice(0, 8).map((p) => (
                  <Link key={p} href={`/dev/inbox/persons/${encodeURIComponent(p)}`} className="rounded bg-slate-100 px-1.5 font-mono hover:bg-brand-50 hover:text-brand-700">
                    {p.length > 20 ? `${p.slice(0, 18)}…` : p}
                  </Link>
                ))}
                {s.droppedOff.length > 8 ? <span>+{s.droppedOff.length - 8}</span> : null}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
