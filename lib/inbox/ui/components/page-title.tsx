// The heading of an inbox view: what it shows, and a line on where the data comes from.
import type { ReactNode } from 'react';

export function PageTitle({ title, children, aside }: { title: ReactNode; children?: ReactNode; aside?: ReactNode }) {
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        <h1 className="truncate text-lg font-semibold text-slate-900">{title}</h1>
        {children ? <div className="mt-0.5 text-sm text-slate-600">{children}</div> : null}
      </div>
      {aside}
    </div>
  );
}
