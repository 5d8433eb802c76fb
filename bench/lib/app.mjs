// Orbit under test: the two builds (as shipped / bare), `next start` servers with their environment, and a
// signed-in, onboarded user with a project on each server (via Better Auth's HTTP API + the onboarding UI).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runToEnd, start, stop } from './processes.mjs';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
export const LOG_DIR = path.join(ROOT, '.data', 'bench-logs');

/**
 * Only loopback, only this benchmark's ports: base + 0 … 20 (base 3300, or ORBIT_BENCH_PORT_BASE so two benchmarks —
 * or a benchmark and a test suite — can run side by side on one machine).
 */
export const PORT_BASE = Number(process.env.ORBIT_BENCH_PORT_BASE || 3300);
const at = (offset) => PORT_BASE + offset;
export const PORTS = { bare: at(1), shipped: at(2), naive: at(3), blackholed: at(4), sentryOnly: at(5), requestSpans: at(6), posthogOnly: at(7), consentOptIn: at(8), errorsOnly: at(9), collector: at(10), blackhole: at(11) };
const COLLECTOR = `http://127.0.0.1:${PORTS.collector}`;

/** A fake project key (never a real one) and a DSN on the benchmark's collector: no byte leaves the machine. */
const BENCH_POSTHOG_KEY = 'phc_bench_orbit_0000000000000000000000000';
const BENCH_SENTRY_DSN = `http://benchpublickey@127.0.0.1:${PORTS.collector}/1`;
const BENCH_AUTH_SECRET = 'orbit-bench-secret-only-for-throwaway-bench-servers-0123456789';

export const BUILDS = {
  shipped: { distDir: '.next-bench-shipped', env: {} },
  // Everything instrumentation compiled out (dead code removed at build time). No Sentry DSN: the server SDK
  // (sentry.server.config.ts) would otherwise start from NEXT_PUBLIC_SENTRY_DSN (the servers get this env too).
  bare: { distDir: '.next-bench-bare', env: { NEXT_PUBLIC_INSTRUMENTATION: 'off', NEXT_PUBLIC_SENTRY_DSN: '' } },
};

/**
 * Environment of both builds and their servers: Orbit in "cloud" mode, the way it ships, but with PostHog and
 * Sentry pointed at the benchmark's collector. Both builds get the same keys, so the instrumentation flag is the
 * only difference between them.
 */
function buildEnv(variant) {
  return {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    NEXT_DIST_DIR: BUILDS[variant].distDir,
    NEXT_PUBLIC_POSTHOG_KEY: BENCH_POSTHOG_KEY,
    NEXT_PUBLIC_POSTHOG_HOST: COLLECTOR,
    NEXT_PUBLIC_SENTRY_DSN: BENCH_SENTRY_DSN,
    NEXT_PUBLIC_INSTRUMENTATION: '',
    NEXT_PUBLIC_ANALYTICS_CONSENT: 'opt-out',
    // No source-map upload, no release lookup against sentry.io.
    SENTRY_AUTH_TOKEN: '',
    SENTRY_ORG: '',
    SENTRY_PROJECT: '',
    DATABASE_URL: '',
    STRIPE_SECRET_KEY: '',
    LOCAL_INBOX: '',
    ...BUILDS[variant].env,
  };
}

/** `next build` into the variant's dist dir; throws with the log's tail on failure. */
export async function build(variant, log) {
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, `build-${variant}.log`);
  rmSync(logFile, { force: true });
  rmSync(path.join(ROOT, BUILDS[variant].distDir), { recursive: true, force: true });
  const started = Date.now();
  // `next build` with a custom distDir adds `<distDir>/types/**/*.ts` to the tsconfig it uses (rewriting the file).
  // Two builds sharing tsconfig.json race: one can read it half-written, take it for missing and type-check the app
  // without its path aliases. Each build gets its own copy (NEXT_TSCONFIG_PATH, next.config.js), removed afterwards.
  const ownTsconfig = `tsconfig.bench-${variant}.json`;
  writeFileSync(path.join(ROOT, ownTsconfig), readFileSync(path.join(ROOT, 'tsconfig.json')));
  let code;
  try {
    code = await runToEnd(`build:${variant}`, process.execPath, [NEXT_BIN, 'build'], {
      cwd: ROOT,
      env: { ...buildEnv(variant), NEXT_TSCONFIG_PATH: ownTsconfig },
      logFile,
    });
  } finally {
    rmSync(path.join(ROOT, ownTsconfig), { force: true });
  }
  if (code !== 0) throw new Error(`next build (${variant}) failed with exit code ${code}; see ${path.relative(ROOT, logFile)}`);
  const ms = Date.now() - started;
  log(`built ${variant} in ${(ms / 1000).toFixed(0)} s → ${BUILDS[variant].distDir}/`);
  return ms;
}

export function hasBuild(variant) {
  return existsSync(path.join(ROOT, BUILDS[variant].distDir, 'BUILD_ID'));
}

/**
 * Server scenarios. Every server has its own port and fresh PGlite data dir; the PostHog host and delivery mode
 * are runtime settings of posthog-node (lib/analytics/server), the build decides the rest.
 *   bare        bare build, server capture and Sentry off
 *   shipped     shipped build, PostHog and Sentry → the collector (which answers capture after the delay)
 *   naive       shipped build, but every capture awaits a flush inside the request (POSTHOG_DELIVERY=await)
 *   blackholed  shipped build, PostHog host accepts connections and never answers
 */
export const SCENARIOS = {
  bare: { build: 'bare', port: PORTS.bare, env: { POSTHOG_ENABLED: '0', SENTRY_DSN: '' } },
  shipped: { build: 'shipped', port: PORTS.shipped, env: { POSTHOG_HOST: COLLECTOR, SENTRY_DSN: BENCH_SENTRY_DSN } },
  // env completed by naiveMode() below: which switch exists in the server code decides.
  naive: { build: 'shipped', port: PORTS.naive, env: { POSTHOG_HOST: COLLECTOR, SENTRY_DSN: BENCH_SENTRY_DSN } },
  // Breakdown only (no target): where the shipped server's overhead comes from — Sentry alone, PostHog capture off.
  sentryOnly: { build: 'shipped', port: PORTS.sentryOnly, env: { POSTHOG_ENABLED: '0', SENTRY_DSN: BENCH_SENTRY_DSN } },
  // The option to drop Next.js's server spans (SENTRY_SERVER_SPANS=requests): what it gains.
  requestSpans: { build: 'shipped', port: PORTS.requestSpans, env: { POSTHOG_HOST: COLLECTOR, SENTRY_DSN: BENCH_SENTRY_DSN, SENTRY_SERVER_SPANS: 'requests' } },
  // The option SENTRY_SERVER_SPANS=none: Sentry on the server for errors only, no server tracing.
  errorsOnly: { build: 'shipped', port: PORTS.errorsOnly, env: { POSTHOG_HOST: COLLECTOR, SENTRY_DSN: BENCH_SENTRY_DSN, SENTRY_SERVER_SPANS: 'none' } },
  // Breakdown only: Sentry off on the server (no DSN at all), PostHog capture on — what the server SDK costs.
  posthogOnly: { build: 'shipped', port: PORTS.posthogOnly, env: { POSTHOG_HOST: COLLECTOR, SENTRY_DSN: '', NEXT_PUBLIC_SENTRY_DSN: '' } },
  // Pages only: the option ANALYTICS_CONSENT=opt-in (posthog-js loads after a "yes"; a visitor who has not answered).
  consentOptIn: { build: 'shipped', port: PORTS.consentOptIn, pagesOnly: true, env: { POSTHOG_HOST: COLLECTOR, SENTRY_DSN: BENCH_SENTRY_DSN, ANALYTICS_CONSENT: 'opt-in' } },
  blackholed: { build: 'shipped', port: PORTS.blackholed, env: { POSTHOG_HOST: `http://127.0.0.1:${PORTS.blackhole}`, SENTRY_DSN: BENCH_SENTRY_DSN } },
};

const grep = (needle, ...files) =>
  files.some((f) => {
    const full = path.join(ROOT, f);
    if (!existsSync(full)) return false;
    return statSync(full).isDirectory()
      ? readdirSync(full).some((e) => /\.tsx?$/.test(e) && !e.endsWith('.test.ts') && readFileSync(path.join(full, e), 'utf8').includes(needle))
      : readFileSync(full, 'utf8').includes(needle);
  });

/**
 * How the naive await-per-event pattern is produced (read from the source, never by importing app code):
 *   'delivery'   lib/analytics/server understands POSTHOG_DELIVERY=await (capture, then await the flush in the request)
 *   'route'      the bench-only POST /api/bench/naive-tasks/[id]: the same task creation through the same wrapper, then
 *                a PostHog client per request + awaited shutdown(); its wrapper records nothing, so each task is
 *                captured exactly once
 *   'missing'    neither: the naive server runs Orbit's normal delivery and the comparison is reported as n/a
 * @returns {{ mode: 'delivery' | 'route' | 'missing', env: Record<string, string>, path: (projectId: string) => string }}
 */
export function naiveMode() {
  const tasksPath = (id) => `/api/projects/${id}/tasks`;
  if (grep('POSTHOG_DELIVERY', 'lib/analytics/server', 'lib/env.ts')) return { mode: 'delivery', env: { POSTHOG_DELIVERY: 'await' }, path: tasksPath };
  if (existsSync(path.join(ROOT, 'app/api/bench/naive-tasks/[id]/route.ts'))) {
    // The shared client stays on (as shipped) for everything else; the route's wrapper records nothing itself.
    return { mode: 'route', env: { BENCH_NAIVE_ANALYTICS: '1' }, path: (id) => `/api/bench/naive-tasks/${id}` };
  }
  return { mode: 'missing', env: {}, path: tasksPath };
}

function serverEnv(name) {
  const s = SCENARIOS[name];
  return {
    ...buildEnv(s.build),
    APP_URL: `http://127.0.0.1:${s.port}`,
    PGLITE_DATA_DIR: path.join('.data', `bench-${name}`),
    BETTER_AUTH_SECRET: BENCH_AUTH_SECRET,
    BILLING_PROVIDER: 'local',
    // Production sampling (5 % of traces, lib/monitoring/shared/sampling.ts): what a deployment really pays.
    DEPLOYMENT: 'production',
    AUTH_SIGNUP_RATE_LIMIT_MAX: '10000',
    AUTH_RATE_LIMIT_MAX: '10000',
    // Orbit's default consent mode, explicit: PostHog (and its recorder) start on the first visit without a click —
    // the most expensive configuration for the browser, so the one to measure.
    ANALYTICS_CONSENT: 'opt-out',
    // One server event per request: task.created from the mutation wrapper, no sampled api.request on top.
    POSTHOG_API_REQUEST_SAMPLE_RATE: '0',
    ...s.env,
    ...(name === 'naive' ? naiveMode().env : {}),
  };
}

async function waitHealthy(url, server, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`${server.name} exited with code ${server.child.exitCode} before it was ready`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${server.name} did not answer /api/health within ${timeoutMs / 1000} s`);
}

/** Starts `next start` for a scenario on a fresh database; resolves when /api/health answers. */
export async function startServer(name, { nodeArgs = [] } = {}) {
  const s = SCENARIOS[name];
  rmSync(path.join(ROOT, '.data', `bench-${name}`), { recursive: true, force: true });
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, `server-${name}.log`);
  rmSync(logFile, { force: true });
  const server = start(`server:${name}`, process.execPath, [...nodeArgs, NEXT_BIN, 'start', '-H', '127.0.0.1', '-p', String(s.port)], {
    cwd: ROOT,
    env: serverEnv(name),
    logFile,
  });
  const url = `http://127.0.0.1:${s.port}`;
  try {
    await waitHealthy(url, server);
  } catch (error) {
    await stop(server);
    throw error;
  }
  return { name, url, port: s.port, pid: server.child.pid, process: server, logFile };
}

/**
 * A fresh user on `server`: sign-up and log-in through Better Auth's HTTP API (cookie into the browser context), onboarding
 * through the UI (profile → workspace → project), then the project id from the REST API.
 * @returns {Promise<{ userId: string, cookieHeader: string, cookies: import('playwright-core').Cookie[], projectId: string }>}
 */
export async function setUpUser(browser, server, contextOptions) {
  const context = await browser.newContext(contextOptions);
  try {
    const page = await context.newPage();
    const stamp = `${Date.now()}${Math.random().toString(36).slice(2, 6)}`;
    const credentials = { email: `bench-${stamp}@example.test`, password: `bench-password-${stamp}` };
    const res = await context.request.post(`${server.url}/api/auth/sign-up/email`, {
      data: { name: 'Bench User', ...credentials },
      headers: { origin: server.url },
    });
    if (!res.ok()) throw new Error(`sign-up on ${server.name} answered ${res.status()}: ${(await res.text()).slice(0, 300)}`);
    // Over HTTP a sign-up does not sign in (it answers a taken email the same way): log in for the cookie.
    const login = await context.request.post(`${server.url}/api/auth/sign-in/email`, { data: credentials, headers: { origin: server.url } });
    if (!login.ok()) throw new Error(`log-in on ${server.name} answered ${login.status()}: ${(await login.text()).slice(0, 300)}`);
    const body = await login.json();
    const userId = body?.user?.id;
    if (!userId) throw new Error(`log-in on ${server.name} returned no user id`);

    await page.goto(`${server.url}/onboarding`);
    await page.waitForURL(/\/onboarding\/(profile|workspace|project)|\/dashboard/);
    if (/\/onboarding\/profile/.test(page.url())) {
      await page.getByLabel('Your role').selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForURL(/\/onboarding\/workspace/);
    }
    if (/\/onboarding\/workspace/.test(page.url())) {
      await page.getByLabel('Workspace name').fill('Bench workspace');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForURL(/\/onboarding\/project/);
    }
    if (/\/onboarding\/project/.test(page.url())) {
      await page.getByLabel('Project name').fill('Bench project');
      await page.getByRole('button', { name: 'Create project' }).click();
    }
    await page.waitForURL(/\/dashboard/);

    const projects = await context.request.get(`${server.url}/api/projects`);
    if (!projects.ok()) throw new Error(`GET /api/projects on ${server.name} answered ${projects.status()}`);
    const list = await projects.json();
    const first = (Array.isArray(list) ? list : (list.projects ?? []))[0];
    if (!first?.id) throw new Error(`no project on ${server.name} after onboarding`);
    const cookies = await context.cookies(server.url);
    return { userId, cookies, cookieHeader: cookies.map((c) => `${c.name}=${c.value}`).join('; '), projectId: first.id };
  } finally {
    await context.close();
  }
}
