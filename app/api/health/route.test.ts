// GET /api/health is public (load balancers): its body says whether the database answers, never why it does not.
import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeDatabase } from '@/lib/db';

/** A loopback port nothing listens on: the database driver gets a real "connection refused". */
async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('GET /api/health', () => {
  it('answers 200 with the database ok', async () => {
    const { GET } = await import('./route');
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: { status: 'ok', kind: 'pglite' } });
  });

  it('a failing database: 503 with a generic status; the driver error (host, port, cause) only reaches the log', async () => {
    const port = await freePort();
    await closeDatabase();
    vi.stubEnv('DATABASE_URL', `postgres://orbit:hunter2@127.0.0.1:${port}/orbit`);
    vi.resetModules();
    const { GET } = await import('./route');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);

    const res = await GET();

    expect(res.status).toBe(503);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'degraded', database: { status: 'error', kind: 'postgres' } });
    expect(Object.keys(body.database as object).sort()).toEqual(['kind', 'status']);
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|hunter2|connect/i);
    expect(res.headers.get('cache-control')).toBe('no-store');
    // The operator still sees the cause.
    expect(JSON.stringify(logged.mock.calls)).toMatch(/ECONNREFUSED/);
  });
});
