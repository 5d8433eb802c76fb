import { PLANS_CATALOG } from '@/lib/billing/plans';
import { ChevronDownIcon } from './icons';

const free = PLANS_CATALOG.free;

// <details> gives an accessible accordion with no client JavaScript.
const faqs: { q: string; a: string }[] = [
  {
    q: 'Is the Free plan really free?',
    a: `Yes. Free has no time limit and needs no credit card: up to ${free.limits.projects ?? 'unlimited'} projects and ${
      free.limits.members ?? 'unlimited'
    } members, with unlimited tasks. Upgrade only when your team needs more room.`,
  },
  {
    q: 'How does per-user pricing work?',
    a: 'Paid plans are priced per user per month and billed monthly. You can see the exact amount on the checkout page before you pay.',
  },
  {
    q: 'Can I change or cancel my plan later?',
    a: 'Any time, from the Billing page in your workspace. If you cancel, your workspace moves back to Free and your projects and tasks stay where they are.',
  },
  {
    q: 'What happens when I reach a limit on Free?',
    a: 'Nothing is lost. Orbit asks you to upgrade before you create a project or invite a member beyond the Free limits; everything you already have keeps working.',
  },
  {
    q: 'How do you handle payments?',
    a: 'Checkout runs through our payment provider on a secure hosted page. Orbit never stores your full card number.',
  },
  {
    q: 'Is there annual billing?',
    a: 'Not yet. Plans are billed month to month, so you can move between Free, Pro and Team whenever your team changes.',
  },
];

export function PricingFaq() {
  return (
    <section id="faq" aria-labelledby="faq-title" className="mx-auto mt-24 grid max-w-5xl scroll-mt-24 gap-10 lg:grid-cols-[1fr_2fr]">
      <div>
        <h2 id="faq-title" className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">
          Frequently asked questions
        </h2>
        <p className="mt-4 text-sm leading-6 text-slate-600">
          Everything you need to know about plans and billing. Still unsure? Start on Free — you can upgrade from inside
          Orbit whenever you are ready.
        </p>
      </div>
      <div className="divide-y divide-slate-200 border-y border-slate-200">
        {faqs.map((f, i) => (
          <details key={f.q} className="group py-1" open={i === 0}>
            <summary className="flex cursor-pointer list-none items-center justify-between gap-4 rounded-md py-4 text-left text-base font-medium text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600">
              {f.q}
              <ChevronDownIcon className="size-5 shrink-0 text-slate-400 transition-transform group-open:rotate-180" />
            </summary>
            <p className="pr-8 pb-5 text-sm leading-6 text-slate-600">{f.a}</p>
          </details>
        ))}
      </div>
    </section>
  );
}
