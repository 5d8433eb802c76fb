'use client';
// `Log out` in every app page's header: a form posting the log-out action, which redirects to the landing page.
import { useActionState } from 'react';
import { logOutAction } from '@/lib/users/auth-actions';
import { SubmitButton } from './submit-button';

export function LogoutButton() {
  const [, formAction] = useActionState(logOutAction, null);
  return (
    <form action={formAction}>
      <SubmitButton variant="ghost" size="sm">
        Log out
      </SubmitButton>
    </form>
  );
}
