// The inbox's list tables (events, persons, recordings, traces): the panel they sit in, the header row, the row
// dividers and the frame of a list page, in one place.
import type { ComponentProps, ReactNode } from 'react';
import { PageTitle } from './page-title';

/**
 * A column header. A label alone is padded like the lists' body cells: px-4 at the table's edges, px-2 between;
 * `align: 'right'` for numbers and times; `className` replaces the padding for a table that lays out its own cells.
 */
export type Column = string | { label: string; align?: 'right'; className?: string };

/** A right-aligned column (numbers, durations, times). */
export const rightAligned = (label: string): Column => ({ label, align: 'right' });

const label = (column: Column) => (typeof column === 'string' ? column : column.label);

function headerClass(column: Column, index: number, count: number): string {
  if (typeof column !== 'string' && column.className) return column.className;
  const edge = index === 0 || index === count - 1;
  return `${edge ? 'px-4' : 'px-2'} py-2${typeof column !== 'string' && column.align === 'right' ? ' text-right' : ''}`;
}

/** The white, ringed panel a table (or any list) sits in. */
export function Panel({ className = '', ...props }: ComponentProps<'div'>) {
  return <div className={`overflow-hidden rounded-xl bg-white shadow-soft ring-1 ring-slate-200/80 ${className}`} {...props} />;
}

/** A table with an optional header row; `children` are the body rows. `fixed` = column widths from the header. */
export function DataTable({ columns, fixed = false, children }: { columns?: readonly Column[]; fixed?: boolean; children: ReactNode }) {
  return (
    <table className={`w-full ${fixed ? 'table-fixed ' : ''}text-left text-sm`}>
      {columns ? (
        <thead className="bg-slate-50 text-[11px] font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            {columns.map((c, i) => (
              <th key={label(c)} className={headerClass(c, i, columns.length)}>
                {label(c)}
              </th>
            ))}
          </tr>
        </thead>
      ) : null}
      <tbody className="divide-y divide-slate-100">{children}</tbody>
    </table>
  );
}

/**
 * A list page: its title over one panel holding the table. `footer` sits in the panel under the table, `after`
 * below the panel (then the page spaces its sections apart).
 */
export function TablePage({
  title,
  description,
  columns,
  footer,
  after,
  children,
}: {
  title: string;
  description: ReactNode;
  columns: readonly Column[];
  footer?: ReactNode;
  after?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className={after === undefined ? undefined : 'space-y-6'}>
      <PageTitle title={title}>{description}</PageTitle>
      <Panel>
        <DataTable columns={columns}>{children}</DataTable>
        {footer}
      </Panel>
      {after}
    </div>
  );
}
