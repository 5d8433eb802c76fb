'use client';
import { useActionState, useEffect, useState } from 'react';
import { Field, FormMessage, Input } from '@/components/ui/field';
import { track } from '@/lib/telemetry/browser';
import { logInAction } from '@/lib/auth/actions';
import { SubmitButton } from '../submit-button';

export function LoginForm({ next }: { next: string | null }) {
  const [state, formAction] = useActionState(logInAction, null);
  const [email, setEmail] = useState('');
  const errors = state && !state.ok ? state.error : null;
  const fe = errors?.fieldErrors;
  useEffect(() => {
    if (errors) track('client.error_shown', { code: errors.code, where: 'login_form', ...(fe ? { field: Object.keys(fe)[0] } : {}) });
  }, [errors, fe]);
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <Field label="Email" name="email" errors={fe?.email}>
        <Input id="email" name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={Boolean(fe?.email)} />
      </Field>
      <Field label="Password" name="password" errors={fe?.password}>
        <Input id="password" name="password" type="password" autoComplete="current-password" aria-invalid={Boolean(fe?.password)} />
      </Field>
      {errors && !fe ? <FormMessage>{errors.message}</FormMessage> : null}
      <SubmitButton className="w-full" pendingLabel="Logging in…">
        Log in
      </SubmitButton>
    </form>
  );
}
