'use client';
// Dashboard form: creates a project through the server action; the list re-renders from the server.
import { useActionState } from 'react';
import { Field, FormMessage, Input } from '@/components/ui/field';
import { createProjectAction } from '@/lib/projects/actions';
import { PRIVATE_TEXT_CLASS } from '@/lib/telemetry/browser/privacy';
import { SubmitButton } from './submit-button';

export function CreateProjectForm() {
  const [state, formAction] = useActionState(createProjectAction, null);
  const errors = state && !state.ok ? state.error : null;
  const fieldErrors = errors?.fieldErrors?.name;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <Field label="Project name" name="name" errors={fieldErrors}>
        <Input id="name" name="name" placeholder="e.g. Website launch" maxLength={80} aria-invalid={Boolean(fieldErrors)} aria-describedby={fieldErrors ? 'name-error' : undefined} />
      </Field>
      {errors && !errors.fieldErrors ? <FormMessage>{errors.message}</FormMessage> : null}
      {state?.ok ? <FormMessage tone="success">Created “<span className={PRIVATE_TEXT_CLASS}>{state.data.name}</span>”.</FormMessage> : null}
      <SubmitButton className="w-full" pendingLabel="Creating…">
        Create project
      </SubmitButton>
    </form>
  );
}
