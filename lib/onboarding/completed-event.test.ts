// onboarding.completed, the activation milestone: sent by the server once per user, when the last step is done,
// through the real action, real posthog-node and the real local collector (in-process) on the test's database.
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => undefined, delete: () => undefined, has: () => false }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const { auth } = await import('@/lib/auth/config');
const { db } = await import('@/lib/db');
const { inboxEvents } = await import('@/lib/db/schema');
const { configureServerAnalytics, serverAnalytics } = await import('@/lib/analytics/server/client');
const { saveProfileStepAction, createWorkspaceStepAction, projectStepAction } = await import('./actions');

let counter = 0;

async function signedIn(): Promise<string> {
  const email = `onboarding-${Date.now().toString(36)}${++counter}@example.test`;
  const { headers, response } = await auth.api.signUpEmail({
    body: { name: 'Onboarding Tester', email, password: 'correct horse battery' },
    returnHeaders: true,
  });
  const token = /orbit\.session_token=([^;]+)/.exec(headers.get('set-cookie') ?? '')?.[1];
  if (!token) throw new Error('no session cookie');
  request.headers = new Headers({ cookie: `orbit.session_token=${token}`, 'x-forwarded-for': '203.0.113.9' });
  return response.user.id;
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

async function drain(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await serverAnalytics().flush();
    if (serverAnalytics().stats().queued === 0) return;
  }
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
    await drain();
    expect(await completedEvents(userId)).toHaveLength(0);

    await step(projectStepAction, { intent: 'create', name: 'First project' });
    // A second submit of the last step (double click, back button) is refused: no second activation.
    expect(await projectStepAction(null, form({ intent: 'skip' }))).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await drain();

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
    await drain();
    const events = await completedEvents(userId);
    expect(events.map((e) => e.properties)).toEqual([expect.objectContaining({ skipped_steps: ['project'] })]);
  });
});
