'use client';
import Link from 'next/link';
import { useActionState, useEffect, useState } from 'react';
import { Field, FormMessage, Input } from '@/components/ui/field';
import { track } from '@/lib/telemetry/browser';
import { signUpAction } from '@/lib/auth/actions';
import { SubmitButton } from '../submit-button';

export function SignupForm() {
  const [state, formAction] = useActionState(signUpAction, null);
  // Controlled so a refused submit keeps what was typed (React resets uncontrolled forms after an action).
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const errors = state && !state.ok ? state.error : null;
  const fe = errors?.fieldErrors;
  useEffect(() => {
    // `?plan=` is set by the pricing page's "Start with Pro/Team"; anything else is not a paid plan.
    const plan = new URLSearchParams(location.search).get('plan');
    track('auth.signup_started', { method: 'email', ...(plan === 'pro' || plan === 'team' ? { plan } : {}) });
  }, []);
  useEffect(() => {
    if (errors) track('client.error_shown', { code: errors.code, where: 'signup_form', ...(fe ? { field: Object.keys(fe)[0] } : {}) });
  }, [errors, fe]);
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <Field label="Name" name="name" errors={fe?.name}>
        <Input id="name" name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={Boolean(fe?.name)} />
      </Field>
      <Field label="Email" name="email" errors={fe?.email}>
        <Input id="email" name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={Boolean(fe?.email)} />
      </Field>
      <Field label="Password" name="password" errors={fe?.password} hint="At least 8 characters.">
        <Input id="password" name="password" type="password" autoComplete="new-password" aria-invalid={Boolean(fe?.password)} />
      </Field>
      {errors && !fe ? (
        <FormMessage>
          {errors.message}
          {errors.code === 'conflict' ? (
            <>
              {' '}
              <Link href="/login" className="font-semibold underline">
                Go to log in
              </Link>
            </>
          ) : null}
        </FormMessage>
      ) : null}
      <SubmitButton className="w-full" pendingLabel="Creating account…">
        Create account
      </SubmitButton>
    </form>
  );
}
