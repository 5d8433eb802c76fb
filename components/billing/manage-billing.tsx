'use client';
// `Manage billing`: Orbit's local portal is a page; Stripe's portal needs a fresh session, so it is an action.
import Link from 'next/link';
import { useActionState } from 'react';
import { buttonClass } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/field';
import { openPortalAction } from '@/lib/billing/actions';

export function ManageBilling({ provider }: { provider: 'local' | 'stripe' }) {
  const [state, formAction, pending] = useActionState(openPortalAction, null);
  if (provider === 'local') {
    return (
      <Link href="/billing/portal" className={buttonClass({ variant: 'secondary' })}>
        Manage billing
      </Link>
    );
  }
  return (
    <form action={formAction} className="space-y-2">
      <button type="submit" disabled={pending} className={buttonClass({ variant: 'secondary' })}>
        {pending ? 'Opening…' : 'Manage billing'}
      </button>
      <FormMessage inline>{state && !state.ok ? state.error.message : null}</FormMessage>
    </form>
  );
}
