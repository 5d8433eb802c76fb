// Key/value pairs as a compact two-column table (tags, user, a context).
import type { ReactNode } from 'react';

export function KvTable({ rows, empty = 'None' }: { rows: [string, ReactNode][]; empty?: string }) {
  if (!rows.length) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <dl className="grid grid-cols-[minmax(7rem,max-content)_1fr] gap-x-4 text-xs">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="truncate border-b border-slate-100 py-1.5 font-mono text-slate-600" title={k}>
            {k}
          </dt>
          <dd className="min-w-0 border-b border-slate-100 py-1.5 font-mono break-all text-slate-900">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A JSON value rendered inline in a table cell. */
export function inline(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

export function Section({ title, children, aside, className = '' }: { title: ReactNode; children: ReactNode; aside?: ReactNode; className?: string }) {
  return (
    <section className={`rounded-xl bg-white shadow-soft ring-1 ring-slate-200/80 ${className}`}>
      <header className="flex items-center justify-between gap-3 border-b border-slate-100 px-4 py-2.5">
        <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-600">{title}</h2>
        {aside}
      </header>
      <div className="p-4">{children}</div>
    </section>
  );
}
