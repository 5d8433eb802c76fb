// The errors view's list: one row per issue (events grouped as Sentry groups them, lib/inbox/collector/grouping.ts)
// with how often, how many users, and when it was first and last seen.
import Link from 'next/link';
import type { Issue } from '@/lib/inbox/rows';
import { LevelBadge } from './badges';
import { RelativeTime } from './time';

const issueHref = (id: string) => `/dev/inbox/errors/issues/${id}`;

function Figure({ value, label }: { value: number; label: string }) {
  return (
    <span className="w-16 shrink-0 text-right">
      <span className="block font-mono text-sm font-semibold text-slate-900 tabular-nums">{value}</span>
      <span className="block text-[10px] tracking-wide text-slate-500 uppercase">{label}</span>
    </span>
  );
}

export function IssueList({ issues }: { issues: Issue[] }) {
  return (
    <div className="overflow-hidden rounded-xl bg-white shadow-soft ring-1 ring-slate-200/80">
      <ul className="divide-y divide-slate-100" data-testid="issue-list">
        {issues.map((issue) => (
          <li key={issue.id}>
            <Link href={issueHref(issue.id)} className="flex items-center gap-4 px-4 py-2.5 hover:bg-slate-50">
              <span className={`h-9 w-1 shrink-0 rounded-full ${issue.level === 'error' || issue.level === 'fatal' ? 'bg-rose-500' : 'bg-amber-400'}`} />
              <div className="min-w-0 flex-1">
                <div className="truncate text-sm font-semibold text-slate-900">{issue.title}</div>
                <div className="truncate font-mono text-xs text-slate-600">{issue.culprit ?? '—'}</div>
              </div>
              <LevelBadge level={issue.level} />
              <Figure value={issue.count} label="events" />
              <Figure value={issue.users} label="users" />
              <span className="w-28 shrink-0 text-right text-xs text-slate-600">
                <span className="block">
                  last <RelativeTime date={issue.last_seen} />
                </span>
                <span className="block text-slate-500">
                  first <RelativeTime date={issue.first_seen} />
                </span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
