import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const SCRIPT = path.join(__dirname, 'sentry-release.mjs');
const PORT = Number(process.env.ORBIT_E2E_PORT_BASE ?? 4600) + 79;

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SENTRY_'))) as NodeJS.ProcessEnv;

describe('scripts/sentry-release.mjs', () => {
  it('is a no-op without SENTRY_AUTH_TOKEN', async () => {
    const { stdout } = await run(process.execPath, [SCRIPT], { env: clean });
    expect(stdout).toContain('skipped (no SENTRY_AUTH_TOKEN)');
  });

  it('creates the release, finalizes it and records the deploy, with the token as bearer', async () => {
    const seen: { method: string; url: string; auth: string | undefined; body: unknown }[] = [];
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body: JSON.parse(raw) });
        res.writeHead(req.method === 'POST' && req.url?.endsWith('/releases/') ? 201 : 200, { 'content-type': 'application/json', connection: 'close' });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server!.listen(PORT, '127.0.0.1', resolve));
    const { stdout } = await run(process.execPath, [SCRIPT, '--finalize', '--deploy', 'staging'], {
      env: { ...clean, SENTRY_AUTH_TOKEN: 'sntrys_t', SENTRY_ORG: 'acme', SENTRY_PROJECT: 'orbit', SENTRY_RELEASE: 'abc123', SENTRY_URL: `http://127.0.0.1:${PORT}` },
    });
    expect(stdout).toContain('abc123 created');
    expect(seen.map((s) => [s.method, s.url, s.auth])).toEqual([
      ['POST', '/api/0/organizations/acme/releases/', 'Bearer sntrys_t'],
      ['PUT', '/api/0/organizations/acme/releases/abc123/', 'Bearer sntrys_t'],
      ['POST', '/api/0/organizations/acme/releases/abc123/deploys/', 'Bearer sntrys_t'],
    ]);
    expect(seen[0]!.body).toEqual({ version: 'abc123', projects: ['orbit'] });
    expect(seen[1]!.body).toEqual({ dateReleased: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(seen[2]!.body).toEqual({ environment: 'staging' });
  });
});
