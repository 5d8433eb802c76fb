// The invite budget (per inviter and per workspace, one hour) through the real settings action on a real
// in-memory database, and its survival of Better Auth's clean-up of its own rate-limit rows.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { request } from '@/test-support/next-request';
import { signUp } from '@/test-support/users';

vi.mock('next/headers', () => import('@/test-support/next-request'));
vi.mock('next/cache', () => import('@/test-support/next-request'));

const { eq } = await import('drizzle-orm');
const { db } = await import('@/lib/db');
const { members, rateLimits } = await import('@/lib/db/schema');
const { createFirstWorkspace } = await import('@/lib/onboarding/state');
const { inviteMemberAction } = await import('@/lib/workspaces/actions');
const authRoute = await import('@/app/api/auth/[...all]/route');

const realNow = Date.now.bind(Date);
afterEach(() => vi.restoreAllMocks());

let counter = 0;
async function signedUp(): Promise<{ cookie: string; userId: string }> {
  return signUp({ name: 'Owner', email: `owner-${++counter}-${realNow()}@example.test` });
}

async function owner(): Promise<{ cookie: string; workspaceId: string }> {
  const { cookie, userId } = await signedUp();
  const workspace = await createFirstWorkspace(userId, `Workspace ${counter}`);
  return { cookie, workspaceId: workspace.id };
}

/** Another admin of the owner's workspace (an accepted invite, written directly). */
async function admin(workspaceId: string): Promise<string> {
  const { cookie, userId } = await signedUp();
  await db.insert(members).values({ workspaceId, userId, role: 'admin' });
  return cookie;
}

async function invite(cookie: string, email: string): Promise<string> {
  request.headers = new Headers({ cookie, 'x-forwarded-for': '198.51.100.77' });
  const fd = new FormData();
  fd.set('email', email);
  fd.set('role', 'member');
  const r = await inviteMemberAction(null, fd);
  return r.ok ? 'ok' : r.error.code;
}

/** Better Auth deletes every row of its rate-limit table older than its longest window when one of its keys
 *  starts a new window: two sign-in requests from one address, the second after that window. */
async function triggerBetterAuthPrune(): Promise<void> {
  const signIn = () =>
    authRoute.POST(
      new Request('http://localhost:3000/api/auth/sign-in/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.200' },
        body: JSON.stringify({ email: 'nobody@example.test', password: 'whatever-password' }),
      }),
    );
  await signIn();
  vi.spyOn(Date, 'now').mockImplementation(() => realNow() + 5 * 60_000);
  await signIn();
}

// 50 to 100 real invite actions per test, each a handful of queries: ~3 s alone, several times that on a loaded machine.
describe('invite rate limit', { timeout: 90_000 }, () => {
  it('refuses the 51st invite of the hour, still after Better Auth pruned its own rate-limit rows', async () => {
    const { cookie } = await owner();
    const codes = new Set<string>();
    // Attempts count whatever their outcome (the free plan soon refuses with plan_limit): the budget is per call.
    for (let i = 0; i < 50; i++) codes.add(await invite(cookie, `invitee-${i}@example.test`));
    expect(codes.has('rate_limited')).toBe(false);
    expect(await invite(cookie, 'one-more@example.test')).toBe('rate_limited');

    // A row Better Auth's clean-up must delete: proof that the prune really ran.
    await db.insert(rateLimits).values({ id: 'rl_sentinel', key: 'sentinel', count: 1, lastRequest: realNow() - 2 * 60_000 });
    await triggerBetterAuthPrune();
    await expect.poll(async () => (await db.select().from(rateLimits).where(eq(rateLimits.key, 'sentinel'))).length).toBe(0);
    expect(await invite(cookie, 'after-prune@example.test')).toBe('rate_limited');
  });

  it('refuses the 101st invite of the hour per workspace, whichever admin sends it', async () => {
    const { cookie: first, workspaceId } = await owner();
    const second = await admin(workspaceId);
    const third = await admin(workspaceId);
    for (let i = 0; i < 50; i++) await invite(first, `a-${i}@example.test`);
    for (let i = 0; i < 50; i++) await invite(second, `b-${i}@example.test`);
    expect(await invite(third, 'c-0@example.test')).toBe('rate_limited');
  });
});
