import { PLANS_CATALOG, type PlanId } from '@/lib/billing/plans';
import { CheckIcon } from './icons';

const order: PlanId[] = ['free', 'pro', 'team'];

function limit(n: number | null): string {
  return n === null ? 'Unlimited' : String(n);
}

type Row = { label: string; value: (id: PlanId) => string | true };

// Limits come from the plan catalog, so this table can never disagree with what billing enforces.
const rows: Row[] = [
  { label: 'Price / user / month', value: (id) => `$${PLANS_CATALOG[id].priceMonthly}` },
  { label: 'Projects', value: (id) => limit(PLANS_CATALOG[id].limits.projects) },
  { label: 'Members', value: (id) => limit(PLANS_CATALOG[id].limits.members) },
  { label: 'Tasks', value: () => 'Unlimited' },
  { label: 'Ships next timeline', value: () => true },
  { label: 'Isolated workspace, secure sessions', value: () => true },
  {
    label: 'Support',
    value: (id) => PLANS_CATALOG[id].features.find((f) => /support$/i.test(f))?.replace(/ support$/i, '') ?? 'Community',
  },
];

export function PlanComparison() {
  return (
    <section aria-labelledby="compare-title" className="mx-auto mt-24 max-w-5xl">
      <h2 id="compare-title" className="text-center text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">
        Compare plans
      </h2>
      <div className="mt-8 overflow-x-auto rounded-2xl bg-white shadow-soft ring-1 ring-slate-200" role="region" aria-labelledby="compare-title" tabIndex={0}>
        <table className="w-full text-left text-xs sm:text-sm">
          <caption className="sr-only">Plan limits and features side by side</caption>
          <thead>
            <tr className="border-b border-slate-200 bg-slate-50/70">
              <th scope="col" className="px-3 py-3.5 font-medium text-slate-500 sm:px-6">
                Feature
              </th>
              {order.map((id) => (
                <th key={id} scope="col" className={`w-1/5 px-3 py-3.5 font-semibold sm:px-6 ${id === 'pro' ? 'text-brand-700' : 'text-slate-900'}`}>
                  {PLANS_CATALOG[id].name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row" className="px-3 py-3.5 font-normal text-slate-600 sm:px-6">
                  {row.label}
                </th>
                {order.map((id) => {
                  const v = row.value(id);
                  return (
                    <td key={id} className="px-3 py-3.5 font-medium text-slate-900 sm:px-6">
                      {v === true ? (
                        <>
                          <CheckIcon className="size-4 text-brand-600" />
                          <span className="sr-only">Included</span>
                        </>
                      ) : (
                        v
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
