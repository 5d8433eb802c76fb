// Postgres text cannot hold U+0000: a NUL in any validated input must be a 400, never a database error (500).
import { NextRequest } from 'next/server';
import { count as sqlCount } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { request } from '@/test-support/next-request';
import { signUpWithWorkspace } from '@/test-support/users';

vi.mock('next/headers', () => import('@/test-support/next-request'));
vi.mock('next/cache', () => import('@/test-support/next-request'));

const { db, schema } = await import('@/lib/db');
const projectsRoute = await import('@/app/api/projects/route');
const taskRoute = await import('@/app/api/tasks/[id]/route');
const stripe = await import('@/app/api/webhooks/stripe/route');
const authRoute = await import('@/app/api/auth/[...all]/route');
const { pathWithNul } = await import('@/lib/server/nul-characters');
const { buildEvent, subscriptionObject, signPayload } = await import('@/lib/billing/events');
const { createWorkspaceWithOwner } = await import('@/test-support/billing');

beforeAll(async () => {
  const { cookie } = await signUpWithWorkspace('Nul workspace', { name: 'Nul' });
  request.headers = new Headers({ cookie, 'x-forwarded-for': '10.9.9.9' });
});

const projectCount = async () => (await db.select({ n: sqlCount() }).from(schema.projects))[0]!.n;

describe('NUL characters in input', () => {
  it('finds the first NUL by its path, in document order, however deep the input', () => {
    expect(pathWithNul({ a: 'x', b: [{ c: 'y' }, { d: 'z\u0000' }], e: '\u0000' })).toBe('b.1.d');
    expect(pathWithNul('\u0000')).toBe('');
    expect(pathWithNul({ a: ['x', 1, null, true] })).toBeNull();
    let deep: unknown = 'a\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(pathWithNul(deep)).toBe(Array(100_000).fill('0').join('.'));
  });

  it('answers a body of arrays nested 20 000 deep with a 4xx, not a 500 (stack overflow)', async () => {
    const body = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const res = await authRoute.POST(new Request('http://localhost:3000/api/auth/sign-in/email', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' }, body }));
    expect(res.status).toBe(400);
  });

  it('refuses a NUL in a path id with 400 validation, not a 500', async () => {
    const res = await taskRoute.DELETE(new NextRequest('http://localhost/api/tasks/%00', { method: 'DELETE' }), { params: Promise.resolve({ id: '\u0000' }) });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'validation', fieldErrors: { id: [expect.any(String)] } });
  });

  it('refuses a NUL in a body field with 400 validation and writes no row', async () => {
    const before = await projectCount();
    const res = await projectsRoute.POST(new NextRequest('http://localhost/api/projects', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'a\u0000b' }) }), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'validation', fieldErrors: { name: [expect.any(String)] } });
    expect(await projectCount()).toBe(before);
  });

  it('refuses a signed Stripe event carrying a NUL with 400 invalid_payload and records nothing', async () => {
    const { userId, workspaceId } = await createWorkspaceWithOwner();
    const object = subscriptionObject({ subscriptionId: 'sub_nul', customerId: 'cus_\u0000', workspaceId, userId, plan: 'pro', status: 'active', periodStart: new Date(), periodEnd: new Date(Date.now() + 86_400_000) });
    for (const event of [{ ...buildEvent('customer.subscription.updated', object), id: 'evt_\u0000' }, buildEvent('customer.subscription.updated', object)]) {
      const payload = JSON.stringify(event);
      const res = await stripe.POST(new Request('http://localhost/api/webhooks/stripe', { method: 'POST', headers: { 'stripe-signature': signPayload(payload) }, body: payload }));
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('invalid_payload');
    }
    expect((await db.select({ n: sqlCount() }).from(schema.webhookEvents))[0]!.n).toBe(0);
    expect((await db.select({ n: sqlCount() }).from(schema.subscriptions))[0]!.n).toBe(0);
  });
});
