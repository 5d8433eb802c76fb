// SIGTERM with events still queued, in a real process that exits the way `next start` does (test-support/
// analytics-shutdown-probe.ts): the process is gone in under a second and the PostHog host — a real HTTP server on
// 127.0.0.1 that answers after 150 ms, like a distant ingest — received every queued event (counted by uuid).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const PROBE = path.join(ROOT, 'test-support', 'analytics-shutdown-probe.ts');
const EVENTS = 25;

let host: http.Server | undefined;
afterEach(() => {
  host?.close();
  host = undefined;
});

async function fakePostHog(): Promise<{ url: string; uuids: Set<string> }> {
  const uuids = new Set<string>();
  host = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // Only the capture batches count; anything else (a flag-definitions poll) gets an empty answer.
      if (req.method !== 'POST') return void res.writeHead(404).end();
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      const parsed = JSON.parse(body.toString('utf8')) as { batch?: { uuid?: string }[] };
      setTimeout(() => {
        for (const event of parsed.batch ?? []) if (event.uuid) uuids.add(event.uuid);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":1}');
      }, 150);
    });
  });
  host.listen(0, '127.0.0.1');
  await once(host, 'listening');
  return { url: `http://127.0.0.1:${(host.address() as AddressInfo).port}`, uuids };
}

describe('analytics shutdown in a process that exits like next start', () => {
  it('SIGTERM: exits in under 1 s and the PostHog host received every queued event', async () => {
    const posthog = await fakePostHog();
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', PROBE], {
      cwd: ROOT,
      env: { ...process.env, POSTHOG_HOST: posthog.url, EVENTS: String(EVENTS), SKIP_ENV_VALIDATION: '', NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (stdout.includes('ready')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`fixture exited early (${code}): ${stderr}`)));
    });
    expect(stdout).toContain(`ready ${EVENTS}`);
    expect(posthog.uuids.size, 'nothing is sent before the signal').toBe(0);

    const exited = once(child, 'exit');
    const started = performance.now();
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    const elapsed = performance.now() - started;

    expect(code).toBe(143);
    expect(posthog.uuids.size, `delivered before exit (stderr: ${stderr})`).toBe(EVENTS);
    expect(elapsed).toBeLessThan(1_000);
  }, 120_000);
});
