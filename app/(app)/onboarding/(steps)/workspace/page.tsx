import type { Metadata } from 'next';
import { StepCard } from '@/components/app/onboarding/step-card';
import { WorkspaceStepForm } from '@/components/app/onboarding/workspace-step-form';
import { enterStep } from '@/lib/onboarding/guard';

export const metadata: Metadata = { title: 'Name your workspace' };

export default async function WorkspaceStepPage() {
  const { user } = await enterStep('workspace');
  const firstName = user.name.split(/\s+/)[0] ?? user.name;
  return (
    <StepCard step="workspace" title="Name your workspace" description="A workspace holds your projects and the people you plan them with.">
      <WorkspaceStepForm suggestion={`${firstName}'s team`} />
    </StepCard>
  );
}
