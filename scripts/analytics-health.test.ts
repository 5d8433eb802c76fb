// `npm run analytics -- health` as CI runs it: the real CLI in its own process (tsx, as package.json runs it), against
// the real health API (app/api/dev/inbox/health) served on loopback over this file's PGlite inbox, fed through the
// real ingest route. What is asserted is what CI sees: the exit code and the summary line.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as ingest from '@/app/ingest/[...path]/route';
import * as inbox from '@/app/api/dev/inbox/route';
import * as health from '@/app/api/dev/inbox/health/route';

const ROOT = path.resolve(__dirname, '..');
const ORIGIN = 'http://127.0.0.1:3105';
let server: Server;
let origin: string;

type Run = { code: number; stdout: string; stderr: string };

/** The CLI, as `npm run analytics -- health …` starts it. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['--conditions=react-server', 'scripts/analytics.ts', 'health', ...args],
      { cwd: ROOT, timeout: 60_000, env: { ...process.env, NODE_ENV: 'test' } },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

let n = 0;
/** One browser event; `session: false` leaves out $session_id (a warn-level finding). */
async function send(event: string, { session = true } = {}): Promise<void> {
  const properties = { $lib: 'web', $current_url: 'http://localhost/', app: 'orbit', deployment: 'local', ...(session ? { $session_id: `019ae000-0000-7000-8000-${String(++n).padStart(12, '0')}` } : {}) };
  const body = JSON.stringify({ api_key: 'phc_local', batch: [{ event, distinct_id: 'anon-cli', properties, timestamp: new Date().toISOString() }] });
  const res = await ingest.POST(new Request(`${ORIGIN}/ingest/batch/`, { method: 'POST', body, headers: { 'content-type': 'application/json' } }), { params: Promise.resolve({ path: ['batch'] }) });
  expect(res.status, await res.clone().text()).toBe(200);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', ORIGIN);
      const answer = url.pathname === '/api/dev/inbox/health' ? await health.GET(new Request(url, { headers: req.headers as Record<string, string> })) : new Response('not found', { status: 404 });
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(async () => {
  expect((await inbox.DELETE(new Request(`${ORIGIN}/api/dev/inbox`, { method: 'DELETE' }))).status).toBe(204);
});

describe('npm run analytics -- health', () => {
  it('exits 0 on clean traffic and says how many events it checked', { timeout: 120_000 }, async () => {
    await send('$pageview');
    await send('$pageleave');
    const run = await cli('--origin', origin);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('2 events checked, 0 findings.');
    expect(run.code).toBe(0);
  });

  it('exits 1 on a warning by default, 0 with --fail-on error; 1 on an error either way; --since leaves older findings out', { timeout: 120_000 }, async () => {
    await send('$pageview', { session: false });
    const warned = await cli('--origin', origin);
    expect(warned.stdout).toMatch(/warn\s+missing_session\s+\$pageview/);
    expect(warned.stdout.trim().split('\n').at(-1)).toBe('1 events checked, 1 findings: missing_session 1.');
    expect(warned.code).toBe(1);
    expect((await cli('--origin', origin, '--fail-on', 'error')).code).toBe(0);

    await send('marketing.visit_landin');
    const errored = await cli('--origin', origin, '--fail-on', 'error');
    expect(errored.stdout).toMatch(/error\s+unknown_event\s+marketing\.visit_landin/);
    expect(errored.code).toBe(1);
    // Findings older than --since are not counted.
    const future = new Date(Date.now() + 60_000).toISOString();
    const none = await cli('--origin', origin, '--since', future);
    expect(none.stdout.trim().split('\n').at(-1)).toMatch(/, 0 findings\.$/);
    expect(none.code).toBe(0);
  });

  it('exits 1 with a reason on bad arguments or when no Orbit answers', { timeout: 120_000 }, async () => {
    const bad = await cli('--origin', origin, '--fail-on', 'info');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--fail-on is warn or error.');
    const since = await cli('--origin', origin, '--since', 'yesterday-ish');
    expect(since.code).toBe(1);
    expect(since.stderr).toContain('--since');
    const down = await cli('--origin', 'http://127.0.0.1:9');
    expect(down.code).toBe(1);
    expect(down.stderr).not.toBe('');
  });
});
