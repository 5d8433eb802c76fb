'use server';
// Onboarding's three steps as server actions. Each records its step, then sends the user to the next open step
// (redirectOnSuccess: after the wrapper returned, so the step's success is recorded first).
import 'server-only';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { track } from '@/lib/analytics/server/mutation-events';
import { JOB_ROLES } from '@/lib/db/schema';
import { projectNameSchema } from '@/lib/projects/dto';
import { defineAction, redirectOnSuccess } from '@/lib/server/mutation';
import { completeProfileStep, completeProjectStep, createFirstWorkspace, getOnboardingState } from './state';
import { stepPath } from './steps';

/** The app shell (layout) shows the workspace: it renders fresh on the step the user is sent to. */
function toNextStep({ redirectTo }: { redirectTo: string }): string {
  revalidatePath('/', 'layout');
  return redirectTo;
}

const profileInput = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('skip') }),
  z.object({ intent: z.literal('continue'), jobRole: z.enum(JOB_ROLES, { error: 'Choose your role, or skip this step.' }) }),
]);

export const saveProfileStepAction = redirectOnSuccess(
  defineAction(
    { name: 'onboarding.profile', input: profileInput, auth: 'user' },
    async (input, ctx) => {
      await completeProfileStep(ctx.user.id, input.intent === 'continue' ? input.jobRole : null);
      return { redirectTo: stepPath((await getOnboardingState(ctx.user.id)).next), skipped: input.intent === 'skip' };
    },
    (input) =>
      input.intent === 'skip'
        ? track('onboarding.step_skipped', { step: 'profile' })
        : track('onboarding.step_completed', { step: 'profile', job_role: input.jobRole }),
  ),
  toNextStep,
);

const workspaceInput = z.object({
  name: z
    .string({ error: 'Name your workspace.' })
    .trim()
    .min(1, 'Name your workspace.')
    .max(60, 'Keep the workspace name under 60 characters.'),
});

export const createWorkspaceStepAction = redirectOnSuccess(
  defineAction(
    { name: 'onboarding.workspace', input: workspaceInput, auth: 'user' },
    async (input, ctx) => {
      const workspace = await createFirstWorkspace(ctx.user.id, input.name);
      return { redirectTo: stepPath((await getOnboardingState(ctx.user.id)).next), workspaceId: workspace.id };
    },
    (_input, { workspaceId }) => [
      track(
        'workspace.created',
        { workspace_id: workspaceId },
        // The group carries the workspace's plan; its name was typed by a user and stays in Orbit.
        { groups: { workspace: workspaceId }, group: { workspace: workspaceId, properties: { plan: 'free' } } },
      ),
      track('onboarding.step_completed', { step: 'workspace', workspace_id: workspaceId }, { groups: { workspace: workspaceId } }),
    ],
  ),
  toNextStep,
);

const projectInput = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('skip') }),
  z.object({ intent: z.literal('create'), name: projectNameSchema }),
]);

export const projectStepAction = redirectOnSuccess(
  defineAction(
    { name: 'onboarding.project', input: projectInput, auth: 'workspace' },
    async (input, ctx) => {
      // Refused once onboarding is finished, so each success is the one that finishes it.
      const step = await completeProjectStep(ctx.user.id, ctx.workspace, input.intent === 'create' ? input.name : null);
      return { redirectTo: '/dashboard', ...step };
    },
    (_input, { projectId, skippedSteps }, ctx) => [
      ...(projectId
        ? [
            track('project.created', { project_id: projectId, workspace_id: ctx.workspace.id, source: 'onboarding' }),
            track('onboarding.step_completed', { step: 'project', project_id: projectId }),
          ]
        : [track('onboarding.step_skipped', { step: 'project' })]),
      // The activation milestone, after the step's own event so a funnel sees them in order.
      track('onboarding.completed', { skipped_steps: skippedSteps, workspace_id: ctx.workspace.id }),
    ],
  ),
  toNextStep,
);
