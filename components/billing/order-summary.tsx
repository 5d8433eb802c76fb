// The left side of the local checkout: what is being bought, for how much, and when it renews.
import { formatUsd, PLANS_CATALOG, planAmountCents, type PaidPlanId } from '@/lib/billing/plans';
import { formatBillingDate } from './format';

export function OrderSummary({ plan, renewsOn }: { plan: PaidPlanId; renewsOn: Date }) {
  const def = PLANS_CATALOG[plan];
  const amount = formatUsd(planAmountCents(plan));
  return (
    <div className="space-y-8">
      <div>
        <p className="text-sm font-medium text-slate-500">Subscribe to Orbit {def.name}</p>
        <p className="mt-1 flex items-baseline gap-2">
          <span className="text-4xl font-semibold tracking-tight text-slate-900">{amount}</span>
          <span className="text-sm leading-tight text-slate-500">
            per
            <br />
            month
          </span>
        </p>
        <p className="mt-2 text-sm text-slate-500">{def.tagline}</p>
      </div>

      <section aria-labelledby="order-summary-heading" className="space-y-4 text-sm">
        <h2 id="order-summary-heading" className="sr-only">
          Order summary
        </h2>
        <div className="flex items-start justify-between gap-4">
          <div className="flex gap-3">
            <span aria-hidden className="grid size-10 shrink-0 place-items-center rounded-lg bg-brand-600 font-semibold text-white">
              {def.name[0]}
            </span>
            <div>
              <p className="font-medium text-slate-900">Orbit {def.name}</p>
              <p className="text-slate-500">Qty 1 · Billed monthly</p>
            </div>
          </div>
          <span className="font-medium text-slate-900">{amount}</span>
        </div>
        <ul className="ml-13 space-y-1 text-slate-500">
          {def.features.map((f) => (
            <li key={f} className="flex gap-2">
              <span aria-hidden className="text-brand-600">✓</span>
              {f}
            </li>
          ))}
        </ul>
        <dl className="space-y-3 border-t border-slate-200 pt-4">
          <div className="flex justify-between">
            <dt className="text-slate-600">Subtotal</dt>
            <dd className="text-slate-900">{amount}</dd>
          </div>
          <div className="flex justify-between">
            <dt className="text-slate-600">Tax</dt>
            <dd className="text-slate-900">$0.00</dd>
          </div>
          <div className="flex justify-between border-t border-slate-200 pt-3 font-semibold">
            <dt className="text-slate-900">Total due today</dt>
            <dd className="text-slate-900">{amount}</dd>
          </div>
        </dl>
        <p className="text-xs text-slate-500">
          Then {amount} per month, renewing on {formatBillingDate(renewsOn)}. Cancel anytime from Manage billing.
        </p>
      </section>
    </div>
  );
}
