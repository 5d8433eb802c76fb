// Onboarding as a small state machine persisted in the database, so it resumes after a reload or on another
// device. profile: profiles.profileStepAt set (completed or skipped); workspace: the user is a member of a
// workspace (no flag to drift out of sync); project: profiles.projectStepAt set. onboardedAt marks the end.
import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { db, type Tx } from '@/lib/db';
import { members, profiles, workspaces, type JOB_ROLES, type Plan } from '@/lib/db/schema';
import { createProject } from '@/lib/projects/projects';
import { conflict } from '@/lib/server/errors';
import { ONBOARDING_STEPS, type OnboardingStep } from './steps';

export type JobRole = (typeof JOB_ROLES)[number];

export type OnboardingState = {
  jobRole: JobRole | null;
  profileDone: boolean;
  workspaceDone: boolean;
  projectDone: boolean;
  /** The first step not done yet; null once onboarding is finished. */
  next: OnboardingStep | null;
};

export async function getOnboardingState(userId: string): Promise<OnboardingState> {
  const [profile] = await db.select().from(profiles).where(eq(profiles.userId, userId)).limit(1);
  const [membership] = await db.select({ id: members.workspaceId }).from(members).where(eq(members.userId, userId)).limit(1);
  const profileDone = Boolean(profile?.profileStepAt);
  const workspaceDone = Boolean(membership);
  const projectDone = Boolean(profile?.projectStepAt);
  const next: OnboardingStep | null = !profileDone ? 'profile' : !workspaceDone ? 'workspace' : !projectDone ? 'project' : null;
  return { jobRole: profile?.jobRole ?? null, profileDone, workspaceDone, projectDone, next };
}

/**
 * Where a visitor of `step` belongs: null when the step may be shown, otherwise the step (or null = dashboard)
 * to redirect to. A finished onboarding goes to the dashboard; a step ahead of the first open one goes back to
 * it; the workspace step is shown once only (a user has one workspace).
 */
export function redirectForStep(state: OnboardingState, step: OnboardingStep): { to: OnboardingStep | null } | null {
  if (state.next === null) return { to: null };
  const requested = ONBOARDING_STEPS.indexOf(step);
  const due = ONBOARDING_STEPS.indexOf(state.next);
  if (requested > due) return { to: state.next };
  if (step === 'workspace' && state.workspaceDone) return { to: state.next };
  return null;
}

/** Creates the profile row if missing and locks it, so concurrent onboarding submits of one user serialise. */
async function lockProfile(tx: Tx, userId: string): Promise<void> {
  await tx.insert(profiles).values({ userId }).onConflictDoNothing();
  await tx.execute(sql`select 1 from ${profiles} where ${profiles.userId} = ${userId} for update`);
}

/** Onboarding's steps are done once: a finished onboarding refuses them (settings change what they set). */
const onboardingFinished = () => conflict('Onboarding is already complete.');

export async function completeProfileStep(userId: string, jobRole: JobRole | null): Promise<void> {
  const now = new Date();
  const written = await db
    .insert(profiles)
    .values({ userId, jobRole, profileStepAt: now })
    .onConflictDoUpdate({
      target: profiles.userId,
      set: { ...(jobRole ? { jobRole } : {}), profileStepAt: sql`coalesce(${profiles.profileStepAt}, now())`, updatedAt: now },
      setWhere: isNull(profiles.onboardedAt),
    })
    .returning({ userId: profiles.userId });
  if (!written.length) throw onboardingFinished();
}

/** Workspace row + owner membership in one transaction; a second workspace for the same user is refused. */
export async function createFirstWorkspace(userId: string, name: string): Promise<{ id: string; name: string }> {
  return db.transaction(async (tx) => {
    await lockProfile(tx, userId);
    const [existing] = await tx.select({ id: members.workspaceId }).from(members).where(eq(members.userId, userId)).limit(1);
    if (existing) throw conflict('You already have a workspace.');
    const [workspace] = await tx.insert(workspaces).values({ name, ownerId: userId }).returning({ id: workspaces.id, name: workspaces.name });
    if (!workspace) throw new Error('Workspace insert returned no row');
    await tx.insert(members).values({ workspaceId: workspace.id, userId, role: 'owner' });
    // Reaching this step implies the profile step was seen; never leave it open behind a finished workspace.
    await tx
      .update(profiles)
      .set({ profileStepAt: sql`coalesce(${profiles.profileStepAt}, now())`, updatedAt: new Date() })
      .where(eq(profiles.userId, userId));
    return workspace;
  });
}

export type ProjectStepResult = {
  projectId: string | null;
  /** Steps the user skipped on the way: no role chosen on `profile`, no project created on `project`. */
  skippedSteps: OnboardingStep[];
};

/**
 * Finishes onboarding, creating the first project when a name is given (both or neither are written), through
 * the one project-creation path and so within the workspace's plan. Refused once onboarding is finished.
 */
export async function completeProjectStep(
  userId: string,
  workspace: { id: string; plan: Plan },
  projectName: string | null,
): Promise<ProjectStepResult> {
  const workspaceId = workspace.id;
  return db.transaction(async (tx) => {
    await lockProfile(tx, userId);
    const [membership] = await tx
      .select({ id: members.workspaceId })
      .from(members)
      .where(and(eq(members.userId, userId), eq(members.workspaceId, workspaceId)))
      .limit(1);
    if (!membership) throw conflict('Create a workspace first.');
    // Read under the profile lock: of two concurrent final submits, exactly one sees onboarding unfinished.
    const [before] = await tx
      .select({ onboardedAt: profiles.onboardedAt, jobRole: profiles.jobRole })
      .from(profiles)
      .where(eq(profiles.userId, userId));
    if (before?.onboardedAt) throw onboardingFinished();
    const projectId = projectName ? (await createProject(workspace, userId, { name: projectName }, tx)).id : null;
    const now = new Date();
    await tx
      .update(profiles)
      .set({
        profileStepAt: sql`coalesce(${profiles.profileStepAt}, now())`,
        projectStepAt: sql`coalesce(${profiles.projectStepAt}, now())`,
        onboardedAt: sql`coalesce(${profiles.onboardedAt}, now())`,
        updatedAt: now,
      })
      .where(eq(profiles.userId, userId));
    const skippedSteps: OnboardingStep[] = [];
    if (!before?.jobRole) skippedSteps.push('profile');
    if (!projectName) skippedSteps.push('project');
    return { projectId, skippedSteps };
  });
}
