// What happened before the error, oldest first, with the time relative to the error.
import type { Breadcrumb } from '@/lib/inbox/sentry-event';
import { formatDuration } from '@/lib/inbox/ui/format';

const CATEGORY: Record<string, string> = {
  'ui.click': 'bg-sky-50 text-sky-700',
  navigation: 'bg-emerald-50 text-emerald-700',
  fetch: 'bg-violet-50 text-violet-700',
  xhr: 'bg-violet-50 text-violet-700',
  http: 'bg-violet-50 text-violet-700',
  console: 'bg-slate-100 text-slate-600',
};

export function Breadcrumbs({ crumbs, at }: { crumbs: Breadcrumb[]; at: number | null }) {
  if (!crumbs.length) return <p className="text-sm text-slate-500">No breadcrumbs.</p>;
  return (
    <table className="w-full table-fixed text-left text-xs">
      <tbody className="divide-y divide-slate-100">
        {crumbs.map((b, i) => (
          <tr key={i} className={b.level === 'error' ? 'bg-rose-50/60' : ''}>
            <td className="w-20 py-1.5 pr-2 font-mono text-slate-500 tabular-nums">
              {b.timestamp !== null && at !== null ? `−${formatDuration(Math.max(0, (at - b.timestamp) * 1000))}` : ''}
            </td>
            <td className="w-28 py-1.5 pr-2">
              <span className={`rounded px-1.5 py-0.5 font-mono text-[10px] ${CATEGORY[b.category] ?? 'bg-slate-100 text-slate-600'}`}>{b.category}</span>
            </td>
            <td className="py-1.5 font-mono break-all text-slate-800">
              {b.message || (b.data ? JSON.stringify(b.data) : '')}
              {b.message && b.data && !b.derived ? <span className="ml-2 text-slate-500">{JSON.stringify(b.data)}</span> : null}
            </td>
            <td className="w-16 py-1.5 text-right text-slate-500">{b.level}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
