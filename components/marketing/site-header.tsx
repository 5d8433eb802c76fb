import Link from 'next/link';
import { ButtonLink } from '@/components/ui/button';
import { Logo } from './logo';

const navLink =
  'rounded-md px-2 py-1.5 text-sm font-medium text-slate-600 transition-colors hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600 sm:px-3';

/** The marketing header: stays server-rendered (no menu JS) — the nav is short enough to fit a phone. */
export function SiteHeader({ signedIn }: { signedIn: boolean }) {
  return (
    <header className="sticky top-0 z-40 border-b border-slate-200/70 bg-white/80 backdrop-blur-md supports-[backdrop-filter]:bg-white/70">
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6 lg:px-8">
        <Logo />
        <nav aria-label="Main" className="flex items-center gap-0.5 sm:gap-1">
          <Link href="/#features" className={`${navLink} hidden md:inline-flex`}>
            Features
          </Link>
          <Link href="/pricing" className={navLink}>
            Pricing
          </Link>
          {signedIn ? (
            <ButtonLink href="/dashboard" size="sm" className="ml-1 sm:ml-2 sm:px-3.5 sm:py-2 sm:text-sm">
              Dashboard
            </ButtonLink>
          ) : (
            <>
              <Link href="/login" className={navLink}>
                Log in
              </Link>
              <ButtonLink href="/signup" size="sm" className="ml-1 sm:ml-2 sm:px-3.5 sm:py-2 sm:text-sm">
                Start free
              </ButtonLink>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
