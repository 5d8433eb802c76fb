// A dashboard's trend and cohort cards: the headline number, one bar per day (or a row per breakdown value), and
// the members of a cohort linked to their person pages. Server components: no client code.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { formatDuration } from '@/lib/inbox/ui/format';
import type { CohortResult, TrendResult, TrendRow } from '@/lib/inbox/ui/insights';

function formatValue(value: number | null, unit: TrendResult['trend']['unit']): string {
  if (value === null) return '—';
  if (unit === 'percent') return `${value.toFixed(value === 0 || value === 100 ? 0 : 1)}%`;
  if (unit === 'ms') return formatDuration(value);
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(1);
}

function Card({ title, subtitle, kind, children, id }: { title: string; subtitle: string; kind: string; children: ReactNode; id: string }) {
  return (
    <section className="rounded-xl bg-white shadow-soft ring-1 ring-slate-200/80" data-insight={id}>
      <header className="border-b border-slate-100 px-5 py-3">
        <div className="flex items-baseline justify-between gap-2">
          <h2 className="font-semibold text-slate-900">{title}</h2>
          <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[10px] uppercase tracking-wide text-slate-600">{kind}</span>
        </div>
        <p className="text-xs text-slate-600">{subtitle}</p>
      </header>
      <div className="px-5 py-4">{children}</div>
    </section>
  );
}

function Bars({ row, buckets, unit }: { row: TrendRow; buckets: string[]; unit: TrendResult['trend']['unit'] }) {
  const max = Math.max(0, ...row.values.map((v) => v ?? 0));
  return (
    <div className="flex h-16 items-end gap-px" aria-label={`${row.label} per day`}>
      {row.values.map((v, i) => (
        <div
          key={buckets[i]}
          title={`${buckets[i]}: ${formatValue(v, unit)}`}
          className={`flex-1 rounded-t-sm ${v ? 'bg-brand-500/80' : 'bg-slate-100'}`}
          style={{ height: `${max && v ? Math.max(4, (v / max) * 100) : 4}%` }}
        />
      ))}
    </div>
  );
}

export function TrendCard({ result }: { result: TrendResult }) {
  const { trend, rows, buckets } = result;
  const subtitle = `${trend.question} · last ${trend.range} days${trend.formula ? ` · ${trend.formula}` : ''} · ${trend.series.map((s) => s.event ?? 'any event').join(', ')}`;
  return (
    <Card title={trend.name} subtitle={subtitle} kind="trend" id={trend.key}>
      {trend.breakdown ? (
        rows.length ? (
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-xs text-slate-500">
                <th className="pb-1 font-normal">{trend.breakdown}</th>
                <th className="pb-1 text-right font-normal">{trend.series.length > 1 && !trend.formula ? 'total' : trend.unit === 'ms' ? 'p95' : trend.unit === 'percent' ? 'rate' : 'total'}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.label}:${r.breakdown}`} className="border-t border-slate-100">
                  <td className="py-1 font-mono text-xs text-slate-700">{r.breakdown}</td>
                  <td className="py-1 text-right font-mono text-xs font-semibold text-slate-900 tabular-nums">{formatValue(r.summary, trend.unit)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-500">No matching events yet.</p>
        )
      ) : (
        <div className="space-y-3">
          {rows.map((r) => (
            <div key={r.label}>
              <div className="mb-1 flex items-baseline justify-between text-sm">
                <span className="text-slate-600">{r.label}</span>
                <span className="font-mono text-lg font-semibold text-slate-900 tabular-nums" data-summary>
                  {formatValue(r.summary, trend.unit)}
                </span>
              </div>
              <Bars row={r} buckets={buckets} unit={trend.unit} />
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

export function CohortCard({ result }: { result: CohortResult }) {
  const { cohort, members } = result;
  const criteria = cohort.criteria.map((c) => `${c.negate ? 'not ' : ''}${c.event ?? 'any event'} in ${c.days}d`).join(' and ');
  return (
    <Card title={cohort.name} subtitle={`${cohort.question} · ${criteria}`} kind="cohort" id={cohort.key}>
      <p className="text-sm text-slate-600">
        <span className="font-mono text-lg font-semibold text-slate-900 tabular-nums" data-summary>
          {members.length}
        </span>{' '}
        {cohort.unit === 'workspace' ? (members.length === 1 ? 'workspace' : 'workspaces') : members.length === 1 ? 'person' : 'persons'}
      </p>
      {members.length ? (
        <div className="mt-2 flex flex-wrap gap-1 text-[11px]">
          {members.slice(0, 12).map((m) =>
            cohort.unit === 'person' ? (
              <Link key={m} href={`/dev/inbox/persons/${encodeURIComponent(m)}`} className="rounded bg-slate-100 px-1.5 font-mono text-slate-600 hover:bg-brand-50 hover:text-brand-700">
                {m.length > 20 ? `${m.slice(0, 18)}…` : m}
              </Link>
            ) : (
              <span key={m} className="rounded bg-slate-100 px-1.5 font-mono text-slate-600">
                {m}
              </span>
            ),
          )}
          {members.length > 12 ? <span className="text-slate-500">+{members.length - 12}</span> : null}
        </div>
      ) : null}
    </Card>
  );
}
