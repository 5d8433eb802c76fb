'use client';
// The chrome around every signed-in page: the full app shell (nav, plan badge, user, Log out) once a workspace
// exists, and a quiet header during onboarding. Chosen by pathname so client navigation switches it instantly.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { OrbitMark } from '@/components/marketing/logo';
import { PRIVATE_TEXT_CLASS } from '@/lib/telemetry/browser/privacy';
import type { Plan } from '@/lib/db/schema/billing';
import { isOnboardingPath } from '@/lib/auth/app-paths';
import { LogoutButton } from './logout-button';
import { PlanBadge } from './plan-badge';

const NAV = [
  { href: '/dashboard', label: 'Dashboard', match: ['/dashboard', '/projects'] },
  { href: '/settings', label: 'Settings', match: ['/settings'] },
  { href: '/billing', label: 'Billing', match: ['/billing'] },
] as const;

type Props = {
  user: { name: string };
  workspace: { name: string; plan: Plan } | null;
  children: ReactNode;
};

function Brand({ href }: { href: string }) {
  return (
    <Link href={href} className="flex items-center gap-2 rounded-md font-semibold tracking-tight text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600">
      <OrbitMark className="size-7" />
      <span>Orbit</span>
    </Link>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}

export function AppFrame({ user, workspace, children }: Props) {
  const pathname = usePathname();

  if (isOnboardingPath(pathname) || !workspace) {
    return (
      <div className="min-h-dvh bg-slate-50">
        <header className="mx-auto flex max-w-3xl items-center justify-between px-6 py-5">
          <Brand href="/onboarding" />
          <div className="flex items-center gap-3 text-sm text-slate-500">
            <span className="hidden sm:inline">
              Signed in as <span className={PRIVATE_TEXT_CLASS}>{user.name}</span>
            </span>
            <LogoutButton />
          </div>
        </header>
        <main className="mx-auto max-w-3xl px-6 pb-16">{children}</main>
      </div>
    );
  }

  return (
    <div className="min-h-dvh bg-slate-50">
      <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/90 backdrop-blur">
        <div className="mx-auto flex h-16 max-w-6xl items-center gap-6 px-6">
          <Brand href="/dashboard" />
          <span className="hidden h-6 w-px bg-slate-200 sm:block" aria-hidden="true" />
          <span className={`${PRIVATE_TEXT_CLASS} hidden max-w-48 truncate text-sm font-medium text-slate-700 sm:block`}>{workspace.name}</span>
          <nav aria-label="Main" className="flex items-center gap-1">
            {NAV.map((item) => {
              const active = item.match.some((m) => pathname === m || pathname.startsWith(`${m}/`));
              return (
                <Link
                  key={item.href}
                  href={item.href}
                  aria-current={active ? 'page' : undefined}
                  className={`rounded-lg px-3 py-2 text-sm font-medium transition ${
                    active ? 'bg-brand-50 text-brand-700' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900'
                  }`}
                >
                  {item.label}
                </Link>
              );
            })}
          </nav>
          <div className="ml-auto flex items-center gap-3">
            <PlanBadge plan={workspace.plan} />
            <span
              className={`${PRIVATE_TEXT_CLASS} hidden size-8 items-center justify-center rounded-full bg-slate-900 text-xs font-semibold text-white sm:flex`}
              aria-hidden="true"
            >
              {initials(user.name)}
            </span>
            <LogoutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-6 py-10">{children}</main>
    </div>
  );
}
