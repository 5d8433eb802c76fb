// The onboarding steps in order, shared by the pages, the progress indicator and the state machine.
// No server-only import: the client progress indicator renders it.
export const ONBOARDING_STEPS = ['profile', 'workspace', 'project'] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

export const STEP_LABELS: Record<OnboardingStep, string> = {
  profile: 'About you',
  workspace: 'Workspace',
  project: 'First project',
};

export function stepPath(step: OnboardingStep | null): string {
  return step ? `/onboarding/${step}` : '/dashboard';
}
