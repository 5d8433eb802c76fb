// The plan limit under concurrency: 20 simultaneous `POST /api/projects` from one Free workspace, through the real
// route handler, Better Auth session and (in-memory PGlite) database. Exactly the plan's 3 projects are created;
// every other request gets the structured plan_limit refusal, never a 5xx. Through the route, each request's
// session lookup staggers the calls on the single PGlite connection, so the second test also races the shared
// `createProject` (what the route and the dashboard action both call) with nothing in between: without the
// workspace row lock, all 20 counts ran before any insert and 20 projects were created.
import { NextRequest } from 'next/server';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { request } from '@/test-support/next-request';
import { signUpWithWorkspace } from '@/test-support/users';

vi.mock('next/headers', () => import('@/test-support/next-request'));
vi.mock('next/cache', () => import('@/test-support/next-request'));

const { db } = await import('@/lib/db');
const { projects } = await import('@/lib/db/schema');
const { createProject } = await import('./projects');
const { AppError } = await import('@/lib/server/errors');
const { createWorkspaceWithOwner } = await import('@/test-support/billing');
const { PLANS_CATALOG } = await import('@/lib/billing/plans');
const projectsRoute = await import('@/app/api/projects/route');

async function signedInWorkspace(): Promise<{ cookie: string; workspaceId: string }> {
  return signUpWithWorkspace('Race Co', { name: 'Racer' });
}

function post(name: string): Promise<Response> {
  const req = new NextRequest('http://localhost/api/projects', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...Object.fromEntries(request.headers) },
    body: JSON.stringify({ name }),
  });
  return projectsRoute.POST(req, { params: Promise.resolve({}) });
}

describe('plan limit under concurrent creates', () => {
  it('20 parallel creates on a Free workspace: exactly 3 projects, 17 structured 403 plan_limit, no 5xx', async () => {
    const { cookie, workspaceId } = await signedInWorkspace();
    request.headers = new Headers({ 'x-forwarded-for': '10.9.0.1', cookie });
    const limit = PLANS_CATALOG.free.limits.projects ?? Number.POSITIVE_INFINITY;
    expect(limit).toBe(3);
    // One request first, so the parallel ones do not queue behind the first request's module loading and caches.
    const warm = await projectsRoute.GET(new NextRequest('http://localhost/api/projects', { headers: request.headers }), { params: Promise.resolve({}) });
    expect(warm.status).toBe(200);

    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => post(`Parallel ${i}`)));
    const statuses = responses.map((r) => r.status);
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { error?: { code: string; message: string } }[];

    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(limit);
    const refused = bodies.filter((_, i) => statuses[i] !== 201);
    expect(refused).toHaveLength(20 - limit);
    for (const [i, body] of bodies.entries()) {
      if (statuses[i] === 201) continue;
      expect(statuses[i]).toBe(403);
      expect(body.error).toEqual({
        code: 'plan_limit',
        message: 'The Free plan includes up to 3 projects. Upgrade to Pro for unlimited projects.',
      });
    }
    const [row] = await db.select({ n: count() }).from(projects).where(eq(projects.workspaceId, workspaceId));
    expect(row?.n).toBe(limit);
  });
});

describe('plan limit, createProject called 20 times at once', () => {
  it('creates exactly the plan limit and refuses the rest with plan_limit', async () => {
    const { userId, workspaceId } = await createWorkspaceWithOwner();
    const settled = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => createProject({ id: workspaceId, plan: 'free' }, userId, { name: `Direct ${i}` })),
    );
    expect(settled.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    for (const r of settled) {
      if (r.status === 'fulfilled') continue;
      expect(r.reason).toBeInstanceOf(AppError);
      expect((r.reason as InstanceType<typeof AppError>).code).toBe('plan_limit');
    }
    const [row] = await db.select({ n: count() }).from(projects).where(eq(projects.workspaceId, workspaceId));
    expect(row?.n).toBe(3);
  });

  it('a Pro workspace is not limited: 20 parallel creates all succeed', async () => {
    const { userId, workspaceId } = await createWorkspaceWithOwner();
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createProject({ id: workspaceId, plan: 'pro' }, userId, { name: `Pro ${i}` })),
    );
    expect(created).toHaveLength(20);
  });
});
