// Better Auth's base URL: APP_URL's origin when it is set (required in production: the one origin Orbit trusts);
// without it (development, tests) the origin `next dev` serves, http://localhost:$PORT. Never derived from a
// request's Host header, and never the "Base URL is not set" warning on start.
import { afterEach, describe, expect, it, vi } from 'vitest';

/** Better Auth's context for an environment, created the way the server creates it, and what it logged meanwhile. */
async function authContext(vars: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  vi.resetModules();
  const logged: string[] = [];
  for (const level of ['log', 'info', 'warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  }
  const { auth } = await import('@/lib/auth/config');
  const context = await auth.$context;
  return { baseURL: context.baseURL, trustedOrigins: context.trustedOrigins, logged };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("Better Auth's base URL", () => {
  it('without APP_URL: the dev origin, http://localhost:3000, and no warning', async () => {
    const { baseURL, trustedOrigins, logged } = await authContext({ APP_URL: undefined, PORT: undefined });
    expect(baseURL).toBe('http://localhost:3000/api/auth');
    expect(trustedOrigins).toEqual(['http://localhost:3000']);
    expect(logged.filter((line) => line.includes('Better Auth'))).toEqual([]);
  });

  it('without APP_URL on another port: that port', async () => {
    const { baseURL } = await authContext({ APP_URL: undefined, PORT: '4123' });
    expect(baseURL).toBe('http://localhost:4123/api/auth');
  });

  it("with APP_URL: its origin, the only trusted one (a path in APP_URL is not Better Auth's)", async () => {
    const { baseURL, trustedOrigins, logged } = await authContext({ APP_URL: 'https://orbit.example/some/path', PORT: '4123' });
    expect(baseURL).toBe('https://orbit.example/api/auth');
    expect(trustedOrigins).toEqual(['https://orbit.example']);
    expect(logged.filter((line) => line.includes('Better Auth'))).toEqual([]);
  });
});
