import type { Metadata } from 'next';
import Link from 'next/link';
import { Logo } from '@/components/marketing/logo';
import { buttonClass } from '@/components/ui/button';

export const metadata: Metadata = { title: 'Page not found' };

/** Shown for unknown URLs and for records the visitor may not see (another workspace's project → notFound()). */
export default function NotFound() {
  return (
    <div className="flex min-h-dvh flex-col bg-white">
      <header className="mx-auto flex h-16 w-full max-w-6xl items-center px-4 sm:px-6 lg:px-8">
        <Logo />
      </header>
      <main id="main" className="flex flex-1 items-center justify-center px-4 pb-24">
        <div className="max-w-md text-center">
          <svg viewBox="0 0 200 120" className="mx-auto h-28 w-auto text-brand-500" fill="none" aria-hidden="true" focusable="false">
            <ellipse cx="100" cy="60" rx="86" ry="30" stroke="currentColor" strokeOpacity="0.25" strokeWidth="2" strokeDasharray="4 6" transform="rotate(-12 100 60)" />
            <circle cx="100" cy="60" r="22" fill="currentColor" fillOpacity="0.12" />
            <circle cx="100" cy="60" r="14" fill="currentColor" />
            <circle cx="178" cy="36" r="6" fill="currentColor" fillOpacity="0.55" />
            <circle cx="30" cy="22" r="2" fill="currentColor" fillOpacity="0.4" />
            <circle cx="160" cy="104" r="2.5" fill="currentColor" fillOpacity="0.4" />
          </svg>
          <p className="mt-6 text-sm font-semibold text-brand-600">404</p>
          <h1 className="mt-2 text-3xl font-semibold tracking-tight text-slate-900 sm:text-4xl">This page drifted out of orbit</h1>
          <p className="mt-4 text-base leading-7 text-slate-600">
            The page you are looking for doesn&apos;t exist, or you don&apos;t have access to it. Check the address, or head
            back to somewhere familiar.
          </p>
          <div className="mt-8 flex flex-col justify-center gap-3 sm:flex-row">
            <Link href="/dashboard" className={buttonClass()}>
              Go to dashboard
            </Link>
            <Link href="/" className={buttonClass({ variant: 'secondary' })}>
              Back to home
            </Link>
          </div>
        </div>
      </main>
    </div>
  );
}
