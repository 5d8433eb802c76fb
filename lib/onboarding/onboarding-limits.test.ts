// Onboarding's project step creates a project, so it is held to the plan like every other way to create one, and
// its actions stop working once onboarding is done: otherwise a Free workspace at its limit gets more projects by
// calling the step's server action directly. Through the real actions, Better Auth session and database.
import { count, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { request } from '@/test-support/next-request';
import { signUp } from '@/test-support/users';

vi.mock('next/headers', () => import('@/test-support/next-request'));
vi.mock('next/cache', () => import('@/test-support/next-request'));

const { db } = await import('@/lib/db');
const { members, projects } = await import('@/lib/db/schema');
const { createProject } = await import('@/lib/projects/projects');
const { getOnboardingState } = await import('./state');
const { saveProfileStepAction, createWorkspaceStepAction, projectStepAction } = await import('./actions');

let counter = 0;

async function signedIn(): Promise<string> {
  const { cookie, userId } = await signUp({ name: 'Limit Tester', email: `limits-${Date.now().toString(36)}${++counter}@example.test` });
  request.headers = new Headers({ cookie, 'x-forwarded-for': '203.0.113.19' });
  return userId;
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

/** Runs a step action: 'next' when it succeeded (its redirect), else the error code it answered. */
async function step(action: (prev: null, form: FormData) => Promise<{ ok: boolean; error?: { code: string } }>, fields: Record<string, string>) {
  try {
    const result = await action(null, form(fields));
    return result.ok ? 'next' : result.error!.code;
  } catch (error) {
    if ((error as { digest?: string }).digest?.startsWith('NEXT_REDIRECT')) return 'next';
    throw error;
  }
}

async function workspaceOf(userId: string): Promise<string> {
  const [membership] = await db.select({ id: members.workspaceId }).from(members).where(eq(members.userId, userId));
  if (!membership) throw new Error('no workspace');
  return membership.id;
}

const projectCount = async (workspaceId: string) =>
  (await db.select({ n: count() }).from(projects).where(eq(projects.workspaceId, workspaceId)))[0]?.n;

describe('onboarding and the plan limit', () => {
  it('a finished onboarding refuses its actions: a Free workspace at 3 projects gets no 4th through the project step', async () => {
    const userId = await signedIn();
    expect(await step(saveProfileStepAction, { intent: 'skip' })).toBe('next');
    expect(await step(createWorkspaceStepAction, { name: 'Limit Co' })).toBe('next');
    expect(await step(projectStepAction, { intent: 'create', name: 'First' })).toBe('next');
    const workspaceId = await workspaceOf(userId);
    for (const name of ['Second', 'Third']) await createProject({ id: workspaceId, plan: 'free' }, userId, { name });
    await expect(createProject({ id: workspaceId, plan: 'free' }, userId, { name: 'Fourth' })).rejects.toMatchObject({ code: 'plan_limit' });

    const again = [];
    for (let i = 0; i < 3; i++) again.push(await step(projectStepAction, { intent: 'create', name: `Bypass ${i}` }));
    expect(again).toEqual(['conflict', 'conflict', 'conflict']);
    expect(await projectCount(workspaceId)).toBe(3);
    expect(await step(saveProfileStepAction, { intent: 'continue', jobRole: 'design' })).toBe('conflict');
    expect(await step(createWorkspaceStepAction, { name: 'Second Co' })).toBe('conflict');
    expect((await getOnboardingState(userId)).jobRole).toBeNull();
  });

  it('the project step counts projects made before it: at the limit it answers plan_limit, writes nothing and can still be skipped', async () => {
    const userId = await signedIn();
    expect(await step(saveProfileStepAction, { intent: 'skip' })).toBe('next');
    expect(await step(createWorkspaceStepAction, { name: 'Early Co' })).toBe('next');
    const workspaceId = await workspaceOf(userId);
    // The REST API serves a workspace before its onboarding is done.
    for (const name of ['One', 'Two', 'Three']) await createProject({ id: workspaceId, plan: 'free' }, userId, { name });

    expect(await step(projectStepAction, { intent: 'create', name: 'Four' })).toBe('plan_limit');
    expect(await projectCount(workspaceId)).toBe(3);
    expect((await getOnboardingState(userId)).next).toBe('project');
    expect(await step(projectStepAction, { intent: 'skip' })).toBe('next');
    expect((await getOnboardingState(userId)).next).toBeNull();
  });
});
