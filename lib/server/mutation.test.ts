// The mutation wrapper's guarantees, exercised through Orbit's real actions and route handlers on a real
// (in-memory PGlite) database and real Better Auth sessions. Only Next's request scope is supplied by hand.
import { NextRequest } from 'next/server';
import { redirect } from 'next/navigation';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { request } from '@/test-support/next-request';
import { signUp } from '@/test-support/users';

vi.mock('next/headers', () => import('@/test-support/next-request'));
// revalidatePath needs Next's render store; outside a request it has nothing to invalidate.
vi.mock('next/cache', () => import('@/test-support/next-request'));

const { auth } = await import('@/lib/auth/config');
const { env } = await import('@/lib/env');
const { defineAction } = await import('./mutation');
const { defineRoute } = await import('./route');
const { createFirstWorkspace } = await import('@/lib/onboarding/state');
const { logInAction, signUpAction } = await import('@/lib/auth/actions');
const { INCORRECT_CREDENTIALS, SIGN_UP_REFUSED } = await import('@/lib/auth/messages');
const projectsRoute = await import('@/app/api/projects/route');
const projectRoute = await import('@/app/api/projects/[id]/route');
const projectTasksRoute = await import('@/app/api/projects/[id]/tasks/route');
const taskRoute = await import('@/app/api/tasks/[id]/route');

let ipCounter = 0;
/** Each test acts from its own IP so per-IP budgets never leak between tests. */
function actAs(cookie: string | null, ip = `10.0.0.${++ipCounter}`): void {
  request.headers = new Headers({ 'x-forwarded-for': ip, ...(cookie ? { cookie } : {}) });
}

let userCounter = 0;
async function newUser(withWorkspace = true): Promise<{ cookie: string; email: string; password: string; userId: string }> {
  const user = await signUp({ name: `User ${++userCounter}`, email: `user${userCounter}-${Date.now()}@example.test` });
  if (withWorkspace) await createFirstWorkspace(user.userId, `Workspace of ${user.email}`);
  return user;
}

function form(values: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.set(k, v);
  return fd;
}

function call(handler: (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>, method: string, path: string, params: Record<string, string> = {}, body?: unknown) {
  const req = new NextRequest(`http://localhost${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...Object.fromEntries(request.headers) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return handler(req, { params: Promise.resolve(params) });
}

beforeEach(() => actAs(null));

describe('authentication levels', () => {
  it('refuses an anonymous caller of a user-level route with 401 unauthorized', async () => {
    const res = await call(projectsRoute.GET, 'GET', '/api/projects');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: 'Please log in to continue.' } });
  });

  it('refuses a signed-in user without a workspace membership with 403 forbidden', async () => {
    const { cookie } = await newUser(false);
    actAs(cookie);
    const res = await call(projectsRoute.POST, 'POST', '/api/projects', {}, { name: 'Nope' });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden');
  });

  it('lets a member create and read projects of their own workspace', async () => {
    const { cookie } = await newUser();
    actAs(cookie);
    const created = await call(projectsRoute.POST, 'POST', '/api/projects', {}, { name: '  Launch  ' });
    expect(created.status).toBe(201);
    const { project } = await created.json();
    expect(project.name).toBe('Launch');
    const list = await (await call(projectsRoute.GET, 'GET', '/api/projects')).json();
    expect(list.projects.map((p: { id: string }) => p.id)).toEqual([project.id]);
  });
});

describe('workspace isolation', () => {
  it("gives user B not_found for every read and write of user A's project and task", async () => {
    const a = await newUser();
    const b = await newUser();
    actAs(a.cookie);
    const { project } = await (await call(projectsRoute.POST, 'POST', '/api/projects', {}, { name: 'Secret plan' })).json();
    const { task } = await (await call(projectTasksRoute.POST, 'POST', `/api/projects/${project.id}/tasks`, { id: project.id }, { title: 'Hidden task' })).json();
    expect(task.title).toBe('Hidden task');

    actAs(b.cookie);
    const attempts = [
      await call(projectRoute.GET, 'GET', `/api/projects/${project.id}`, { id: project.id }),
      await call(projectRoute.PATCH, 'PATCH', `/api/projects/${project.id}`, { id: project.id }, { name: 'Mine now' }),
      await call(projectRoute.DELETE, 'DELETE', `/api/projects/${project.id}`, { id: project.id }),
      await call(projectTasksRoute.GET, 'GET', `/api/projects/${project.id}/tasks`, { id: project.id }),
      await call(projectTasksRoute.POST, 'POST', `/api/projects/${project.id}/tasks`, { id: project.id }, { title: 'Injected' }),
      await call(taskRoute.PATCH, 'PATCH', `/api/tasks/${task.id}`, { id: task.id }, { done: true }),
      await call(taskRoute.DELETE, 'DELETE', `/api/tasks/${task.id}`, { id: task.id }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
    expect((await (await call(projectsRoute.GET, 'GET', '/api/projects')).json()).projects).toEqual([]);

    // A's data is untouched.
    actAs(a.cookie);
    const still = await (await call(projectRoute.GET, 'GET', `/api/projects/${project.id}`, { id: project.id })).json();
    expect(still.project.name).toBe('Secret plan');
    const tasks = await (await call(projectTasksRoute.GET, 'GET', `/api/projects/${project.id}/tasks`, { id: project.id })).json();
    expect(tasks.tasks).toEqual([expect.objectContaining({ id: task.id, title: 'Hidden task', done: false })]);
  });

  it('completes, reopens and deletes a task for its owner', async () => {
    const a = await newUser();
    actAs(a.cookie);
    const { project } = await (await call(projectsRoute.POST, 'POST', '/api/projects', {}, { name: 'P' })).json();
    const { task } = await (await call(projectTasksRoute.POST, 'POST', '/x', { id: project.id }, { title: 'T' })).json();
    const done = await (await call(taskRoute.PATCH, 'PATCH', '/x', { id: task.id }, { done: true })).json();
    expect(done.task).toMatchObject({ done: true, completedAt: expect.any(String) });
    const reopened = await (await call(taskRoute.PATCH, 'PATCH', '/x', { id: task.id }, { done: false })).json();
    expect(reopened.task).toMatchObject({ done: false, completedAt: null });
    expect((await call(taskRoute.DELETE, 'DELETE', '/x', { id: task.id })).status).toBe(204);
    expect((await call(taskRoute.DELETE, 'DELETE', '/x', { id: task.id })).status).toBe(404);
  });
});

describe('validation', () => {
  it('returns 400 with fieldErrors for bad input and writes nothing', async () => {
    const a = await newUser();
    actAs(a.cookie);
    const res = await call(projectsRoute.POST, 'POST', '/api/projects', {}, { name: '   ' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: 'validation', message: 'Please check the highlighted fields.', fieldErrors: { name: ['Enter a project name.'] } },
    });
    expect((await (await call(projectsRoute.GET, 'GET', '/api/projects')).json()).projects).toEqual([]);
  });

  it('rejects a body that is not JSON', async () => {
    const a = await newUser();
    actAs(a.cookie);
    const req = new NextRequest('http://localhost/api/projects', { method: 'POST', headers: { ...Object.fromEntries(request.headers), 'content-type': 'application/json' }, body: '{nope' });
    const res = await projectsRoute.POST(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(400);
  });

  it('puts the sign-up password rule on the password field', async () => {
    const result = await signUpAction(null, form({ name: 'Ann', email: 'ann@example.test', password: 'short' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', fieldErrors: { password: ['Use at least 8 characters.'] } } });
  });
});

describe('auth actions', () => {
  it('signs up with a normalised email and redirects to the first onboarding step (the redirect passes through)', async () => {
    const email = `Mixed.Case${Date.now()}@Example.TEST`;
    const err = await signUpAction(null, form({ name: 'Bea', email: `  ${email} `, password: 'long enough pw' })).catch((e: unknown) => e);
    expect((err as { digest?: string }).digest).toMatch(/^NEXT_REDIRECT;replace;\/onboarding\/profile;/);
    // The stored account is the lower-cased email: logging in with it works.
    const login = await auth.api.signInEmail({ body: { email: email.toLowerCase(), password: 'long enough pw' } });
    expect(login.user.email).toBe(email.toLowerCase());
  });

  it('answers a sign-up with an existing email like any refusal', async () => {
    const a = await newUser();
    const result = await signUpAction(null, form({ name: 'Copy', email: a.email.toUpperCase(), password: 'another password' }));
    expect(result).toEqual({ ok: false, error: { code: 'conflict', message: SIGN_UP_REFUSED } });
  });

  it('says the same for an unknown email and a wrong password', async () => {
    const a = await newUser();
    const unknown = await logInAction(null, form({ email: 'nobody@example.test', password: 'whatever123' }));
    const wrong = await logInAction(null, form({ email: a.email, password: 'not the password' }));
    expect(unknown).toEqual({ ok: false, error: { code: 'unauthorized', message: INCORRECT_CREDENTIALS } });
    expect(wrong).toEqual(unknown);
  });

  it('redirects a successful login to a safe ?next= path only', async () => {
    const a = await newUser();
    // Finish onboarding so `next` is honoured.
    const { completeProfileStep, completeProjectStep } = await import('@/lib/onboarding/state');
    const { getCurrentWorkspace } = await import('@/lib/auth/session');
    await completeProfileStep(a.userId, null);
    const ws = await getCurrentWorkspace(a.userId);
    await completeProjectStep(a.userId, ws!, null);

    const ok = await logInAction(null, form({ email: a.email, password: a.password, next: '/settings?tab=members' })).catch((e: unknown) => e);
    expect((ok as { digest?: string }).digest).toMatch(/;\/settings\?tab=members;/);
    actAs(null);
    const evil = await logInAction(null, form({ email: a.email, password: a.password, next: '//evil.example/x' })).catch((e: unknown) => e);
    expect((evil as { digest?: string }).digest).toMatch(/;\/dashboard;/);
  });
});

describe('rate limiting', () => {
  it(`locks one email after AUTH_RATE_LIMIT_MAX login attempts with retryAfter, without locking other emails`, async () => {
    const a = await newUser();
    actAs(null, '10.9.9.9');
    const max = env.AUTH_RATE_LIMIT_MAX;
    for (let i = 0; i < max; i++) {
      const r = await logInAction(null, form({ email: a.email, password: `wrong-${i}-password` }));
      expect(r).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    const blocked = await logInAction(null, form({ email: a.email, password: a.password }));
    expect(blocked.ok).toBe(false);
    if (blocked.ok) return;
    expect(blocked.error.code).toBe('rate_limited');
    expect(blocked.error.retryAfter).toBeGreaterThan(0);
    expect(blocked.error.retryAfter).toBeLessThanOrEqual(env.AUTH_RATE_LIMIT_WINDOW);
    // Same IP, another account: still allowed (the per-IP budget is larger).
    const other = await logInAction(null, form({ email: 'someone-else@example.test', password: 'whatever123' }));
    expect(other).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('returns 429 with a Retry-After header from a route handler', async () => {
    const limited = defineRoute({ name: 'test.limited', input: z.object({}), auth: 'public', rateLimit: { window: 60, max: 2 } }, async () => ({ ok: 1 }), false);
    actAs(null, '10.8.8.8');
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(limited, 'POST', '/x', {}, {})).status);
    expect(statuses).toEqual([200, 200, 429]);
    const res = await call(limited, 'POST', '/x', {}, {});
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await res.json()).error).toMatchObject({ code: 'rate_limited', retryAfter: expect.any(Number) });
  });
});

describe('Next control flow', () => {
  it("lets redirect() thrown inside a handler pass through untouched", async () => {
    const a = await newUser();
    actAs(a.cookie);
    const action = defineAction({ name: 'test.redirect', input: z.object({}), auth: 'user' }, async () => redirect('/somewhere'), false);
    const err = await action(null, {}).catch((e: unknown) => e);
    expect((err as { digest?: string }).digest).toMatch(/^NEXT_REDIRECT;replace;\/somewhere;/);
  });

  it('lets every digest the error reporting treats as control flow pass through untouched (notFound(), the legacy not-found)', async () => {
    const a = await newUser();
    actAs(a.cookie);
    for (const digest of ['NEXT_HTTP_ERROR_FALLBACK;404', 'NEXT_NOT_FOUND']) {
      const thrown = Object.assign(new Error(digest), { digest });
      const action = defineAction({ name: 'test.not-found', input: z.object({}), auth: 'user' }, async () => {
        throw thrown;
      }, false);
      expect(await action(null, {}).catch((e: unknown) => e), digest).toBe(thrown);
    }
  });

  it('turns an unexpected exception into a generic internal error', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const action = defineAction({ name: 'test.boom', input: z.object({}), auth: 'public' }, async () => {
      throw new Error('db password is hunter2');
    }, false);
    const result = await action(null, {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } });
    spy.mockRestore();
  });
});
