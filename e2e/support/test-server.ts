// The production server the end-to-end tests talk to: its environment (fresh database, test secret, relaxed
// sign-up limits, no cloud integrations), and start/stop helpers for specs that need their own server (restart).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
const E2E_DATA_ROOT = path.join(ROOT, '.data', 'e2e');
export const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

/** Test-only secret (>= 32 chars); never used outside these throwaway servers. */
export const TEST_AUTH_SECRET = 'orbit-e2e-secret-only-for-throwaway-test-servers-0123456789';

/**
 * Keys that would point the server at real backends (cloud PostHog, Sentry, Stripe). Empty strings count as unset
 * in lib/env.ts and win over .env files, so a developer's .env.local never leaks into a test run.
 */
const CLOUD_KEYS = [
  'DATABASE_URL',
  'NEXT_PUBLIC_POSTHOG_KEY',
  'NEXT_PUBLIC_POSTHOG_HOST',
  'NEXT_PUBLIC_SENTRY_DSN',
  'SENTRY_DSN',
  'POSTHOG_PERSONAL_API_KEY',
  'POSTHOG_HOST',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'STRIPE_PRICE_PRO',
  'STRIPE_PRICE_TEAM',
];

/**
 * First of the loopback ports the suite uses: the shared server on BASE, specs with their own server on BASE+1…
 * Override with ORBIT_E2E_PORT_BASE to run two suites side by side on one machine.
 */
export const E2E_PORT_BASE = Number(process.env.ORBIT_E2E_PORT_BASE ?? 3200);

export function serverEnv({ port, dataDir }: { port: number; dataDir: string }): Record<string, string> {
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    APP_URL: `http://127.0.0.1:${port}`,
    PGLITE_DATA_DIR: dataDir,
    BETTER_AUTH_SECRET: TEST_AUTH_SECRET,
    BILLING_PROVIDER: 'local',
    LOCAL_INBOX: '1',
    DEPLOYMENT: 'e2e',
    // Every test signs up and logs in from 127.0.0.1; the production limits would throttle the suite.
    AUTH_SIGNUP_RATE_LIMIT_MAX: '10000',
    AUTH_RATE_LIMIT_MAX: '10000',
    // A whole run stores ~20 000 Sentry items (every span is one); the privacy scan needs all of them kept.
    INBOX_MAX_ROWS: '200000',
  };
  for (const key of CLOUD_KEYS) env[key] = '';
  if (process.env.NEXT_DIST_DIR) env.NEXT_DIST_DIR = process.env.NEXT_DIST_DIR;
  return env;
}

/** A new, unused data directory under .data/e2e/ (kept after the run for debugging; old ones are pruned). */
export function newDataDir(label: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const dir = path.join(E2E_DATA_ROOT, `${label}-${stamp}-${process.pid}-${Math.random().toString(36).slice(2, 6)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Removes all but the newest `keep` run directories so debugging data never piles up. */
export function pruneDataDirs(keep = 4): void {
  let entries: { dir: string; mtime: number }[];
  try {
    entries = readdirSync(E2E_DATA_ROOT).map((name) => {
      const dir = path.join(E2E_DATA_ROOT, name);
      return { dir, mtime: statSync(dir).mtimeMs };
    });
  } catch {
    return;
  }
  entries.sort((a, b) => b.mtime - a.mtime);
  for (const { dir } of entries.slice(keep)) rmSync(dir, { recursive: true, force: true });
}

export type RunningServer = { url: string; port: number; dataDir: string; process: ChildProcess; output: () => string };

/**
 * Fails when something already listens on 127.0.0.1:<port> — a server left running by an interrupted run (it renames
 * itself `next-server`) would otherwise answer the health check, and the test would talk to it instead of the server
 * it configured.
 */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`port ${port} on 127.0.0.1 is in use (${error.code}): a server left by an earlier run? \`ss -ltnp | grep :${port}\`, then \`pkill -f next-server\``)),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** Starts `next start` on 127.0.0.1:<port> (which must be free) and resolves once /api/health answers 200. */
export async function startServer({
  port,
  dataDir,
  timeoutMs = 90_000,
  env = {},
}: {
  port: number;
  dataDir: string;
  timeoutMs?: number;
  /** extra variables for this server only (e.g. ANALYTICS_CONSENT=opt-in) */
  env?: Record<string, string>;
}): Promise<RunningServer> {
  const url = `http://127.0.0.1:${port}`;
  await assertPortFree(port);
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: ROOT,
    env: { ...process.env, ...serverEnv({ port, dataDir }), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const server: RunningServer = { url, port, dataDir, process: child, output: () => log };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start on port ${port} exited with ${child.exitCode}:\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stopServer(server);
  throw new Error(`next start on port ${port} did not become healthy within ${timeoutMs} ms:\n${log}`);
}

/**
 * SIGTERM, then wait for the process to exit (SIGKILL after `graceMs`), so the data directory is released. The
 * grace matches Kubernetes' default termination period: the server flushes analytics and Sentry on the way out,
 * which takes ~3 s on a quiet machine and more on a loaded CI runner.
 */
export async function stopServer(server: RunningServer, graceMs = 30_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const child = server.process;
  if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}
