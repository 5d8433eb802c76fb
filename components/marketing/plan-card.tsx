import Link from 'next/link';
import { CheckoutButton } from '@/components/billing/checkout-button';
import { buttonClass } from '@/components/ui/button';
import type { PlanDefinition } from '@/lib/billing/plans';
import { CheckIcon } from './icons';

type Props = {
  plan: PlanDefinition;
  signedIn: boolean;
  /** The visitor's workspace is on this plan already (signed in only). */
  current: boolean;
  featured?: boolean;
};

function PlanAction({ plan, signedIn, current, featured }: Props) {
  const variant = featured ? 'primary' : 'secondary';
  // A second checkout for the plan you already pay for would double-bill; send paying visitors to billing instead.
  if (current && plan.id !== 'free') {
    return (
      <Link href="/billing" className={buttonClass({ variant: 'secondary' }, 'w-full')}>
        Manage your plan
      </Link>
    );
  }
  if (plan.id === 'free') {
    return signedIn ? (
      <Link href="/dashboard" className={buttonClass({ variant: 'secondary' }, 'w-full')}>
        Go to dashboard
      </Link>
    ) : (
      <Link href="/signup" data-cta-id="pricing_start_free" className={buttonClass({ variant: 'secondary' }, 'w-full')}>
        Start free
      </Link>
    );
  }
  return <CheckoutButton plan={plan.id} signedIn={signedIn} variant={variant} />;
}

export function PlanCard(props: Props) {
  const { plan, current, featured = false } = props;
  const titleId = `plan-${plan.id}-title`;
  return (
    <article
      data-plan={plan.id}
      aria-labelledby={titleId}
      className={`relative flex flex-col rounded-2xl bg-white p-6 sm:p-8 ${
        featured ? 'shadow-float ring-2 ring-brand-600' : 'shadow-soft ring-1 ring-slate-200'
      }`}
    >
      {featured ? (
        <p className="absolute -top-3 left-1/2 -translate-x-1/2 rounded-full bg-brand-600 px-3 py-1 text-xs font-semibold whitespace-nowrap text-white shadow-sm">
          Most popular
        </p>
      ) : null}
      <div className="flex items-center justify-between gap-3">
        <h2 id={titleId} className={`text-lg font-semibold ${featured ? 'text-brand-700' : 'text-slate-900'}`}>
          {plan.name}
        </h2>
        {current ? (
          <span className="rounded-full bg-emerald-50 px-2.5 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-200 ring-inset">
            Current plan
          </span>
        ) : null}
      </div>
      <p className="mt-2 text-sm md:min-h-12 leading-6 text-slate-600">{plan.tagline}</p>
      <p className="mt-6 flex items-baseline gap-1.5">
        <span className="text-5xl font-semibold tracking-tight text-slate-900">${plan.priceMonthly}</span>
        <span className="text-sm leading-5 text-slate-500">per user / month</span>
      </p>
      <p className="mt-1 text-xs text-slate-500">{plan.priceMonthly === 0 ? 'Free forever, no card needed' : 'Billed monthly, cancel any time'}</p>
      <div className="mt-6">
        <PlanAction {...props} />
      </div>
      <ul className="mt-8 space-y-3 border-t border-slate-100 pt-6 text-sm text-slate-700">
        {plan.features.map((f) => (
          <li key={f} className="flex gap-3">
            <CheckIcon className="mt-0.5 size-4 shrink-0 text-brand-600" />
            {f}
          </li>
        ))}
      </ul>
    </article>
  );
}
