// Better Auth's own endpoints under /api/auth take the input Orbit's forms take, so they get the same rules
// (lib/users/schemas.ts): a name of 1–80 characters, a valid email, an 8–128 character password, no NUL character
// anywhere (Postgres text cannot store one). Hostile input gets a structured 400, never a 500 and never stored.
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { signUp } from '@/test-support/users';

vi.mock('next/headers', () => import('@/test-support/next-request'));

const { db } = await import('@/lib/db');
const { users } = await import('@/lib/db/schema');
const authRoute = await import('@/app/api/auth/[...all]/route');

let counter = 0;
const unique = (label: string) => `${label}-${++counter}-${Date.now()}@example.test`;
let ip = 0;

async function post(path: string, body: unknown, cookie?: string): Promise<Response> {
  return authRoute.POST(
    new Request(`http://localhost:3000/api/auth${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: 'http://localhost:3000',
        'x-forwarded-for': `198.51.100.${++ip}`,
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify(body),
    }),
  );
}

async function signedIn(): Promise<{ cookie: string; id: string }> {
  const { cookie, userId } = await signUp({ name: 'Input Tester', email: unique('input') });
  return { cookie, id: userId };
}

const nameOf = async (id: string) => (await db.select({ name: users.name }).from(users).where(eq(users.id, id)))[0]?.name;

async function expectRefused(response: Response, field: string): Promise<void> {
  expect(response.status).toBe(400);
  const body = (await response.json()) as { code: string; message: string; fieldErrors: Record<string, string[]> };
  expect(body).toMatchObject({ code: 'VALIDATION_ERROR', message: 'Please check the highlighted fields.' });
  expect(Object.keys(body.fieldErrors)).toEqual([field]);
}

describe('Better Auth endpoints apply Orbit’s input rules', () => {
  it('update-user: a NUL in the name is a 400 with the field, not a 500; the name is unchanged', async () => {
    const { cookie, id } = await signedIn();
    await expectRefused(await post('/update-user', { name: 'a\u0000b' }, cookie), 'name');
    expect(await nameOf(id)).toBe('Input Tester');
  });

  it('update-user: 20,000 characters are refused (the form allows 80); 80 pass, trimmed as the form trims', async () => {
    const { cookie, id } = await signedIn();
    await expectRefused(await post('/update-user', { name: 'x'.repeat(20_000) }, cookie), 'name');
    expect(await nameOf(id)).toBe('Input Tester');
    const eighty = `  ${'y'.repeat(80)}  `;
    expect((await post('/update-user', { name: eighty }, cookie)).status).toBe(200);
    expect(await nameOf(id)).toBe('y'.repeat(80));
  });

  it('update-user: no profile image (Orbit has none to show)', async () => {
    const { cookie } = await signedIn();
    await expectRefused(await post('/update-user', { image: `https://example.test/${'i'.repeat(5000)}` }, cookie), 'image');
  });

  it('sign-up/email: a 20,000-character or NUL name is refused and no account is created', async () => {
    for (const name of ['n'.repeat(20_000), 'Nul\u0000Name']) {
      const email = unique('signup');
      await expectRefused(await post('/sign-up/email', { name, email, password: 'some long password' }), 'name');
      expect(await db.select().from(users).where(eq(users.email, email))).toEqual([]);
    }
  });

  it('sign-in/email and change-password: a NUL anywhere is a 400, never a 500', async () => {
    await expectRefused(await post('/sign-in/email', { email: unique('nul'), password: 'pass\u0000word' }), 'password');
    const { cookie } = await signedIn();
    await expectRefused(await post('/change-password', { currentPassword: 'correct horse battery', newPassword: 'new\u0000password' }, cookie), 'newPassword');
  });

  it('every endpoint: a NUL in any string of the body, at any depth, is a 400', async () => {
    const { cookie } = await signedIn();
    for (const path of ['/sign-out', '/revoke-session', '/change-email', '/delete-user', '/request-password-reset', '/reset-password', '/send-verification-email']) {
      const response = await post(path, { token: 'x\u0000', newEmail: 'a@b.c', nested: { deep: ['ok', 'n\u0000ul'] } }, cookie);
      expect(response.status, path).toBe(400);
      expect(await response.json(), path).toMatchObject({ code: 'VALIDATION_ERROR' });
    }
  });
});
