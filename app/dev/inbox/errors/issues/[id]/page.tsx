// /dev/inbox/errors/issues/<id> — one issue: what grouped it (Sentry's "Event Grouping Information"), its figures,
// and every event grouped into it.
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { LevelBadge } from '@/lib/inbox/ui/components/badges';
import { DataTable, Panel, type Column } from '@/lib/inbox/ui/components/data-table';
import { KvTable } from '@/lib/inbox/ui/components/kv-table';
import { ClockTime, RelativeTime } from '@/lib/inbox/ui/components/time';
import { getIssue, issueId } from '@/lib/inbox/collector/issues-api';
import { pageSegment } from '@/lib/server/path-segment';

export const metadata = { title: 'Issue' };

const COLUMNS: Column[] = [
  { label: 'Event', className: 'px-4 py-2' },
  { label: 'User', className: 'px-2 py-2' },
  { label: 'Trace', className: 'px-2 py-2' },
  { label: 'When', className: 'px-4 py-2 text-right' },
];

export default async function IssuePage({ params }: { params: Promise<{ id: string }> }) {
  const id = pageSegment(issueId, (await params).id);
  const issue = id === null ? null : await getIssue(id);
  if (!issue) notFound();
  const facts: [string, ReactNode][] = [
    ['events', String(issue.count)],
    ['users', String(issue.users)],
    ['first seen', <><ClockTime date={issue.first_seen} /> · <RelativeTime date={issue.first_seen} /></>],
    ['last seen', <><ClockTime date={issue.last_seen} /> · <RelativeTime date={issue.last_seen} /></>],
    ['where', issue.culprit ?? '—'],
    ['grouped by', <span key="g" data-testid="issue-grouped-by">{issue.grouped_by}</span>],
    ...(issue.grouping_rule ? ([['rule', <span key="r" className="font-mono text-xs">{issue.grouping_rule}</span>]] as [string, ReactNode][]) : []),
    [
      'grouping values',
      <ol key="v" className="space-y-0.5 font-mono text-xs" data-testid="issue-grouping-values">
        {issue.fingerprint.length ? issue.fingerprint.map((value, i) => <li key={i} className="break-all">{value}</li>) : <li>—</li>}
      </ol>,
    ],
  ];
  return (
    <div className="space-y-4">
      <div className="rounded-xl bg-white p-5 shadow-soft ring-1 ring-slate-200/80">
        <div className="flex items-center gap-2">
          <LevelBadge level={issue.level} />
          <Link href="/dev/inbox/errors" className="ml-auto text-xs text-slate-600 hover:text-brand-700">
            ← all issues
          </Link>
        </div>
        <h1 className="mt-2 text-xl font-semibold break-words text-slate-900" data-testid="issue-title">
          {issue.title}
        </h1>
        <div className="mt-4">
          <KvTable rows={facts} />
        </div>
      </div>
      <Panel>
        <DataTable columns={COLUMNS}>
          {issue.events.map((e) => (
            <tr key={e.id} className="hover:bg-slate-50">
              <td className="px-4 py-2">
                <Link href={`/dev/inbox/errors/${e.id}`} className="block truncate text-sm text-brand-700 hover:underline">
                  {e.title}
                </Link>
                <span className="font-mono text-[11px] text-slate-500">{e.event_id ?? '—'}</span>
              </td>
              <td className="px-2 py-2 font-mono text-xs">
                {e.user ? (
                  <Link href={`/dev/inbox/persons/${encodeURIComponent(e.user)}`} className="hover:text-brand-700 hover:underline">
                    {e.user}
                  </Link>
                ) : (
                  '—'
                )}
              </td>
              <td className="px-2 py-2 font-mono text-xs">
                {e.trace_id ? (
                  <Link href={`/dev/inbox/traces/${e.trace_id}`} className="hover:text-brand-700 hover:underline">
                    {e.trace_id.slice(0, 12)}…
                  </Link>
                ) : (
                  '—'
                )}
              </td>
              <td className="px-4 py-2 text-right text-xs text-slate-600">
                <RelativeTime date={e.timestamp} />
              </td>
            </tr>
          ))}
        </DataTable>
      </Panel>
    </div>
  );
}
