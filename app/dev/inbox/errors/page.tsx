// /dev/inbox/errors — Sentry error and message events, newest first, from the browser and the server.
import Link from 'next/link';
import { LevelBadge, SourceBadge } from '@/lib/inbox/ui/components/badges';
import { Panel } from '@/lib/inbox/ui/components/data-table';
import { EmptyState } from '@/lib/inbox/ui/components/empty-state';
import { PageTitle } from '@/lib/inbox/ui/components/page-title';
import { RelativeTime } from '@/lib/inbox/ui/components/time';
import { errorList } from '@/lib/inbox/ui/queries';
import { culprit, errorTitle } from '@/lib/inbox/ui/sentry-event';
import { str } from '@/lib/inbox/ui/types';
import { payloadSide } from '@/lib/inbox/ui/waterfall';

export const metadata = { title: 'Errors' };

export default async function ErrorsPage() {
  const items = await errorList();
  if (!items.length) {
    return (
      <EmptyState title="No errors — yet">
        Errors Sentry captures in the browser and on the server land here with their stack trace, breadcrumbs, tags and
        trace.
      </EmptyState>
    );
  }
  const rows = items.map((i) => ({ item: i, title: errorTitle(i.payload) }));
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.title, (counts.get(r.title) ?? 0) + 1);
  return (
    <div>
      <PageTitle title="Errors">
        {items.length} Sentry events · {counts.size} distinct titles
      </PageTitle>
      <Panel>
        <ul className="divide-y divide-slate-100">
          {rows.map(({ item, title }) => {
            const p = item.payload;
            const side = payloadSide(p) ?? 'server';
            const level = str((p as Record<string, unknown> | null)?.level) ?? 'error';
            const where = culprit(p);
            return (
              <li key={item.id}>
                <Link href={`/dev/inbox/errors/${item.id}`} className="flex items-center gap-4 px-4 py-2.5 hover:bg-slate-50">
                  <span className={`h-9 w-1 shrink-0 rounded-full ${level === 'error' || level === 'fatal' ? 'bg-rose-500' : 'bg-amber-400'}`} />
                  <div className="min-w-0 flex-1">
                    <div className="flex items-center gap-2">
                      <span className="truncate text-sm font-semibold text-slate-900">{title}</span>
                      {(counts.get(title) ?? 0) > 1 ? (
                        <span className="rounded-full bg-slate-100 px-1.5 font-mono text-[10px] text-slate-500">×{counts.get(title)}</span>
                      ) : null}
                    </div>
                    <div className="truncate font-mono text-xs text-slate-500">{where ?? '—'}</div>
                  </div>
                  <LevelBadge level={level} />
                  <SourceBadge source={side} />
                  <span className="w-20 shrink-0 text-right text-xs text-slate-500">
                    <RelativeTime date={item.received_at} />
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </Panel>
    </div>
  );
}
