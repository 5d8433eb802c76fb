import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';

/** The closing call to action on marketing pages; `source` tags the link for click analytics. */
export function CtaBand({ source, signedIn = false }: { source: string; signedIn?: boolean }) {
  return (
    <section aria-labelledby={`cta-${source}-title`} className="px-4 pb-20 sm:px-6 sm:pb-28 lg:px-8">
      <div className="relative isolate mx-auto max-w-6xl overflow-hidden rounded-3xl bg-brand-950 px-6 py-16 text-center shadow-float sm:px-16 sm:py-20">
        <div
          aria-hidden="true"
          className="absolute -top-40 left-1/2 -z-10 size-[36rem] -translate-x-1/2 rounded-full bg-[radial-gradient(closest-side,rgb(129_140_248/0.45),transparent)]"
        />
        <svg
          aria-hidden="true"
          focusable="false"
          viewBox="0 0 400 400"
          className="absolute -right-24 -bottom-40 -z-10 hidden size-[28rem] text-brand-400/20 sm:block"
          fill="none"
          stroke="currentColor"
        >
          <circle cx="200" cy="200" r="80" />
          <circle cx="200" cy="200" r="130" />
          <circle cx="200" cy="200" r="180" />
          <circle cx="330" cy="200" r="6" fill="currentColor" />
          <circle cx="110" cy="72" r="4" fill="currentColor" />
        </svg>
        <h2 id={`cta-${source}-title`} className="mx-auto max-w-2xl text-3xl font-semibold tracking-tight text-balance text-white sm:text-4xl">
          Give your team a calmer week
        </h2>
        <p className="mx-auto mt-4 max-w-xl text-base leading-7 text-pretty text-brand-100/80 sm:text-lg">
          Set up your workspace in a minute. Free for small projects, forever — upgrade only when you need more room.
        </p>
        <div className="mt-9 flex flex-col items-stretch justify-center gap-3 sm:flex-row sm:items-center">
          {signedIn ? (
            <Link href="/dashboard" data-cta-id={`${source}_dashboard`} className={buttonClass({ variant: 'secondary', size: 'lg' }, 'ring-0')}>
              Open your dashboard
            </Link>
          ) : (
            <Link href="/signup" data-cta-id={`${source}_create_workspace`} className={buttonClass({ variant: 'secondary', size: 'lg' }, 'ring-0')}>
              Create your workspace
            </Link>
          )}
          <Link
            href="/#how-it-works"
            className="inline-flex items-center justify-center rounded-lg px-5 py-2.5 text-base font-semibold text-white ring-1 ring-white/20 transition hover:bg-white/10"
          >
            See how it works
          </Link>
        </div>
      </div>
    </section>
  );
}
