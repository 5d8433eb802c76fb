// A workspace's name is text a user typed, private like a person's name: PostHog learns the workspace's id and plan,
// never its name. Through the real onboarding action, real posthog-node and the real local collector (in-process)
// on the test's database, with a name that would also be an XSS payload wherever it were rendered.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { drainServerAnalytics } from '@/test-support/analytics';
import { request } from '@/test-support/next-request';
import { signUp } from '@/test-support/users';

vi.mock('next/headers', () => import('@/test-support/next-request'));
vi.mock('next/cache', () => import('@/test-support/next-request'));

const { db } = await import('@/lib/db');
const { inboxEvents, inboxGroups } = await import('@/lib/db/schema');
const { configureServerAnalytics, serverAnalytics } = await import('@/lib/analytics/server/client');
const { saveProfileStepAction, createWorkspaceStepAction, projectStepAction } = await import('@/lib/onboarding/actions');

const WORKSPACE = '</script><script>alert(2)</script> Private Co';
const PROJECT = 'Codename Nightjar';

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}


beforeEach(() => {
  configureServerAnalytics({ apiRequestSampleRate: 1 });
});

afterEach(async () => {
  await serverAnalytics().shutdown(500);
});

describe('workspace and project names', () => {
  it('never reach PostHog: $groupidentify sets the plan only, and no event carries either name', async () => {
    const { cookie, userId } = await signUp({ name: 'Group Tester' });
    request.headers = new Headers({ cookie, 'x-forwarded-for': '203.0.113.8' });

    for (const [action, fields] of [
      [saveProfileStepAction, { intent: 'skip' }],
      [createWorkspaceStepAction, { name: WORKSPACE }],
      [projectStepAction, { intent: 'create', name: PROJECT }],
    ] as const) {
      await expect((action as (p: null, f: FormData) => Promise<unknown>)(null, form(fields))).rejects.toThrow(/NEXT_REDIRECT/);
    }
    await drainServerAnalytics();

    const events = await db.select().from(inboxEvents).where(eq(inboxEvents.distinctId, userId));
    const identify = events.find((e) => e.event === '$groupidentify');
    expect(identify?.properties).toMatchObject({ $group_type: 'workspace', $group_set: { plan: 'free' } });
    expect(Object.keys((identify?.properties as { $group_set: object }).$group_set)).toEqual(['plan']);
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['workspace.created', 'project.created', 'onboarding.completed']));

    const stored = JSON.stringify([events, await db.select().from(inboxGroups)]);
    for (const secret of [WORKSPACE, PROJECT, 'Private Co', 'Nightjar']) expect(stored).not.toContain(secret);
  });
});
