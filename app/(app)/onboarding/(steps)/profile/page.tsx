import type { Metadata } from 'next';
import { ProfileStepForm } from '@/components/app/onboarding/profile-step-form';
import { StepCard } from '@/components/app/onboarding/step-card';
import { PRIVATE_TEXT_CLASS } from '@/lib/telemetry/browser/privacy';
import { enterStep } from '@/lib/onboarding/guard';

export const metadata: Metadata = { title: 'Welcome' };

export default async function ProfileStepPage() {
  const { user, state } = await enterStep('profile');
  const firstName = user.name.split(/\s+/)[0] ?? user.name;
  return (
    <StepCard
      step="profile"
      title={
        <>
          Welcome to Orbit, <span className={PRIVATE_TEXT_CLASS}>{firstName}</span>
        </>
      }
      description="Tell us a little about your work so Orbit can fit it. This takes a minute.">
      <ProfileStepForm jobRole={state.jobRole} />
    </StepCard>
  );
}
