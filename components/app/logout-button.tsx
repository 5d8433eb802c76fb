'use client';
// `Log out` in every app page's header: a form posting the log-out action, which redirects to the landing page.
import { useActionState } from 'react';
import { track } from '@/lib/telemetry/browser';
import { logOutAction } from '@/lib/auth/actions';
import { SubmitButton } from './submit-button';

export function LogoutButton() {
  const [, formAction] = useActionState(logOutAction, null);
  return (
    // Tracked before the action runs, still as the signed-in person; the provider resets the identity afterwards.
    <form action={formAction} onSubmit={() => track('auth.logged_out')}>
      <SubmitButton variant="ghost" size="sm">
        Log out
      </SubmitButton>
    </form>
  );
}
