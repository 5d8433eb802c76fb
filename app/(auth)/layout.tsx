// Sign-up and log-in: a centred card on a quiet background. Visitors who are already signed in go to the app.
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { Logo } from '@/components/marketing/logo';
import { identifyCaller } from '@/lib/auth/guards';

export default async function AuthLayout({ children }: { children: ReactNode }) {
  if (await identifyCaller()) redirect('/dashboard');
  return (
    <div className="flex min-h-dvh flex-col bg-gradient-to-b from-brand-50 via-white to-white">
      <header className="px-6 py-5">
        <Logo />
      </header>
      <main className="flex flex-1 items-start justify-center px-6 pb-16 pt-6 sm:pt-16">
        <div className="w-full max-w-sm">{children}</div>
      </main>
    </div>
  );
}
