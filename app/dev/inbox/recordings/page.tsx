// /dev/inbox/recordings — recorded sessions, newest first, with who, how long and which pages.
import Link from 'next/link';
import { SourceBadge } from '@/lib/inbox/ui/components/badges';
import { rightAligned, TablePage, type Column } from '@/lib/inbox/ui/components/data-table';
import { EmptyState } from '@/lib/inbox/ui/components/empty-state';
import { RelativeTime } from '@/lib/inbox/ui/components/time';
import { listRecordings } from '@/lib/inbox/collector/query';
import { formatDuration } from '@/lib/inbox/ui/format';
import { sessionPaths } from '@/lib/inbox/ui/queries';

const COLUMNS: Column[] = ['Session', 'Person', 'Pages', rightAligned('Duration'), rightAligned('rrweb events'), rightAligned('Started')];

export const metadata = { title: 'Recordings' };

export default async function RecordingsPage() {
  const recordings = await listRecordings({ limit: 200 });
  if (!recordings.length) {
    return (
      <EmptyState title="No recordings yet">
        posthog-js records sessions when the remote config says so (the local collector does): open a page of Orbit, click
        around for a few seconds, and the session appears here.
      </EmptyState>
    );
  }
  const paths = await sessionPaths(recordings.map((r) => r.session_id));
  return (
    <TablePage title="Recordings" description="Session replays captured by posthog-js (and Sentry Replay, marked SENTRY), played back with rrweb-player." columns={COLUMNS}>
      {recordings.map((r) => {
        const visited = paths.get(r.session_id) ?? [];
        return (
          <tr key={r.session_id} className="hover:bg-slate-50">
            <td className="px-4 py-2">
              <Link href={`/dev/inbox/recordings/${encodeURIComponent(r.session_id)}`} className="flex items-center gap-2 font-mono text-xs text-brand-700 hover:underline">
                <span className="grid size-6 place-items-center rounded-full bg-brand-600 text-[10px] text-white">▶</span>
                {r.session_id}
                {r.source === 'sentry' ? <SourceBadge source="sentry" /> : null}
              </Link>
            </td>
            <td className="px-2 py-2 font-mono text-xs">
              {r.distinct_id ? (
                <Link href={`/dev/inbox/persons/${encodeURIComponent(r.distinct_id)}`} className="hover:text-brand-700 hover:underline">
                  {r.distinct_id}
                </Link>
              ) : (
                '—'
              )}
            </td>
            <td className="max-w-xs truncate px-2 py-2 font-mono text-xs text-slate-600" title={visited.map((v) => v.path).join(' → ')}>
              {visited.length ? visited.map((v) => v.path).join(' → ') : <span className="text-slate-300">no $pageview</span>}
            </td>
            <td className="px-2 py-2 text-right font-mono text-xs tabular-nums">{formatDuration(Date.parse(r.end) - Date.parse(r.start))}</td>
            <td className="px-2 py-2 text-right font-mono text-xs tabular-nums">{r.snapshot_count}</td>
            <td className="px-4 py-2 text-right text-xs text-slate-600">
              <RelativeTime date={r.start} />
            </td>
          </tr>
        );
      })}
    </TablePage>
  );
}
