'use client';
import { useActionState } from 'react';
import { Field, FormMessage, Input, Select } from '@/components/ui/field';
import { PRIVATE_TEXT_CLASS } from '@/lib/telemetry/browser/privacy';
import { inviteMemberAction } from '@/lib/workspaces/actions';
import { SubmitButton } from '../submit-button';

export function InviteForm() {
  const [state, formAction] = useActionState(inviteMemberAction, null);
  const errors = state && !state.ok ? state.error : null;
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <div className="grid gap-3 sm:grid-cols-[1fr_160px]">
        <Field label="Invite by email" name="invite-email" errors={errors?.fieldErrors?.email}>
          <Input id="invite-email" name="email" type="email" placeholder="teammate@company.com" autoComplete="off" aria-invalid={Boolean(errors?.fieldErrors?.email)} />
        </Field>
        <Field label="Role" name="invite-role" errors={errors?.fieldErrors?.role}>
          <Select id="invite-role" name="role" defaultValue="member">
            <option value="member">Member</option>
            <option value="admin">Admin</option>
          </Select>
        </Field>
      </div>
      {errors && !errors.fieldErrors ? <FormMessage>{errors.message}</FormMessage> : null}
      {state?.ok ? <FormMessage tone="success">Invite sent to <span className={PRIVATE_TEXT_CLASS}>{state.data.email}</span>.</FormMessage> : null}
      <SubmitButton pendingLabel="Sending…">Send invite</SubmitButton>
    </form>
  );
}
