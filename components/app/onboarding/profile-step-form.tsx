'use client';
import { useActionState } from 'react';
import { Field, FormMessage, Select } from '@/components/ui/field';
import { saveProfileStepAction } from '@/lib/onboarding/actions';
import { SubmitButton } from '../submit-button';

const ROLE_LABELS = {
  founder: 'Founder or executive',
  engineering: 'Engineering',
  product: 'Product management',
  design: 'Design',
  marketing: 'Marketing',
  operations: 'Operations',
  other: 'Something else',
} as const;

export function ProfileStepForm({ jobRole }: { jobRole: keyof typeof ROLE_LABELS | null }) {
  const [state, formAction] = useActionState(saveProfileStepAction, null);
  const errors = state && !state.ok ? state.error : null;
  return (
    <form action={formAction} className="space-y-6" noValidate>
      <Field label="Your role" name="jobRole" errors={errors?.fieldErrors?.jobRole} hint="We use it to suggest a sensible first project.">
        <Select id="jobRole" name="jobRole" defaultValue={jobRole ?? ''} aria-invalid={Boolean(errors?.fieldErrors?.jobRole)} aria-describedby={errors?.fieldErrors?.jobRole ? 'jobRole-error' : undefined}>
          <option value="" disabled>
            Choose your role
          </option>
          {Object.entries(ROLE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      {errors && !errors.fieldErrors ? <FormMessage>{errors.message}</FormMessage> : null}
      <div className="flex items-center justify-between gap-3">
        <SubmitButton name="intent" value="skip" variant="ghost" pendingLabel="Skipping…">
          Skip
        </SubmitButton>
        <SubmitButton name="intent" value="continue" pendingLabel="Saving…">
          Continue
        </SubmitButton>
      </div>
    </form>
  );
}
