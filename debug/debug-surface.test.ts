// The "break it on purpose" surface outside local mode: the page, the route and the server action all answer
// "not found", for any signed-in user, without running the failing code and without reporting anything to Sentry.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { request } from '@/test-support/next-request';
import { signUp } from '@/test-support/users';

vi.mock('next/headers', () => import('@/test-support/next-request'));
// A deployment with real backends configured: local mode is off.
vi.mock('@/lib/env', async (importOriginal) => ({ ...(await importOriginal<typeof import('@/lib/env')>()), localInbox: false }));
const reported = vi.hoisted(() => [] as string[]);
vi.mock('@/lib/monitoring/server/server', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/monitoring/server/server')>()),
  captureMutationError: (name: string) => {
    reported.push(name);
    return 'event-id';
  },
}));

const { debugServerActionError } = await import('./actions');
const boomRoute = await import('@/app/api/dev/boom/route');
const { default: DevErrorsPage } = await import('@/app/dev/errors/page');
const { NextRequest } = await import('next/server');

async function signedIn(): Promise<void> {
  const { cookie } = await signUp({ name: 'Any User' });
  request.headers = new Headers({ cookie, 'x-forwarded-for': '203.0.113.50' });
}

const isNotFound = (error: unknown) => String((error as { digest?: unknown }).digest ?? '').startsWith('NEXT_HTTP_ERROR_FALLBACK;404');

describe('debug surface outside local mode', () => {
  beforeEach(() => {
    reported.length = 0;
  });

  it('the server action answers not_found to a signed-in user and reports nothing', async () => {
    await signedIn();
    const result = await debugServerActionError('prod-probe');
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(reported).toEqual([]);
  });

  it('GET /api/dev/boom and /dev/errors are 404s', async () => {
    await signedIn();
    const call = boomRoute.GET(new NextRequest('http://localhost/api/dev/boom?marker=x'), { params: Promise.resolve({}) });
    await expect(call).rejects.toSatisfy(isNotFound);
    await expect(DevErrorsPage({ searchParams: Promise.resolve({ kind: 'server-component' }) })).rejects.toSatisfy(isNotFound);
    expect(reported).toEqual([]);
  });
});
