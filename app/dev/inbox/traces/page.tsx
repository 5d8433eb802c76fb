// /dev/inbox/traces — traces (transactions and streamed spans grouped by trace id), newest first.
import Link from 'next/link';
import { SourceBadge } from '@/lib/inbox/ui/components/badges';
import { rightAligned, TablePage, type Column } from '@/lib/inbox/ui/components/data-table';
import { EmptyState } from '@/lib/inbox/ui/components/empty-state';
import { RelativeTime } from '@/lib/inbox/ui/components/time';
import { formatDuration } from '@/lib/inbox/ui/format';
import { traceList } from '@/lib/inbox/ui/queries';

const COLUMNS: Column[] = ['Root', 'Sides', rightAligned('Spans'), rightAligned('Errors'), { label: 'Duration', className: 'w-64 px-2 py-2' }, rightAligned('Started')];

export const metadata = { title: 'Traces' };

export default async function TracesPage() {
  const traces = await traceList();
  if (!traces.length) {
    return (
      <EmptyState title="No traces yet">
        Sentry sends a trace for every page load and navigation in the browser and every request on the server; they are
        joined here into one waterfall when the browser&apos;s trace continues on the server.
      </EmptyState>
    );
  }
  const longest = Math.max(...traces.map((t) => t.durationMs), 1);
  return (
    <TablePage title="Traces" description={`${traces.length} traces · browser and server spans joined by trace id`} columns={COLUMNS}>
      {traces.map((t) => (
        <tr key={t.traceId} className="hover:bg-slate-50">
          <td className="px-4 py-2">
            <Link href={`/dev/inbox/traces/${t.traceId}`} className="block">
              <span className="flex items-center gap-2">
                {t.op ? <span className="rounded bg-slate-100 px-1 font-mono text-[10px] text-slate-600">{t.op}</span> : null}
                <span className="font-medium text-slate-900 hover:text-brand-700 hover:underline">{t.name}</span>
              </span>
              <span className="font-mono text-[11px] text-slate-500">{t.traceId}</span>
            </Link>
          </td>
          <td className="px-2 py-2">
            <div className="flex gap-1">
              {t.sides.map((s) => (
                <SourceBadge key={s} source={s} />
              ))}
            </div>
          </td>
          <td className="px-2 py-2 text-right font-mono text-xs tabular-nums">{t.spanCount}</td>
          <td className={`px-2 py-2 text-right font-mono text-xs tabular-nums ${t.errorCount ? 'font-semibold text-rose-600' : 'text-slate-500'}`}>
            {t.errorCount}
          </td>
          <td className="px-2 py-2">
            <div className="flex items-center gap-2">
              <div className="h-2 flex-1 rounded-full bg-slate-100">
                <div className="h-2 rounded-full bg-slate-400" style={{ width: `${Math.max(1, (t.durationMs / longest) * 100)}%` }} />
              </div>
              <span className="w-16 text-right font-mono text-xs tabular-nums">{formatDuration(t.durationMs)}</span>
            </div>
          </td>
          <td className="px-4 py-2 text-right text-xs text-slate-600">
            <RelativeTime date={t.start * 1000} />
          </td>
        </tr>
      ))}
    </TablePage>
  );
}
