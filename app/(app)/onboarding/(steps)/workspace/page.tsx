import type { Metadata } from 'next';
import { StepCard } from '@/components/app/onboarding/step-card';
import { WorkspaceStepForm } from '@/components/app/onboarding/workspace-step-form';
import { enterStep } from '@/lib/onboarding/guard';

export const metadata: Metadata = { title: 'Name your workspace' };

export default async function WorkspaceStepPage() {
  await enterStep('workspace');
  return (
    <StepCard step="workspace" title="Name your workspace" description="A workspace holds your projects and the people you plan them with.">
      {/* Not the person's name: a placeholder is an attribute, and recordings keep attributes as they are. */}
      <WorkspaceStepForm suggestion="e.g. Acme Inc." />
    </StepCard>
  );
}
