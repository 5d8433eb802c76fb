'use client';
// Starts a checkout for a paid plan. Signed-in visitors post the `billing.checkout.start` action (which redirects
// to the provider's hosted page); signed-out visitors go to sign-up with the plan remembered.
import Link from 'next/link';
import { useActionState } from 'react';
import { buttonClass, type ButtonVariant } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/field';
import { startCheckoutAction } from '@/lib/billing/actions';
import { PLANS_CATALOG, type PaidPlanId } from '@/lib/billing/plans';

export type CheckoutButtonProps = {
  plan: PaidPlanId;
  signedIn: boolean;
  variant?: ButtonVariant;
  className?: string;
};

export function CheckoutButton({ plan, signedIn, variant = 'primary', className = '' }: CheckoutButtonProps) {
  const [state, formAction, pending] = useActionState(startCheckoutAction, null);
  const name = PLANS_CATALOG[plan].name;

  if (!signedIn) {
    return (
      <Link href={`/signup?plan=${plan}`} className={buttonClass({ variant }, `w-full ${className}`)} data-plan={plan}>
        Start with {name}
      </Link>
    );
  }

  return (
    <form action={formAction} className="w-full space-y-2">
      <input type="hidden" name="plan" value={plan} />
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending}
        className={buttonClass({ variant }, `w-full ${className}`)}
        data-plan={plan}
      >
        {pending ? 'Redirecting…' : `Upgrade to ${name}`}
      </button>
      <FormMessage inline>{state && !state.ok ? state.error.message : null}</FormMessage>
    </form>
  );
}
