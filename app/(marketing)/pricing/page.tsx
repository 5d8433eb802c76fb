import type { Metadata } from 'next';
import { CtaBand } from '@/components/marketing/cta-band';
import { PlanCard } from '@/components/marketing/plan-card';
import { PlanComparison } from '@/components/marketing/plan-comparison';
import { PlanExperimentExposure } from '@/components/marketing/plan-experiment';
import { PricingFaq } from '@/components/marketing/pricing-faq';
import { PLANS_CATALOG, type PlanId } from '@/lib/billing/plans';
import type { FlagKey } from '@/lib/flags/definitions';
import { getAnalyticsBootstrap } from '@/lib/telemetry/browser/server-bootstrap';
import { getCurrentWorkspace } from '@/lib/auth/session';
import { identifyCaller } from '@/lib/auth/guards';

export const metadata: Metadata = {
  title: 'Pricing',
  description: 'Orbit is free for small projects. Pro is $12 and Team $29 per user per month.',
};

const order: PlanId[] = ['free', 'pro', 'team'];
/** The experiment this page runs (lib/flags/definitions.ts). Defined here: a client module's exports are references on the server. */
const PRICING_FLAG = 'pricing-page-layout' satisfies FlagKey;

export default async function PricingPage() {
  const user = await identifyCaller();
  const workspace = user ? await getCurrentWorkspace(user.id) : null;
  const signedIn = Boolean(user);
  // Experiment `pricing-page-layout`, evaluated on the server for this visitor's distinct id (the same id and flags
  // posthog-js is bootstrapped with): control = plans side by side first, test = the comparison table first.
  const { flags } = await getAnalyticsBootstrap();
  const variant = flags[PRICING_FLAG] === 'test' ? 'test' : 'control';

  const cards = (
    <div className="mx-auto mt-14 grid max-w-5xl items-start gap-8 md:grid-cols-3 md:gap-6">
      {order.map((id) => (
        <PlanCard key={id} plan={PLANS_CATALOG[id]} signedIn={signedIn} current={workspace?.plan === id} featured={id === 'pro'} />
      ))}
    </div>
  );

  return (
    <>
      <div className="relative isolate overflow-hidden px-4 pt-16 pb-20 sm:px-6 sm:pt-24 lg:px-8">
        <div
          aria-hidden="true"
          className="absolute top-0 left-1/2 -z-10 h-[32rem] w-[72rem] -translate-x-1/2 bg-[radial-gradient(closest-side,rgb(99_102_241/0.14),transparent)]"
        />
        <div className="mx-auto max-w-2xl text-center">
          <p className="text-sm font-semibold text-brand-600">Pricing</p>
          <h1 className="mt-2 text-4xl font-semibold tracking-tight text-balance text-slate-900 sm:text-5xl">
            Simple plans for teams that ship
          </h1>
          <p className="mt-5 text-lg leading-8 text-pretty text-slate-600">
            Start free and upgrade when your team grows. Prices in US dollars, per user per month.
          </p>
        </div>

        {/* Real DOM order (not CSS order), so reading and tab order follow what is shown. */}
        <div data-pricing-variant={variant}>
          {variant === 'test' ? (
            <>
              <PlanComparison />
              {cards}
            </>
          ) : (
            <>
              {cards}
              <PlanComparison />
            </>
          )}
        </div>
        <PlanExperimentExposure flag={PRICING_FLAG} />
        <PricingFaq />
      </div>
      <CtaBand source="pricing" signedIn={signedIn} />
    </>
  );
}
