// /dev/inbox/dashboards — Orbit's dashboards and alerts (lib/analytics/insights), as `npm run analytics --
// provision` writes them to PostHog and Sentry; each dashboard opens computed over the local traffic.
import Link from 'next/link';
import { PageTitle } from '@/lib/inbox/ui/components/page-title';
import { alerts, dashboards, resolveRef } from '@/lib/analytics/insights';

export const metadata = { title: 'Dashboards' };

export default function DashboardsPage() {
  const rules = [
    ...alerts.posthog.map((a) => ({ key: a.key, where: 'PostHog', name: a.name, question: a.question, on: `${a.condition.replace('_', ' ')} > ${a.threshold * 100}% (${a.interval}) on ${a.trend}` })),
    ...alerts.sentryIssue.map((a) => ({ key: a.key, where: 'Sentry issue', name: a.name, question: a.question, on: a.trigger === 'new_issue' ? 'first seen' : (a.tags ?? []).map((t) => `${t.key} ${t.match} ${t.value}`).join(' or ') })),
    ...alerts.sentryMetric.map((a) => ({ key: a.key, where: 'Sentry metric', name: a.name, question: a.question, on: `${a.aggregate}${a.query ? ` where ${a.query}` : ''} > ${a.critical} over ${a.timeWindow} min` })),
  ];
  return (
    <div className="space-y-6">
      <PageTitle title="Dashboards">
        Defined in code (<code className="font-mono text-xs">lib/analytics/insights</code>) · computed here over the local traffic · the same
        definitions are provisioned to PostHog and Sentry with <code className="font-mono text-xs">npm run analytics -- provision</code>
      </PageTitle>
      <div className="grid gap-4 md:grid-cols-2">
        {dashboards.map((d) => (
          <Link key={d.key} href={`/dev/inbox/dashboards/${d.key}`} className="group rounded-xl bg-white p-5 shadow-soft ring-1 ring-slate-200/80 hover:ring-brand-400" data-dashboard={d.key}>
            <h2 className="font-semibold text-slate-900 group-hover:text-brand-700">{d.name}</h2>
            <p className="mt-1 text-sm text-slate-600">{d.question}</p>
            <ul className="mt-3 flex flex-wrap gap-1 text-[11px]">
              {d.items.map((i) => (
                <li key={`${i.kind}:${i.key}`} className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-800">
                  <span className="text-slate-600">{i.kind}</span> {resolveRef(i)?.name ?? i.key}
                </li>
              ))}
            </ul>
          </Link>
        ))}
      </div>
      <section className="rounded-xl bg-white shadow-soft ring-1 ring-slate-200/80">
        <h2 className="border-b border-slate-100 px-5 py-3 font-semibold text-slate-900">Alerts</h2>
        <table className="w-full text-sm">
          <tbody>
            {rules.map((r) => (
              <tr key={r.key} className="border-t border-slate-100 first:border-t-0" data-alert={r.key}>
                <td className="whitespace-nowrap px-5 py-2 text-xs text-slate-500">{r.where}</td>
                <td className="px-2 py-2">
                  <div className="font-medium text-slate-800">{r.name}</div>
                  <div className="text-xs text-slate-600">{r.question}</div>
                </td>
                <td className="px-5 py-2 font-mono text-[11px] text-slate-600">{r.on}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
