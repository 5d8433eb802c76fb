import type { Metadata } from 'next';
import Link from 'next/link';
import { SignupForm } from '@/components/app/auth/signup-form';
import { Card } from '@/components/ui/card';

export const metadata: Metadata = { title: 'Create your account' };

export default function SignupPage() {
  return (
    <div className="space-y-6">
      <div className="space-y-2 text-center">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Create your Orbit account</h1>
        <p className="text-sm text-slate-600">Free forever for small teams. No card needed.</p>
      </div>
      <Card className="p-8">
        <SignupForm />
      </Card>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{' '}
        <Link href="/login" className="font-semibold text-brand-700 hover:text-brand-600">
          Log in
        </Link>
      </p>
    </div>
  );
}
