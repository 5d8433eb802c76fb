// /dev/inbox/persons — persons (merged distinct ids) and anonymous ids, most recently active first.
import Link from 'next/link';
import { Pill, SourceBadge } from '@/lib/inbox/ui/components/badges';
import { DataTable, Panel, rightAligned, TablePage, type Column } from '@/lib/inbox/ui/components/data-table';
import { EmptyState } from '@/lib/inbox/ui/components/empty-state';
import { RelativeTime } from '@/lib/inbox/ui/components/time';
import { shortId } from '@/lib/inbox/ui/format';
import { personsOverview } from '@/lib/inbox/ui/queries';
import { personLabel } from '@/lib/inbox/ui/person';

const COLUMNS: Column[] = ['Person', 'Distinct ids', 'Groups', rightAligned('Events'), 'Sources', rightAligned('Last seen')];

export const metadata = { title: 'Persons' };

const personHref = (id: string) => `/dev/inbox/persons/${encodeURIComponent(id)}`;

export default async function PersonsPage() {
  const { persons, anonymous } = await personsOverview();
  if (!persons.length && !anonymous.length) {
    return <EmptyState title="No persons yet" />;
  }
  return (
    <TablePage
      title="Persons"
      description={
        <>
          Identified persons, with every distinct id merged into them by <code className="font-mono text-xs">$identify</code>,
          aliases and server events.
        </>
      }
      columns={COLUMNS}
      footer={!persons.length ? <p className="px-4 py-6 text-sm text-slate-600">No identified person yet.</p> : null}
      after={
        anonymous.length ? (
          <section>
            <h2 className="mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">
              Anonymous ids <span className="font-normal normal-case">(events without a person profile)</span>
            </h2>
            <Panel>
              <DataTable>
                {anonymous.map((a) => (
                  <tr key={a.distinctId} className="hover:bg-slate-50">
                    <td className="px-4 py-2 font-mono text-xs">
                      <Link href={personHref(a.distinctId)} className="hover:text-brand-700 hover:underline">
                        {a.distinctId}
                      </Link>
                    </td>
                    <td className="px-2 py-2 text-right font-mono text-xs tabular-nums">{a.count} events</td>
                    <td className="px-2 py-2">
                      <div className="flex gap-1">
                        {a.web ? <SourceBadge source="web" /> : null}
                        {a.server ? <SourceBadge source="server" /> : null}
                      </div>
                    </td>
                    <td className="px-4 py-2 text-right text-xs text-slate-600">
                      <RelativeTime date={a.last} />
                    </td>
                  </tr>
                ))}
              </DataTable>
            </Panel>
          </section>
        ) : null
      }
    >
      {persons.map((p) => {
        const first = p.distinct_ids[0] ?? '';
        return (
          <tr key={p.person_id} className="hover:bg-slate-50">
            <td className="px-4 py-2">
              <Link href={personHref(first)} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                {personLabel(p.properties, first)}
              </Link>
              <div className="font-mono text-[11px] text-slate-500">{p.person_id}</div>
            </td>
            <td className="px-2 py-2">
              <div className="flex max-w-md flex-wrap gap-1">
                {p.distinct_ids.map((id) => (
                  <Pill key={id} title={id}>
                    <span className="font-mono">{shortId(id, 18)}</span>
                  </Pill>
                ))}
              </div>
            </td>
            <td className="px-2 py-2 text-xs text-slate-600">
              {Object.entries(p.groups).map(([t, k]) => (
                <div key={t} className="font-mono">
                  {t}: {k}
                </div>
              ))}
            </td>
            <td className="px-2 py-2 text-right font-mono text-xs tabular-nums">{p.events}</td>
            <td className="px-2 py-2">
              <div className="flex gap-1">
                {p.web ? <SourceBadge source="web" /> : null}
                {p.server ? <SourceBadge source="server" /> : null}
              </div>
            </td>
            <td className="px-4 py-2 text-right text-xs text-slate-600">
              {p.last_seen ? <RelativeTime date={p.last_seen} /> : '—'}
            </td>
          </tr>
        );
      })}
    </TablePage>
  );
}
