'use client';
import { useActionState } from 'react';
import { Field, FormMessage, Input } from '@/components/ui/field';
import { projectStepAction } from '@/lib/onboarding/actions';
import { SubmitButton } from '../submit-button';

export function ProjectStepForm({ suggestion }: { suggestion: string }) {
  const [state, formAction] = useActionState(projectStepAction, null);
  const errors = state && !state.ok ? state.error : null;
  const fieldErrors = errors?.fieldErrors?.name;
  return (
    <form action={formAction} className="space-y-6" noValidate>
      <Field label="Project name" name="name" errors={fieldErrors}>
        <Input
          id="name"
          name="name"
          placeholder={suggestion}
          autoFocus
          maxLength={80}
          aria-invalid={Boolean(fieldErrors)}
          aria-describedby={fieldErrors ? 'name-error' : undefined}
        />
      </Field>
      {errors && !errors.fieldErrors ? <FormMessage>{errors.message}</FormMessage> : null}
      <div className="flex items-center justify-between gap-3">
        <SubmitButton name="intent" value="skip" variant="ghost" pendingLabel="Skipping…">
          Skip
        </SubmitButton>
        <SubmitButton name="intent" value="create" pendingLabel="Creating…">
          Create project
        </SubmitButton>
      </div>
    </form>
  );
}
