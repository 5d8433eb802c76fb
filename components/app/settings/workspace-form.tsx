'use client';
import { useActionState } from 'react';
import { Field, FormMessage, Input } from '@/components/ui/field';
import { renameWorkspaceAction } from '@/lib/workspaces/actions';
import { SubmitButton } from '../submit-button';

export function WorkspaceForm({ name, canManage }: { name: string; canManage: boolean }) {
  const [state, formAction] = useActionState(renameWorkspaceAction, null);
  const errors = state && !state.ok ? state.error : null;
  const fieldErrors = errors?.fieldErrors?.name;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <Field
        label="Workspace name"
        name="workspace-name"
        errors={fieldErrors}
        hint={canManage ? undefined : 'Only owners and admins can rename the workspace.'}
      >
        <Input id="workspace-name" name="name" defaultValue={name} maxLength={60} disabled={!canManage} aria-invalid={Boolean(fieldErrors)} />
      </Field>
      {errors && !errors.fieldErrors ? <FormMessage>{errors.message}</FormMessage> : null}
      {state?.ok ? <FormMessage tone="success">Workspace saved.</FormMessage> : null}
      <SubmitButton pendingLabel="Saving…" disabled={!canManage}>
        Save workspace
      </SubmitButton>
    </form>
  );
}
