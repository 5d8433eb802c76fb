'use client';
// The local portal's two operations: switch to the other paid plan, or cancel (asks for confirmation first).
import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/field';
import { cancelSubscriptionAction, changePlanAction } from '@/lib/billing/actions';
import { PLANS_CATALOG, type PaidPlanId } from '@/lib/billing/plans';

export function SwitchPlanButton({ plan }: { plan: PaidPlanId }) {
  const [state, formAction, pending] = useActionState(changePlanAction, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="plan" value={plan} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? 'Switching…' : `Switch to ${PLANS_CATALOG[plan].name}`}
      </Button>
      <FormMessage>{state && !state.ok ? state.error.message : null}</FormMessage>
    </form>
  );
}

export function CancelSubscription({ periodEnd }: { periodEnd: string | null }) {
  const [state, formAction, pending] = useActionState(cancelSubscriptionAction, null);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
        Cancel subscription
      </Button>
    );
  }
  return (
    <form action={formAction} className="space-y-3 rounded-lg bg-red-50 p-4 ring-1 ring-red-200">
      <p className="text-sm text-red-800">
        Your workspace returns to Free right away{periodEnd ? ` (it was paid through ${periodEnd})` : ''}. Projects stay,
        but Free limits apply.
      </p>
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? 'Canceling…' : 'Confirm cancellation'}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
          Keep subscription
        </Button>
      </div>
      <FormMessage>{state && !state.ok ? state.error.message : null}</FormMessage>
    </form>
  );
}
