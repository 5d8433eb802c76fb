// The onboarding and project server actions under hostile input, through the harness in test-support/fuzz/actions.ts (the actions are split
// over three files so Vitest's workers share the fuzzing).
import { vi } from 'vitest';

vi.mock('next/headers', () => import('@/test-support/next-request'));
vi.mock('next/cache', () => import('@/test-support/next-request'));

const onboarding = await import('@/lib/onboarding/actions');
const projects = await import('@/lib/projects/actions');
const { fuzzServerActions } = await import('./actions');
type Action = import('./actions').Action;

fuzzServerActions({
  'onboarding.saveProfileStepAction': onboarding.saveProfileStepAction as Action,
  'onboarding.createWorkspaceStepAction': onboarding.createWorkspaceStepAction as Action,
  'onboarding.projectStepAction': onboarding.projectStepAction as Action,
  'projects.createProjectAction': projects.createProjectAction as Action,
});
