// The inbox's list tables (events, persons, recordings, traces): the panel they sit in, the header row and the row
// dividers, in one place.
import type { ComponentProps, ReactNode } from 'react';

/** A column header: its label and its cell classes (padding, width, alignment). */
export type Column = { label: string; className: string };

/** The white, ringed panel a table (or any list) sits in. */
export function Panel({ className = '', ...props }: ComponentProps<'div'>) {
  return <div className={`overflow-hidden rounded-xl bg-white shadow-soft ring-1 ring-slate-200/80 ${className}`} {...props} />;
}

/** A table with an optional header row; `children` are the body rows. `fixed` = column widths from the header. */
export function DataTable({ columns, fixed = false, children }: { columns?: Column[]; fixed?: boolean; children: ReactNode }) {
  return (
    <table className={`w-full ${fixed ? 'table-fixed ' : ''}text-left text-sm`}>
      {columns ? (
        <thead className="bg-slate-50 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
          <tr>
            {columns.map((c) => (
              <th key={c.label} className={c.className}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
      ) : null}
      <tbody className="divide-y divide-slate-100">{children}</tbody>
    </table>
  );
}
