// onboarding.completed, the activation milestone: sent by the server once per user, when the last step is done,
// through the real action, real posthog-node and the real local collector (in-process) on the test's database.
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { drainServerAnalytics } from '@/test-support/analytics';
import { request } from '@/test-support/next-request';
import { signUp } from '@/test-support/users';

vi.mock('next/headers', () => import('@/test-support/next-request'));
vi.mock('next/cache', () => import('@/test-support/next-request'));

const { db } = await import('@/lib/db');
const { inboxEvents } = await import('@/lib/db/schema');
const { configureServerAnalytics, serverAnalytics } = await import('@/lib/analytics/server/client');
const { saveProfileStepAction, createWorkspaceStepAction, projectStepAction } = await import('./actions');

let counter = 0;

async function signedIn(): Promise<string> {
  const { cookie, userId } = await signUp({ name: 'Onboarding Tester', email: `onboarding-${Date.now().toString(36)}${++counter}@example.test` });
  request.headers = new Headers({ cookie, 'x-forwarded-for': '203.0.113.9' });
  return userId;
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

/** Runs a step action; its success ends in Next's redirect, which is thrown. */
async function step(action: (prev: null, form: FormData) => Promise<unknown>, fields: Record<string, string>): Promise<void> {
  await expect(action(null, form(fields))).rejects.toThrow(/NEXT_REDIRECT/);
}


const completedEvents = (userId: string) =>
  db.select().from(inboxEvents).where(and(eq(inboxEvents.event, 'onboarding.completed'), eq(inboxEvents.distinctId, userId)));

beforeEach(() => {
  configureServerAnalytics({ apiRequestSampleRate: 0 });
});

afterEach(async () => {
  await serverAnalytics().shutdown(500);
});

describe('onboarding.completed', () => {
  it('is sent once, by the server, when the last step is done, with the skipped steps and the workspace', async () => {
    const userId = await signedIn();
    await step(saveProfileStepAction, { intent: 'skip' });
    await step(createWorkspaceStepAction, { name: 'Milestone Co' });
    await drainServerAnalytics();
    expect(await completedEvents(userId)).toHaveLength(0);

    await step(projectStepAction, { intent: 'create', name: 'First project' });
    // A second submit of the last step (double click, back button) is refused: no second activation.
    expect(await projectStepAction(null, form({ intent: 'skip' }))).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await drainServerAnalytics();

    const events = await completedEvents(userId);
    expect(events).toHaveLength(1);
    expect(events[0]!.source).toBe('server');
    expect(events[0]!.properties).toMatchObject({ skipped_steps: ['profile'], workspace_id: expect.stringMatching(/^ws_/) });
    expect(serverAnalytics().stats().invalid).toBe(0);
  });

  it('lists the project step as skipped when it was', async () => {
    const userId = await signedIn();
    await step(saveProfileStepAction, { intent: 'continue', jobRole: 'engineering' });
    await step(createWorkspaceStepAction, { name: 'Skipper Co' });
    await step(projectStepAction, { intent: 'skip' });
    await drainServerAnalytics();
    const events = await completedEvents(userId);
    expect(events.map((e) => e.properties)).toEqual([expect.objectContaining({ skipped_steps: ['project'] })]);
  });
});
