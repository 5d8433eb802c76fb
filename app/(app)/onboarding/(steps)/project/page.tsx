import type { Metadata } from 'next';
import { ProjectStepForm } from '@/components/app/onboarding/project-step-form';
import { StepCard } from '@/components/app/onboarding/step-card';
import { enterStep } from '@/lib/onboarding/guard';

export const metadata: Metadata = { title: 'Create your first project' };

const SUGGESTIONS: Record<string, string> = {
  engineering: 'Q3 platform migration',
  product: 'Onboarding revamp',
  design: 'Design system refresh',
  marketing: 'Spring launch campaign',
  operations: 'Office move',
  founder: 'Seed round prep',
};

export default async function ProjectStepPage() {
  const { state } = await enterStep('project');
  return (
    <StepCard step="project" title="Create your first project" description="Projects group the tasks that ship one outcome. Start with whatever is on your mind this week.">
      <ProjectStepForm suggestion={SUGGESTIONS[state.jobRole ?? ''] ?? 'Website launch'} />
    </StepCard>
  );
}
