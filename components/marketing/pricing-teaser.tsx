import Link from 'next/link';
import { PLANS_CATALOG, type PlanId } from '@/lib/billing/plans';
import { ArrowRightIcon, CheckIcon } from './icons';
import { SectionHeading } from './section-heading';

const order: PlanId[] = ['free', 'pro', 'team'];

export function PricingTeaser() {
  return (
    <section aria-labelledby="pricing-teaser-title" className="border-t border-slate-200/70 py-20 sm:py-28">
      <div className="mx-auto max-w-6xl px-4 sm:px-6 lg:px-8">
        <SectionHeading id="pricing-teaser-title" eyebrow="Pricing" title="Simple pricing that grows with your team">
          Start on Free and upgrade when your team does. Every plan includes unlimited tasks.
        </SectionHeading>
        <ul className="mx-auto mt-12 grid max-w-5xl gap-4 md:grid-cols-3">
          {order.map((id) => {
            const plan = PLANS_CATALOG[id];
            const featured = id === 'pro';
            return (
              <li
                key={id}
                className={`relative rounded-2xl p-6 ${
                  featured ? 'bg-brand-950 text-white shadow-float' : 'bg-white shadow-soft ring-1 ring-slate-200/80'
                }`}
              >
                <div className="flex items-center justify-between">
                  <h3 className={`text-sm font-semibold ${featured ? 'text-brand-200' : 'text-slate-900'}`}>{plan.name}</h3>
                  {featured ? (
                    <span className="rounded-full bg-brand-500/25 px-2 py-0.5 text-[11px] font-medium text-brand-100 ring-1 ring-brand-400/40">
                      Most popular
                    </span>
                  ) : null}
                </div>
                <p className="mt-3 flex items-baseline gap-1">
                  <span className="text-4xl font-semibold tracking-tight">${plan.priceMonthly}</span>
                  <span className={`text-sm ${featured ? 'text-brand-200' : 'text-slate-500'}`}>/ user / month</span>
                </p>
                <p className={`mt-3 text-sm leading-6 ${featured ? 'text-slate-300' : 'text-slate-600'}`}>{plan.tagline}</p>
                <p className={`mt-4 flex items-center gap-2 text-sm ${featured ? 'text-white' : 'text-slate-700'}`}>
                  <CheckIcon className={`size-4 ${featured ? 'text-brand-300' : 'text-brand-600'}`} />
                  {plan.features[0]}
                </p>
              </li>
            );
          })}
        </ul>
        <div className="mt-10 text-center">
          <Link
            href="/pricing"
            data-cta-id="teaser_compare_plans"
            className="group inline-flex items-center gap-1.5 text-sm font-semibold text-brand-600 hover:text-brand-700"
          >
            Compare plans and features
            <ArrowRightIcon className="size-4 transition-transform group-hover:translate-x-0.5" />
          </Link>
        </div>
      </div>
    </section>
  );
}
