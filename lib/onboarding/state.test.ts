// The onboarding state machine on a real database: resumable, steps skippable except the workspace, and the
// workspace + owner membership written together or not at all.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { members, profiles, projects, users, workspaces } from '@/lib/db/schema';
import { completeProfileStep, completeProjectStep, createFirstWorkspace, getOnboardingState, redirectForStep } from './state';

let n = 0;
async function user(): Promise<string> {
  const id = `usr_test_${++n}`;
  await db.insert(users).values({ id, name: `Test ${n}`, email: `t${n}@example.test` });
  return id;
}

describe('onboarding state', () => {
  it('walks profile → workspace → project and ends on the dashboard', async () => {
    const id = await user();
    expect((await getOnboardingState(id)).next).toBe('profile');
    await completeProfileStep(id, 'design');
    const afterProfile = await getOnboardingState(id);
    expect(afterProfile).toMatchObject({ next: 'workspace', jobRole: 'design' });
    const ws = await createFirstWorkspace(id, 'Studio');
    expect((await getOnboardingState(id)).next).toBe('project');
    const { projectId } = await completeProjectStep(id, { id: ws.id, plan: 'free' }, 'Brand refresh');
    expect(projectId).toMatch(/^prj_/);
    expect((await getOnboardingState(id)).next).toBeNull();
    const [profile] = await db.select().from(profiles).where(eq(profiles.userId, id));
    expect(profile?.onboardedAt).toBeInstanceOf(Date);
    expect(await db.select().from(members).where(eq(members.userId, id))).toEqual([expect.objectContaining({ workspaceId: ws.id, role: 'owner' })]);
  });

  it('skipping keeps the earlier answer and records the step', async () => {
    const id = await user();
    await completeProfileStep(id, 'product');
    await completeProfileStep(id, null);
    expect(await getOnboardingState(id)).toMatchObject({ profileDone: true, jobRole: 'product' });
  });

  it('refuses a second workspace and leaves no half-written rows', async () => {
    const id = await user();
    await createFirstWorkspace(id, 'One');
    await expect(createFirstWorkspace(id, 'Two')).rejects.toMatchObject({ code: 'conflict' });
    expect(await db.select().from(workspaces).where(eq(workspaces.ownerId, id))).toHaveLength(1);
  });

  it('skipping the project step creates no project', async () => {
    const id = await user();
    const ws = await createFirstWorkspace(id, 'Solo');
    expect(await completeProjectStep(id, { id: ws.id, plan: 'free' }, null)).toEqual({ projectId: null, skippedSteps: ['profile', 'project'] });
    expect(await db.select().from(projects).where(eq(projects.workspaceId, ws.id))).toEqual([]);
  });

  it('refuses every step once onboarding is finished, and writes nothing', async () => {
    const id = await user();
    const ws = await createFirstWorkspace(id, 'Done');
    await completeProjectStep(id, { id: ws.id, plan: 'free' }, null);
    await expect(completeProjectStep(id, { id: ws.id, plan: 'free' }, 'Late')).rejects.toMatchObject({ code: 'conflict' });
    await expect(completeProfileStep(id, 'design')).rejects.toMatchObject({ code: 'conflict' });
    await expect(createFirstWorkspace(id, 'Again')).rejects.toMatchObject({ code: 'conflict' });
    expect(await db.select().from(projects).where(eq(projects.workspaceId, ws.id))).toEqual([]);
    expect(await getOnboardingState(id)).toMatchObject({ jobRole: null, next: null });
  });

  it('keeps visitors on a step they may see', () => {
    const base = { jobRole: null, profileDone: true, workspaceDone: false, projectDone: false, next: 'workspace' as const };
    expect(redirectForStep(base, 'profile')).toBeNull();
    expect(redirectForStep(base, 'workspace')).toBeNull();
    expect(redirectForStep(base, 'project')).toEqual({ to: 'workspace' });
    const withWs = { ...base, workspaceDone: true, next: 'project' as const };
    expect(redirectForStep(withWs, 'workspace')).toEqual({ to: 'project' });
    expect(redirectForStep({ ...withWs, projectDone: true, next: null }, 'profile')).toEqual({ to: null });
  });
});
