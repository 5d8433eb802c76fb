// Next's request scope for unit tests that run server actions, route wrappers and guards outside a request. In the
// test file, before anything imports the app:
//   vi.mock('next/headers', () => import('@/test-support/next-request'));
//   vi.mock('next/cache', () => import('@/test-support/next-request'));   // where the code revalidates
// then set `request.headers` (a signed-in user's cookie, X-Forwarded-For, …) before each call.

/**
 * What `headers()` answers: replace it per test. Kept on globalThis: after vi.resetModules() the mock imports a new
 * copy of this module, which must answer what the test set on the copy it imported (vitest.setup.ts clears it
 * after each file).
 */
const shared = globalThis as { orbitTestRequest?: { headers: Headers } };
export const request = (shared.orbitTestRequest ??= { headers: new Headers() });

export async function headers(): Promise<Headers> {
  return request.headers;
}

/** Orbit reads the session from the headers; what Better Auth's nextCookies() plugin sets is dropped. */
export async function cookies() {
  return { get: () => undefined, getAll: () => [], set: () => undefined, delete: () => undefined, has: () => false };
}

/** revalidatePath/revalidateTag need Next's render store; outside a request there is nothing to invalidate. */
export function revalidatePath(): void {}
export function revalidateTag(): void {}
