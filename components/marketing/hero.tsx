import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { ArrowRightIcon } from './icons';
import { ProductPreview } from './product-preview';

export function Hero() {
  return (
    <section aria-labelledby="hero-title" className="relative isolate overflow-hidden">
      {/* soft backdrop: a faint grid fading out, and a brand glow behind the product picture */}
      <div
        aria-hidden="true"
        className="absolute inset-0 -z-10 bg-[linear-gradient(to_right,rgb(15_23_42/0.04)_1px,transparent_1px),linear-gradient(to_bottom,rgb(15_23_42/0.04)_1px,transparent_1px)] [mask-image:radial-gradient(ellipse_70%_60%_at_50%_0%,#000_40%,transparent_100%)] bg-[size:48px_48px]"
      />
      <div
        aria-hidden="true"
        className="absolute top-[38rem] left-1/2 -z-10 h-[28rem] w-[64rem] -translate-x-1/2 rounded-full bg-[radial-gradient(closest-side,rgb(99_102_241/0.22),transparent)] blur-2xl sm:top-[30rem]"
      />

      <div className="mx-auto max-w-6xl px-4 pt-16 pb-16 sm:px-6 sm:pt-24 lg:px-8">
        <div className="mx-auto max-w-3xl text-center">
          <Link
            href="/#how-it-works"
            className="inline-flex items-center gap-2 rounded-full bg-white px-1 py-1 pr-3 text-xs font-medium text-slate-600 shadow-xs ring-1 ring-slate-200 transition hover:ring-slate-300"
          >
            <span className="rounded-full bg-brand-600 px-2 py-0.5 text-[11px] font-semibold text-white">New</span>
            Ships next: every deadline, one calm view
            <ArrowRightIcon className="size-3.5 text-slate-400" />
          </Link>
          <h1
            id="hero-title"
            className="mt-6 text-4xl font-semibold tracking-tight text-balance text-slate-900 sm:text-6xl sm:leading-[1.05]"
          >
            Plan projects your team{' '}
            <span className="bg-gradient-to-r from-brand-600 via-brand-500 to-violet-500 bg-clip-text text-transparent">
              actually finishes
            </span>
          </h1>
          <p className="mx-auto mt-6 max-w-2xl text-lg leading-8 text-pretty text-slate-600">
            Orbit is the calm project planner for small teams. Projects, tasks and a clear view of what ships next —
            without the noise of a tool built for five thousand people.
          </p>
          <div className="mt-9 flex flex-col items-stretch justify-center gap-3 sm:flex-row sm:items-center">
            <Link href="/signup" data-cta-id="hero_start_free" className={buttonClass({ size: 'lg' }, 'group')}>
              Start free
              <ArrowRightIcon className="size-4 transition-transform group-hover:translate-x-0.5" />
            </Link>
            <Link href="/pricing" data-cta-id="hero_see_pricing" className={buttonClass({ variant: 'secondary', size: 'lg' })}>
              See pricing
            </Link>
          </div>
          <p className="mt-4 text-sm text-slate-500">Free for up to 3 projects · No credit card required</p>
        </div>

        <div className="relative mx-auto mt-14 max-w-5xl sm:mt-20">
          <ProductPreview />
        </div>
      </div>
    </section>
  );
}
