'use client';
import { useActionState } from 'react';
import { Field, FormMessage, Input } from '@/components/ui/field';
import { updateProfileAction } from '@/lib/users/actions';
import { SubmitButton } from '../submit-button';

export function ProfileForm({ name }: { name: string }) {
  const [state, formAction] = useActionState(updateProfileAction, null);
  const errors = state && !state.ok ? state.error : null;
  const fieldErrors = errors?.fieldErrors?.name;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <Field label="Name" name="profile-name" errors={fieldErrors}>
        <Input id="profile-name" name="name" defaultValue={name} autoComplete="name" maxLength={80} aria-invalid={Boolean(fieldErrors)} />
      </Field>
      {errors && !errors.fieldErrors ? <FormMessage>{errors.message}</FormMessage> : null}
      {state?.ok ? <FormMessage tone="success">Profile saved.</FormMessage> : null}
      <SubmitButton pendingLabel="Saving…">Save profile</SubmitButton>
    </form>
  );
}
