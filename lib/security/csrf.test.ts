// Cross-site request forgery against the REST API and Better Auth's endpoints, through the real route handlers with
// a real signed-in session: the victim's cookie rides along on every attempt (as a browser would send it), and the
// attacker chooses everything else. A refused attempt writes nothing. Without APP_URL (as here, and in development)
// Orbit's origin is the Host the request was sent to; with APP_URL (production) see same-origin.test.ts and
// e2e/production-mode.spec.ts.
import { NextRequest } from 'next/server';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { request as state } from '@/test-support/next-request';
import { signUpWithWorkspace } from '@/test-support/users';

const APP = 'http://127.0.0.1:3000';
vi.mock('next/headers', () => import('@/test-support/next-request'));
vi.mock('next/cache', () => import('@/test-support/next-request'));

const { db } = await import('@/lib/db');
const { projects, tasks, users } = await import('@/lib/db/schema');
const projectsRoute = await import('@/app/api/projects/route');
const projectRoute = await import('@/app/api/projects/[id]/route');
const projectTasksRoute = await import('@/app/api/projects/[id]/tasks/route');
const taskRoute = await import('@/app/api/tasks/[id]/route');
const authRoute = await import('@/app/api/auth/[...all]/route');

type Headers_ = Record<string, string>;
const none = { params: Promise.resolve({}) };
const withId = (id: string) => ({ params: Promise.resolve({ id }) });

let cookie: string;
let workspaceId: string;
let projectId: string;
let taskId: string;

/** The issue's own payload: a text/plain form whose one field name and value join into JSON. */
const FORM_BODY = '{"name":"CSRF","x":"=' + '"}';

function req(method: string, path: string, headers: Headers_, body?: string): NextRequest {
  // Every HTTP/1.1 request carries the Host the browser sent it to (a page cannot choose it).
  return new NextRequest(`${APP}${path}`, { method, headers: { host: '127.0.0.1:3000', cookie, ...headers }, body });
}

const projectCount = async () => (await db.select({ n: count() }).from(projects).where(eq(projects.workspaceId, workspaceId)))[0]!.n;
const projectName = async () => (await db.select({ name: projects.name }).from(projects).where(eq(projects.id, projectId)))[0]?.name;
const taskRow = async () => (await db.select().from(tasks).where(eq(tasks.id, taskId)))[0];

beforeAll(async () => {
  ({ cookie, workspaceId } = await signUpWithWorkspace('Victim Co', { name: 'Victim' }));
  state.headers = new Headers({ cookie, 'x-forwarded-for': '10.40.0.1' });
  const json = { 'content-type': 'application/json', origin: APP, 'sec-fetch-site': 'same-origin' };
  const created = await projectsRoute.POST(req('POST', '/api/projects', json, JSON.stringify({ name: 'Target' })), none);
  expect(created.status, await created.clone().text()).toBe(201);
  projectId = ((await created.json()) as { project: { id: string } }).project.id;
  const task = await projectTasksRoute.POST(req('POST', `/api/projects/${projectId}/tasks`, json, JSON.stringify({ title: 'Target task' })), withId(projectId));
  expect(task.status).toBe(201);
  taskId = ((await task.json()) as { task: { id: string } }).task.id;
});

// Each attempt as a browser would send it from the attacker's page (Origin and Sec-Fetch-Site set by the browser).
const FOREIGN: Array<[string, Headers_]> = [
  ['a form on another site', { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }],
  ['the issue’s request (Origin only)', { origin: 'http://evil.example' }],
  ['a form on another port of the same host', { origin: 'http://127.0.0.1:4000', 'sec-fetch-site': 'same-site' }],
  ['a page on localhost (same machine, another host name)', { origin: 'http://localhost:3000', 'sec-fetch-site': 'cross-site' }],
  ['https for http (another scheme)', { origin: 'https://127.0.0.1:3000', 'sec-fetch-site': 'cross-site' }],
  ['a sandboxed frame or data: URL (Origin: null)', { origin: 'null', 'sec-fetch-site': 'cross-site' }],
  ['Origin: null claiming same-origin', { origin: 'null', 'sec-fetch-site': 'same-origin' }],
  ['a browser that hides Origin but not Sec-Fetch-Site', { 'sec-fetch-site': 'same-site' }],
  ['only a foreign Referer', { referer: 'http://127.0.0.1:4000/attack.html' }],
  ['Sec-Fetch-Site same-origin with a foreign Origin', { origin: 'http://evil.example', 'sec-fetch-site': 'same-origin' }],
];

describe('the REST API refuses state-changing requests from another origin (403) and nothing is written', () => {
  it.each(FOREIGN)('POST /api/projects, text/plain, from %s', async (_label, headers) => {
    const before = await projectCount();
    const res = await projectsRoute.POST(req('POST', '/api/projects', { 'content-type': 'text/plain', ...headers }, FORM_BODY), none);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect(await projectCount()).toBe(before);
  });

  it.each(FOREIGN)('every write route, with a JSON body, from %s', async (_label, headers) => {
    const h = { 'content-type': 'application/json', ...headers };
    const attempts = [
      await projectsRoute.POST(req('POST', '/api/projects', h, JSON.stringify({ name: 'CSRF' })), none),
      await projectRoute.PATCH(req('PATCH', `/api/projects/${projectId}`, h, JSON.stringify({ name: 'Hijacked' })), withId(projectId)),
      await projectTasksRoute.POST(req('POST', `/api/projects/${projectId}/tasks`, h, JSON.stringify({ title: 'Injected' })), withId(projectId)),
      await taskRoute.PATCH(req('PATCH', `/api/tasks/${taskId}`, h, JSON.stringify({ done: true })), withId(taskId)),
      await taskRoute.DELETE(req('DELETE', `/api/tasks/${taskId}`, headers), withId(taskId)),
      await projectRoute.DELETE(req('DELETE', `/api/projects/${projectId}`, headers), withId(projectId)),
    ];
    expect(attempts.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(await projectName()).toBe('Target');
    expect(await taskRow()).toMatchObject({ title: 'Target task', done: false });
  });
});

describe('the REST API takes JSON only (415): no form can send it without a CORS preflight', () => {
  it.each(['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', 'json', null])(
    'POST /api/projects with Content-Type %j from Orbit’s own origin',
    async (type) => {
      const before = await projectCount();
      const headers: Headers_ = { origin: APP, 'sec-fetch-site': 'same-origin', ...(type ? { 'content-type': type } : {}) };
      const res = await projectsRoute.POST(req('POST', '/api/projects', headers, FORM_BODY), none);
      expect(res.status).toBe(415);
      expect(await res.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
      expect(await projectCount()).toBe(before);
    },
  );

  it('PATCH with a form type is refused too; a DELETE may carry no type, but not a form type', async () => {
    const same = { origin: APP, 'sec-fetch-site': 'same-origin' };
    const patch = await projectRoute.PATCH(req('PATCH', `/api/projects/${projectId}`, { ...same, 'content-type': 'text/plain' }, '{"name":"Hijacked"}'), withId(projectId));
    expect(patch.status).toBe(415);
    const del = await taskRoute.DELETE(req('DELETE', `/api/tasks/${taskId}`, { ...same, 'content-type': 'text/plain' }), withId(taskId));
    expect(del.status).toBe(415);
    expect(await projectName()).toBe('Target');
    expect(await taskRow()).toBeDefined();
  });
});

describe('Orbit’s own pages and API clients still work', () => {
  it('same origin (Origin and Sec-Fetch-Site as Chromium sends them), JSON; charset parameter allowed', async () => {
    const headers = { origin: APP, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json; charset=utf-8' };
    const res = await projectRoute.PATCH(req('PATCH', `/api/projects/${projectId}`, headers, JSON.stringify({ name: 'Renamed' })), withId(projectId));
    expect(res.status).toBe(200);
    expect(await projectName()).toBe('Renamed');
  });

  it('a client that is not a browser (no Origin, no Sec-Fetch-Site), JSON; a DELETE without a body or type', async () => {
    const created = await projectsRoute.POST(req('POST', '/api/projects', { 'content-type': 'application/json' }, JSON.stringify({ name: 'From curl' })), none);
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { project: { id: string } }).project.id;
    expect((await projectRoute.DELETE(req('DELETE', `/api/projects/${id}`, {}), withId(id))).status).toBe(204);
  });

  it('a navigation the user started (Sec-Fetch-Site: none) and reads from anywhere (GET is never refused)', async () => {
    const none_ = await projectRoute.PATCH(
      req('PATCH', `/api/projects/${projectId}`, { 'sec-fetch-site': 'none', 'content-type': 'application/json' }, JSON.stringify({ name: 'Target' })),
      withId(projectId),
    );
    expect(none_.status).toBe(200);
    const read = await projectsRoute.GET(req('GET', '/api/projects', { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }), none);
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('Better Auth’s endpoints (/api/auth/*) follow the same rules', () => {
  const userName = async () => (await db.select({ name: users.name }).from(users))[0]?.name;

  it.each(FOREIGN)('POST /api/auth/update-user with the victim’s cookie from %s: 403, the name unchanged', async (_label, headers) => {
    const before = await userName();
    const res = await authRoute.POST(req('POST', '/api/auth/update-user', { 'content-type': 'text/plain', ...headers }, '{"name":"Pwned","x":"="}'));
    expect(res.status).toBe(403);
    expect(await userName()).toBe(before);
  });

  it('a login form on another port (login CSRF, no cookie yet) is refused before Better Auth runs', async () => {
    const res = await authRoute.POST(
      new Request(`${APP}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { host: '127.0.0.1:3000', 'content-type': 'application/x-www-form-urlencoded', origin: 'http://127.0.0.1:4000', 'sec-fetch-site': 'same-site' },
        body: 'email=attacker%40example.test&password=correct+horse+battery',
      }),
    );
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('a same-origin POST in a form type is refused (415); in JSON it reaches Better Auth', async () => {
    const same = { origin: APP, 'sec-fetch-site': 'same-origin' };
    const form = await authRoute.POST(req('POST', '/api/auth/update-user', { ...same, 'content-type': 'text/plain' }, '{"name":"Pwned"}'));
    expect(form.status).toBe(415);
    const json = await authRoute.POST(req('POST', '/api/auth/update-user', { ...same, 'content-type': 'application/json' }, JSON.stringify({ name: 'Victim Two' })));
    expect(json.status).toBe(200);
    expect(await userName()).toBe('Victim Two');
  });
});
