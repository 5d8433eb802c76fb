import type { Metadata } from 'next';
import Link from 'next/link';
import { LoginForm } from '@/components/app/auth/login-form';
import { Card } from '@/components/ui/card';
import { safeNextPath } from '@/lib/auth/safe-next';

export const metadata: Metadata = { title: 'Log in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath((await searchParams).next);
  return (
    <div className="space-y-6">
      <div className="space-y-2 text-center">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Welcome back</h1>
        <p className="text-sm text-slate-600">Log in to pick up where your team left off.</p>
      </div>
      <Card className="p-8">
        <LoginForm next={next} />
      </Card>
      <p className="text-center text-sm text-slate-600">
        New to Orbit?{' '}
        <Link href="/signup" className="font-semibold text-brand-700 hover:text-brand-600">
          Create an account
        </Link>
      </p>
    </div>
  );
}
