'use client';
import { useActionState } from 'react';
import { Field, FormMessage, Input } from '@/components/ui/field';
import { createWorkspaceStepAction } from '@/lib/onboarding/actions';
import { SubmitButton } from '../submit-button';

export function WorkspaceStepForm({ suggestion }: { suggestion: string }) {
  const [state, formAction] = useActionState(createWorkspaceStepAction, null);
  const errors = state && !state.ok ? state.error : null;
  const fieldErrors = errors?.fieldErrors?.name;
  return (
    <form action={formAction} className="space-y-6" noValidate>
      <Field label="Workspace name" name="name" errors={fieldErrors} hint="Usually your company or team name. You can change it later.">
        <Input
          id="name"
          name="name"
          placeholder={suggestion}
          autoComplete="organization"
          autoFocus
          maxLength={60}
          aria-invalid={Boolean(fieldErrors)}
          aria-describedby={fieldErrors ? 'name-error' : undefined}
        />
      </Field>
      {errors && !errors.fieldErrors ? <FormMessage>{errors.message}</FormMessage> : null}
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Creating…">Continue</SubmitButton>
      </div>
    </form>
  );
}
