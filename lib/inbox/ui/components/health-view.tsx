// The event-health page: what the collector's rules found (lib/inbox/collector/health.ts), per rule, per event and
// one by one, newest first. Each finding links to its event in the stream, where the failing path is highlighted.
import Link from 'next/link';
import type { HealthReport, HealthWarningRow } from '@/lib/inbox/rows';
import { EventName, Pill } from './badges';
import { DataTable, Panel, rightAligned } from './data-table';
import { PageTitle } from './page-title';
import { ClockTime, RelativeTime } from './time';

type Filters = { rule?: string; severity?: 'warn' | 'error'; event?: string };

const BASE = '/dev/inbox/health';

function href(filters: Filters): string {
  const q = new URLSearchParams(Object.entries(filters).filter((kv): kv is [string, string] => Boolean(kv[1])));
  const s = q.toString();
  return s ? `${BASE}?${s}` : BASE;
}

/** The stream, narrowed to the event's session (or person and name) so it is there, with the event open. */
function eventHref(w: HealthWarningRow): string {
  const q = new URLSearchParams(w.session_id ? { session_id: w.session_id } : { distinct_id: w.distinct_id, event: w.event });
  q.set('selected', w.event_uuid);
  return `/dev/inbox?${q.toString()}`;
}

function Severity({ severity }: { severity: 'warn' | 'error' }) {
  return <Pill tone={severity === 'error' ? 'red' : 'amber'}>{severity}</Pill>;
}


export function HealthView({ report, filters }: { report: HealthReport; filters: Filters }) {
  const total = report.by_rule.reduce((n, r) => n + r.count, 0);
  const filtered = Boolean(filters.rule || filters.event || filters.severity);
  return (
    <div className="space-y-4" data-testid="health-view">
      <PageTitle
        title="Event health"
        aside={
          filtered ? (
            <Link href={BASE} className="text-sm text-brand-700 hover:underline">
              Clear filters
            </Link>
          ) : null
        }
      >
        <span data-testid="health-summary">
          {report.checked_events.toLocaleString('en-US')} events checked · {total.toLocaleString('en-US')} findings
        </span>{' '}
        against the catalog (<code className="font-mono text-xs">lib/analytics/catalog.ts</code>) and the SDKs&apos; rules; each rule is
        explained in <code className="font-mono text-xs">docs/local-inbox.md</code>, &ldquo;Event health&rdquo;.
      </PageTitle>
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel>
          <h2 className="border-b border-slate-100 px-4 py-2 text-sm font-semibold text-slate-800">By rule</h2>
          <DataTable columns={['Rule', 'Severity', rightAligned('Findings')]}>
            {report.by_rule.map((r) => (
              <tr key={r.rule} className={r.count ? '' : 'text-slate-500'} data-rule={r.rule}>
                <td className="px-4 py-1.5">
                  <Link href={href({ ...filters, rule: r.rule })} className="hover:text-brand-700 hover:underline">
                    {r.title}
                  </Link>{' '}
                  <code className="font-mono text-[11px] text-slate-500" title={r.doc}>
                    {r.rule}
                  </code>
                </td>
                <td className="px-2 py-1.5">
                  <Severity severity={r.severity} />
                </td>
                <td className={`px-4 py-1.5 text-right font-mono tabular-nums ${r.count ? 'font-semibold text-slate-900' : ''}`}>{r.count}</td>
              </tr>
            ))}
          </DataTable>
        </Panel>
        <Panel>
          <h2 className="border-b border-slate-100 px-4 py-2 text-sm font-semibold text-slate-800">By event</h2>
          {report.by_event.length ? (
            <DataTable columns={['Event', rightAligned('Findings')]}>
              {report.by_event.map((e) => (
                <tr key={e.event}>
                  <td className="px-4 py-1.5">
                    <Link href={href({ ...filters, event: e.event })} className="hover:underline">
                      <EventName event={e.event} />
                    </Link>
                  </td>
                  <td className="px-4 py-1.5 text-right font-mono tabular-nums">{e.count}</td>
                </tr>
              ))}
            </DataTable>
          ) : (
            <p className="px-4 py-3 text-sm text-slate-600">No event has a finding{filtered ? ' under these filters' : ''}.</p>
          )}
        </Panel>
      </div>
      {report.warnings.length ? (
        <Panel>
          <h2 className="border-b border-slate-100 px-4 py-2 text-sm font-semibold text-slate-800">
            Findings <span className="font-normal text-slate-500">newest first</span>
          </h2>
          <DataTable fixed columns={[{ label: 'Time', className: 'w-24 px-4 py-2' }, { label: 'Severity', className: 'w-20 px-2 py-2' }, { label: 'Rule', className: 'w-40 px-2 py-2' }, { label: 'Event', className: 'w-52 px-2 py-2' }, { label: 'Finding', className: 'px-2 py-2' }, { label: '', className: 'w-24 px-4 py-2' }]}>
            {report.warnings.map((w) => (
              <tr key={w.id} data-testid="health-finding" data-rule={w.rule}>
                <td className="px-4 py-1.5 font-mono text-xs text-slate-600" title={w.created_at}>
                  <ClockTime date={w.created_at} />
                  <RelativeTime date={w.created_at} className="block text-[10px] text-slate-500" />
                </td>
                <td className="px-2 py-1.5">
                  <Severity severity={w.severity} />
                </td>
                <td className="truncate px-2 py-1.5 font-mono text-xs">
                  <Link href={href({ ...filters, rule: w.rule })} className="hover:text-brand-700 hover:underline">
                    {w.rule}
                  </Link>
                </td>
                <td className="truncate px-2 py-1.5">
                  <EventName event={w.event} />
                </td>
                <td className="px-2 py-1.5 text-xs">
                  {w.path ? <code className="mr-1.5 rounded bg-amber-100 px-1 py-px font-mono text-amber-950 ring-1 ring-amber-300">{w.path}</code> : null}
                  <span className="text-slate-700">{w.message}</span>
                </td>
                <td className="px-4 py-1.5 text-right text-xs">
                  <Link href={eventHref(w)} className="text-brand-700 hover:underline" data-testid="health-event-link">
                    Open event →
                  </Link>
                </td>
              </tr>
            ))}
          </DataTable>
        </Panel>
      ) : (
        <Panel className="px-4 py-6 text-center text-sm text-slate-600" data-testid="health-empty">
          {total ? 'No finding under these filters.' : 'No findings.'} Every event the collector stores is checked: unknown names,
          properties the catalog&apos;s schema refuses, personal data, the wrong side, duplicate pageviews, missing sessions,
          identity breaks and clock skew.
        </Panel>
      )}
    </div>
  );
}
