#!/usr/bin/env node
// `npm run bench:load`: bounded loopback load of simulated users through Orbit's funnel — sign-up → onboarding →
// project → tasks → checkout (local billing) — for a fixed time, against (1) one instance on its embedded PGlite and
// (2) two instances on one throwaway PostgreSQL (scripts/find-postgres.mjs), each user's requests alternating
// between them. PostHog and Sentry point at a fake host on loopback (bench/lib/collector.mjs) that counts events by
// uuid; after a graceful SIGTERM each server reports how many events it captured (bench/lib/analytics-probe.mjs),
// so "lost" is captured minus received. Never part of `npm test`.
//
//   npm run bench:load
//   npm run bench:load -- --duration=20 --users=4 --configs=single      a short run, one configuration
//   npm run bench:load -- --configs=relay      the relay storing (PostHog refused) against the relay healthy
//   options: --duration=S (60) --users=N virtual users (8) --tasks=N per funnel (3) --configs=single,pair,relay
//            --delay=MS fake host's answer delay (50) --rss-every=S (5) --port-base=P (ORBIT_BENCH_LOAD_PORT_BASE,
//            else 3340: fake host on P, servers on P+1, P+2)
//
// Exit code 1 when a request failed unexpectedly, an event was lost or a server logged an unexpected warning or
// error (the e2e suite's rule, scripts/check-server-log.mjs). Everything binds 127.0.0.1; servers, the
// fake host and PostgreSQL are stopped at the end, on error and on Ctrl-C. Needs a production build into
// .next-bench-load/ (made here through e2e/support/own-build.ts, reused while the configuration is unchanged).
// Results: bench/results/load-latest.{md,json} (load-relay-latest.{md,json} for --configs=relay alone); the servers'
// and the fake host's logs: .data/bench-load/.
//
// Users speak HTTP the way a browser does. Route handlers: Better Auth's POST /api/auth/sign-up/email and sign-in/email, POST
// /api/projects, POST /api/projects/[id]/tasks. Onboarding and checkout exist only as server actions, so they are
// called the way React calls them from the page: POST to the page with a `Next-Action` header (the id from the
// build's server-reference-manifest.json) and the (previousState, formData) arguments in React's reply encoding.
// A redirect comes back as `x-action-redirect`, with the next page's RSC payload in the body.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { unexpectedLines } from '../scripts/check-server-log.mjs';
import { startPostgres } from '../scripts/find-postgres.mjs';
import { startCollector } from './lib/collector-client.mjs';
import { LOAD_BUILD_ENV, LOAD_DIST_DIR } from './lib/load-config.mjs';
import { applySetCookies, clientAddress, cookieHeader, eventBalance, latencyTable, rssLine } from './lib/load-stats.mjs';
import { stop as stopProcess } from './lib/processes.mjs';

// The e2e helpers are TypeScript (CommonJS): loaded through tsx's require hook (`npm run bench:load` runs tsx).
const require = createRequire(import.meta.url);
/** @type {typeof import('../e2e/support/own-build')} */
const { ensureBuild } = require('../e2e/support/own-build.ts');
/** @type {typeof import('../e2e/support/test-server')} */
const { ROOT, newDataDir, startServer, stopServer } = require('../e2e/support/test-server.ts');
/** @type {typeof import('../test-support/server-actions')} */
const { actionBody, actionIds: serverActionIds, actionRedirect } = require('../test-support/server-actions.ts');

const PROBE = pathToFileURL(path.join(ROOT, 'bench', 'lib', 'analytics-probe.mjs')).href;
const RESULTS = path.join(ROOT, 'bench', 'results');
const RUN_DIR = path.join(ROOT, '.data', 'bench-load');

function parseOptions(argv) {
  const o = { durationS: 60, users: 8, tasks: 3, configs: ['single', 'pair'], delayMs: 50, rssEveryS: 5, portBase: Number(process.env.ORBIT_BENCH_LOAD_PORT_BASE || 3340) };
  const num = { '--duration': 'durationS', '--users': 'users', '--tasks': 'tasks', '--delay': 'delayMs', '--rss-every': 'rssEveryS', '--port-base': 'portBase' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=');
    const next = () => inline ?? argv[++i];
    if (flag === '--configs') {
      o.configs = String(next()).split(',');
      if (o.configs.some((c) => c !== 'single' && c !== 'pair' && c !== 'relay')) throw new Error('--configs takes single, pair and/or relay');
    } else if (num[flag]) {
      const v = Number(next());
      if (!Number.isFinite(v) || v < 0) throw new Error(`${flag} needs a number`);
      o[num[flag]] = v;
    } else throw new Error(`unknown option ${argv[i]} (see the header of bench/load.mjs)`);
  }
  if (o.users < 1 || o.durationS <= 0) throw new Error('--users and --duration must be positive');
  return o;
}

const t0 = Date.now();
const log = (line) => console.log(`[load +${String(Math.round((Date.now() - t0) / 1000)).padStart(3)}s] ${line}`);

// ---- Cleanup: every server, the fake host and PostgreSQL go, whatever happens ----

/** @type {Set<import('../e2e/support/test-server').RunningServer>} */
const servers = new Set();
/** @type {Set<() => Promise<void> | void>} */
const cleanups = new Set();
async function cleanUp() {
  await Promise.all([...servers].map((s) => stopServer(s, 5_000).catch(() => undefined)));
  servers.clear();
  for (const fn of [...cleanups].reverse()) {
    cleanups.delete(fn);
    await Promise.resolve(fn()).catch(() => undefined);
  }
}
process.on('exit', () => {
  for (const s of servers) s.process.kill('SIGKILL');
});
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error(`\n[load] ${signal}: stopping every server the benchmark started…`);
    await cleanUp();
    process.exit(130);
  });
}

// ---- Build, action ids ----

/** The server actions the funnel calls, by file and export, and the page each is posted to. */
const ACTIONS = {
  profile: { file: 'lib/onboarding/actions.ts', name: 'saveProfileStepAction' },
  workspace: { file: 'lib/onboarding/actions.ts', name: 'createWorkspaceStepAction' },
  project: { file: 'lib/onboarding/actions.ts', name: 'projectStepAction' },
  checkout: { file: 'lib/billing/actions.ts', name: 'startCheckoutAction' },
  pay: { file: 'lib/billing/actions.ts', name: 'payCheckoutAction' },
};

function actionIds() {
  return serverActionIds(ROOT, LOAD_DIST_DIR, ACTIONS);
}

// ---- Servers ----

/** Both instances verify the local provider's webhooks with one secret, as replicas of one deployment do. */
const WEBHOOK_SECRET = `whsec_load_${randomBytes(16).toString('hex')}`;

function serverEnv({ fakeHost, databaseUrl, statsPrefix, relayHost }) {
  return {
    ...LOAD_BUILD_ENV,
    // Where the browser relay (/ingest) sends: read at start (lib/env.ts); the build's placeholder otherwise.
    ...(relayHost ? { NEXT_PUBLIC_POSTHOG_HOST: relayHost } : {}),
    NEXT_DIST_DIR: LOAD_DIST_DIR,
    DATABASE_URL: databaseUrl ?? '',
    POSTHOG_HOST: fakeHost,
    SENTRY_DSN: `${fakeHost.replace('://', '://benchloadpublickey@')}/1`,
    // Production sampling and limits: what a deployment pays.
    DEPLOYMENT: 'production',
    // One (simulated) proxy in front: each user's own address arrives in X-Forwarded-For (docs/security.md), so
    // the per-IP limits apply per user at their production values instead of throttling one loopback address.
    TRUSTED_PROXY_HOPS: '1',
    AUTH_SIGNUP_RATE_LIMIT_MAX: '',
    AUTH_RATE_LIMIT_MAX: '',
    INBOX_MAX_ROWS: '',
    BILLING_PROVIDER: 'local',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    NODE_OPTIONS: `--import ${PROBE}`,
    ORBIT_BENCH_ANALYTICS_STATS: statsPrefix,
  };
}

/** Resident memory of a process and its descendants (Linux /proc). */
function treeRss(rootPid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Gone while we looked.
    }
  }
  let total = 0;
  const todo = [rootPid];
  while (todo.length) {
    const pid = /** @type {number} */ (todo.pop());
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // Gone.
    }
    todo.push(...(children.get(pid) ?? []));
  }
  return total;
}

// ---- The simulated user ----

class Stop extends Error {}
class FunnelFailed extends Error {}

/**
 * One run of load against `targets`. Each virtual user runs funnels back to back with a fresh account each time;
 * its requests go to the targets in turn (A, B, A, B… with two). No request starts after the deadline; requests
 * in flight then finish (aborted after 30 s).
 */
async function runLoad({ targets, ids, o, label, maxFunnels = Infinity }) {
  const samples = [];
  const errors = [];
  let aborted = 0;
  let funnelsStarted = 0;
  let funnelsCompleted = 0;
  let nextUser = 0;
  const runId = randomBytes(3).toString('hex');
  const startedAt = performance.now();
  const deadline = startedAt + o.durationS * 1000;
  const hardStop = new AbortController();

  async function funnel(n) {
    const jar = new Map();
    const ip = clientAddress(n);
    let turn = n % targets.length;

    async function call(step, pagePath, init, check) {
      if (performance.now() >= deadline) throw new Stop();
      const target = targets[turn++ % targets.length];
      const headers = { 'x-forwarded-for': ip, origin: target.url, ...(jar.size ? { cookie: cookieHeader(jar) } : {}), ...init.headers };
      const started = performance.now();
      let res;
      let body;
      try {
        res = await fetch(`${target.url}${pagePath}`, { ...init, headers, redirect: 'manual', signal: AbortSignal.any([hardStop.signal, AbortSignal.timeout(60_000)]) });
        body = await res.text();
      } catch (error) {
        if (hardStop.signal.aborted) {
          aborted += 1;
          throw new Stop();
        }
        errors.push({ step, instance: target.name, status: 0, problem: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
        throw new FunnelFailed();
      }
      const ms = performance.now() - started;
      applySetCookies(jar, res.headers.getSetCookie());
      samples.push({ step, ms, instance: target.name, at: started - startedAt });
      const problem = check(res, body);
      if (problem) {
        errors.push({ step, instance: target.name, status: res.status, problem, body: body.slice(0, 300) });
        throw new FunnelFailed();
      }
      if (o.ingest) await ingest(target);
      return { res, body };
    }

    /** What the page of each step sends through the relay: a gzip-js batch of 3 events, as posthog-js does. */
    async function ingest(target) {
      const batch = Array.from({ length: 3 }, () => ({ event: '$autocapture', uuid: randomUUID(), timestamp: new Date().toISOString(), properties: { distinct_id: `load-${runId}-${n}`, $current_url: `${target.url}/dashboard` } }));
      const body = gzipSync(JSON.stringify({ api_key: LOAD_BUILD_ENV.NEXT_PUBLIC_POSTHOG_KEY, batch, sent_at: new Date().toISOString() }));
      const step = 'POST /ingest/i/v0/e/ (relay)';
      const started = performance.now();
      let res;
      try {
        res = await fetch(`${target.url}/ingest/i/v0/e/?compression=gzip-js&ver=1.449.2`, {
          method: 'POST',
          headers: { 'x-forwarded-for': ip, 'content-type': 'text/plain', 'user-agent': 'Mozilla/5.0 (bench) Chrome/140.0' },
          body,
          signal: AbortSignal.any([hardStop.signal, AbortSignal.timeout(60_000)]),
        });
        await res.text();
      } catch (error) {
        if (hardStop.signal.aborted) throw new Stop();
        errors.push({ step, instance: target.name, status: 0, problem: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
        throw new FunnelFailed();
      }
      samples.push({ step, ms: performance.now() - started, instance: target.name, at: started - startedAt });
      if (res.status !== 200) {
        errors.push({ step, instance: target.name, status: res.status, problem: `expected 200, got ${res.status}` });
        throw new FunnelFailed();
      }
    }

    const json = (value) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
    const expectStatus = (status) => (res) => (res.status === status ? null : `expected ${status}, got ${res.status}`);
    /** A server action that must answer with a redirect to a path matching `to`; returns that path. */
    async function action(step, pagePath, key, fields, to) {
      const { res } = await call(step, pagePath, { method: 'POST', headers: { 'next-action': ids[key], accept: 'text/x-component' }, body: actionBody(fields) }, (r) => {
        const target = actionRedirect(r.headers.get('x-action-redirect')) ?? '';
        if (r.status !== 200) return `expected 200 with x-action-redirect, got ${r.status}`;
        return to.test(target) ? null : `expected a redirect to ${to}, got ${target ? `one to ${target}` : 'none (the action returned an error state)'}`;
      });
      return actionRedirect(res.headers.get('x-action-redirect')) ?? '';
    }

    funnelsStarted += 1;
    const email = `load-${runId}-${n}@example.test`;
    const password = `load-password-${runId}-${n}`;
    await call('sign-up', '/api/auth/sign-up/email', json({ name: `Load User ${n}`, email, password }), expectStatus(200));
    // Over HTTP a sign-up does not sign in (it answers a taken email the same way): the client logs in next.
    await call('log-in', '/api/auth/sign-in/email', json({ email, password }), (res) =>
      res.status !== 200 ? `expected 200, got ${res.status}` : jar.size ? null : 'no session cookie',
    );
    await action('onboarding: profile', '/onboarding/profile', 'profile', { intent: 'continue', jobRole: 'engineering' }, /^\/onboarding\/workspace$/);
    await action('onboarding: workspace', '/onboarding/workspace', 'workspace', { name: `Load workspace ${n}` }, /^\/onboarding\/project$/);
    // The first project is made through the REST API below; onboarding's own project step is skipped.
    await action('onboarding: skip project', '/onboarding/project', 'project', { intent: 'skip' }, /^\/dashboard$/);
    const { body: created } = await call('POST /api/projects', '/api/projects', json({ name: `Load project ${n}` }), expectStatus(201));
    const projectId = JSON.parse(created)?.project?.id;
    if (typeof projectId !== 'string') {
      errors.push({ step: 'POST /api/projects', status: 201, problem: 'no project id in the answer', body: created.slice(0, 300) });
      throw new FunnelFailed();
    }
    for (let t = 0; t < o.tasks; t++) {
      await call('POST /api/projects/[id]/tasks', `/api/projects/${projectId}/tasks`, json({ title: `Load task ${t + 1}` }), expectStatus(201));
    }
    const checkoutPath = await action('checkout: start (Pro)', '/billing', 'checkout', { plan: 'pro' }, /^\/checkout\/[^/?#]+$/);
    const sessionId = decodeURIComponent(checkoutPath.slice('/checkout/'.length));
    await call('GET /checkout/[session]', checkoutPath, { headers: { accept: 'text/html' } }, expectStatus(200));
    await action(
      'checkout: pay',
      checkoutPath,
      'pay',
      { sessionId, cardNumber: '4242 4242 4242 4242', expiry: '12 / 34', cvc: '123', name: `Load User ${n}` },
      /^\/billing\?checkout=success$/,
    );
    funnelsCompleted += 1;
  }

  async function virtualUser() {
    while (performance.now() < deadline && funnelsStarted < maxFunnels) {
      try {
        await funnel(nextUser++);
      } catch (error) {
        if (error instanceof Stop) return;
        if (!(error instanceof FunnelFailed)) throw error;
      }
    }
  }

  log(`${label}: ${o.users} virtual users for ${o.durationS} s`);
  const drain = setTimeout(() => hardStop.abort(), o.durationS * 1000 + 30_000);
  await Promise.all(Array.from({ length: o.users }, () => virtualUser()));
  clearTimeout(drain);
  const elapsedS = (performance.now() - startedAt) / 1000;
  return { samples, errors, aborted, funnelsStarted, funnelsCompleted, elapsedS, users: nextUser };
}

// ---- One configuration ----

async function runConfig(kind, ids, o) {
  const label = kind === 'single' ? 'one instance (PGlite)' : 'two instances, one PostgreSQL';
  const fakePort = o.portBase;
  mkdirSync(RUN_DIR, { recursive: true });
  const fake = await startCollector({ delayMs: o.delayMs, port: fakePort, blackholePort: 0, logFile: path.join(RUN_DIR, `fake-host-${kind}.log`) });
  cleanups.add(() => stopProcess(fake.process, 3000));
  let pg = null;
  let pgVersion = null;
  if (kind === 'pair') {
    pg = await startPostgres({ log });
    pgVersion = pg.version;
    cleanups.add(() => pg?.stop());
  }
  const statsPrefix = path.join(RUN_DIR, `analytics-${kind}-${Date.now()}`);
  const ports = kind === 'single' ? [o.portBase + 1] : [o.portBase + 1, o.portBase + 2];
  const dataDirs = ports.map((port) => newDataDir(`bench-load-${port}`));
  cleanups.add(() => dataDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  log(`${label}: starting ${ports.length} server(s) on ${ports.join(', ')}${pg ? `, ${pgVersion}` : ''}`);
  const env = serverEnv({ fakeHost: fake.url, databaseUrl: pg?.url, statsPrefix });
  // Started at the same moment: on PostgreSQL both run the migrator at once (the advisory lock is under test too).
  const starts = await Promise.allSettled(ports.map((port, i) => startServer({ port, dataDir: dataDirs[i], env, timeoutMs: 300_000 })));
  const started = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  for (const s of started) servers.add(s);
  const failedStart = starts.find((s) => s.status === 'rejected');
  if (failedStart) throw failedStart.reason;
  const targets = started.map((s, i) => ({ ...s, name: String.fromCharCode(65 + i) }));

  // One unmeasured funnel per instance first (first renders fill Next's caches), then the measured load. Its
  // events count on both sides of the balance like all others.
  for (const target of targets) {
    const warm = await runLoad({ targets: [target], ids, o: { ...o, users: 1, durationS: 120 }, label: `${label}: warm-up funnel on ${target.name}`, maxFunnels: 1 });
    if (warm.errors.length) throw new Error(`the warm-up funnel on ${target.name} failed: ${JSON.stringify(warm.errors[0])}`);
  }

  const rss = targets.map(() => []);
  const rssStart = performance.now();
  const sample = () => targets.forEach((t, i) => rss[i].push({ t: (performance.now() - rssStart) / 1000, bytes: treeRss(t.process.pid) }));
  sample();
  const rssTimer = setInterval(sample, o.rssEveryS * 1000);
  const load = await runLoad({ targets, ids, o, label });
  clearInterval(rssTimer);
  sample();

  // Graceful stop: SIGTERM, Orbit flushes its analytics queue, the probe writes the counters at exit.
  const stopStarted = performance.now();
  const exits = await Promise.all(
    targets.map(async (t) => {
      const r = await stopServer(t, 30_000);
      const running = started[targets.indexOf(t)];
      servers.delete(running);
      writeFileSync(path.join(RUN_DIR, `server-${kind}-${t.name}.log`), running.output());
      // The e2e suite's rule for a clean log (scripts/check-server-log.mjs): a 5xx, a lock error or a warning
      // under load shows up here even when every response looked fine.
      const logProblems = unexpectedLines(running.output()).map((x) => `${x.count}× ${x.line.slice(0, 200)}`);
      return { instance: t.name, ...r, ms: Math.round(performance.now() - stopStarted), logProblems };
    }),
  );
  const probes = readdirSync(RUN_DIR)
    .filter((f) => f.startsWith(path.basename(statsPrefix)) && f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(RUN_DIR, f), 'utf8')));
  const appStats = { captured: 0, sent: 0, failed: 0, dropped: 0, invalid: 0, queued: 0 };
  for (const p of probes) for (const k of Object.keys(appStats)) appStats[k] += p[k] ?? 0;
  const host = await fake.stats();
  const events = { ...eventBalance({ captured: appStats.captured, received: host.uuids, duplicates: host.duplicates, withoutUuid: host.withoutUuid }), app: appStats, probes: probes.length, byEvent: host.byEvent, sentryEnvelopes: host.sentryEnvelopes };
  for (const fn of [...cleanups].reverse()) {
    cleanups.delete(fn);
    await Promise.resolve(fn()).catch(() => undefined);
  }

  const requests = load.samples.length + load.errors.filter((e) => e.status === 0).length;
  const result = {
    kind,
    label,
    instances: targets.length,
    database: pg ? pgVersion : 'PGlite (embedded)',
    users: o.users,
    durationS: o.durationS,
    elapsedS: load.elapsedS,
    requests,
    errors: load.errors.length,
    errorSamples: load.errors.slice(0, 5),
    abortedAtHardStop: load.aborted,
    funnels: { started: load.funnelsStarted, completed: load.funnelsCompleted },
    rps: requests / load.elapsedS,
    funnelsPerS: load.funnelsCompleted / load.elapsedS,
    latency: latencyTable(load.samples),
    perInstance: targets.map((t) => ({ instance: t.name, requests: load.samples.filter((s) => s.instance === t.name).length })),
    rss: targets.map((t, i) => ({ instance: t.name, samples: rss[i] })),
    shutdown: exits,
    events,
  };
  result.logProblems = exits.flatMap((x) => x.logProblems.map((line) => `${x.instance}: ${line}`));
  if (probes.length !== targets.length) result.probeProblem = `${probes.length} of ${targets.length} servers reported their analytics counters at exit`;
  return result;
}

// ---- The relay storing against the relay healthy (issue #25) ----

/**
 * Two instances (PGlite each) on the same fake host for posthog-node and Sentry; each funnel step also sends a
 * browser's capture batch through /ingest. For one the relay's PostHog host is the fake host (healthy), for the other
 * a refused port (every capture is stored in relay_queue, the forwarder retrying with backoff). The load alternates
 * between them, H Q H Q, each phase half of --duration, so the machine's background load weighs on both alike.
 */
async function runRelayConfig(ids, o) {
  const label = 'relay healthy vs relay storing (PostHog refused)';
  mkdirSync(RUN_DIR, { recursive: true });
  const fake = await startCollector({ delayMs: o.delayMs, port: o.portBase, blackholePort: 0, logFile: path.join(RUN_DIR, 'fake-host-relay.log') });
  cleanups.add(() => stopProcess(fake.process, 3000));
  const statsPrefix = path.join(RUN_DIR, `analytics-relay-${Date.now()}`);
  const modes = [
    { name: 'healthy', port: o.portBase + 1, relayHost: fake.url },
    // The discard port: nothing listens, every connection is refused.
    { name: 'storing', port: o.portBase + 2, relayHost: 'http://127.0.0.1:9' },
  ];
  const dataDirs = modes.map((m) => newDataDir(`bench-load-${m.port}`));
  cleanups.add(() => dataDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  log(`${label}: starting 2 servers on ${modes.map((m) => m.port).join(', ')}`);
  const targets = [];
  for (const [i, m] of modes.entries()) {
    const server = await startServer({ port: m.port, dataDir: dataDirs[i], env: serverEnv({ fakeHost: fake.url, statsPrefix, relayHost: m.relayHost }), timeoutMs: 300_000 });
    servers.add(server);
    targets.push({ ...server, name: m.name });
  }
  const io = { ...o, ingest: true };
  for (const target of targets) {
    const warm = await runLoad({ targets: [target], ids, o: { ...io, users: 1, durationS: 120 }, label: `${label}: warm-up funnel on ${target.name}`, maxFunnels: 1 });
    if (warm.errors.length) throw new Error(`the warm-up funnel on ${target.name} failed: ${JSON.stringify(warm.errors[0])}`);
  }
  const phaseS = o.durationS / 2;
  const phases = [];
  for (let p = 0; p < 4; p++) {
    const target = targets[p % 2];
    const loadBefore = os.loadavg()[0];
    const run = await runLoad({ targets: [target], ids, o: { ...io, durationS: phaseS }, label: `${label}: phase ${p + 1}, ${target.name}` });
    phases.push({ mode: target.name, loadBefore, loadAfter: os.loadavg()[0], ...run });
  }
  const health = await Promise.all(targets.map(async (t) => ({ mode: t.name, relay: ((await (await fetch(`${t.url}/api/health`)).json()).relay ?? null) })));
  const logProblems = [];
  for (const t of targets) {
    await stopServer(t, 30_000);
    const running = [...servers].find((s) => s.port === t.port);
    if (running) {
      servers.delete(running);
      writeFileSync(path.join(RUN_DIR, `server-relay-${t.name}.log`), running.output());
      logProblems.push(...unexpectedLines(running.output()).map((x) => `${t.name}: ${x.count}× ${x.line.slice(0, 200)}`));
    }
  }
  const host = await fake.stats();
  for (const fn of [...cleanups].reverse()) {
    cleanups.delete(fn);
    await Promise.resolve(fn()).catch(() => undefined);
  }
  const byMode = modes.map((m) => {
    const mine = phases.filter((p) => p.mode === m.name);
    const samples = mine.flatMap((p) => p.samples);
    const errors = mine.flatMap((p) => p.errors);
    const elapsedS = mine.reduce((a, p) => a + p.elapsedS, 0);
    const requests = samples.length + errors.filter((e) => e.status === 0).length;
    return {
      mode: m.name,
      requests,
      errors: errors.length,
      errorSamples: errors.slice(0, 5),
      elapsedS,
      rps: requests / elapsedS,
      funnelsCompleted: mine.reduce((a, p) => a + p.funnelsCompleted, 0),
      funnelsPerS: mine.reduce((a, p) => a + p.funnelsCompleted, 0) / elapsedS,
      latency: latencyTable(samples),
      loadAverage: mine.map((p) => `${p.loadBefore.toFixed(1)}→${p.loadAfter.toFixed(1)}`).join(', '),
      relay: health.find((h) => h.mode === m.name)?.relay,
    };
  });
  return { kind: 'relay', label, users: o.users, phaseS, byMode, hostCaptureRequests: host.captureRequests, errors: byMode.reduce((a, b) => a + b.errors, 0), logProblems };
}

function renderRelay(r) {
  const out = [`#### ${r.label}`, ''];
  out.push(`${r.users} virtual users; phases of ${r.phaseS} s, healthy → storing → healthy → storing; every funnel step also sends a capture batch through /ingest.`, '');
  out.push('| | ' + r.byMode.map((m) => m.mode).join(' | ') + ' |', '|---|' + r.byMode.map(() => '---:').join('|') + '|');
  const row = (name, fn) => out.push(`| ${name} | ${r.byMode.map(fn).join(' | ')} |`);
  row('requests / errors', (m) => `${m.requests} / ${m.errors}`);
  row('throughput', (m) => `${f1(m.rps)} req/s, ${m.funnelsPerS.toFixed(2)} funnels/s (${m.funnelsCompleted})`);
  for (const step of ['all', 'POST /ingest/i/v0/e/ (relay)', 'sign-up', 'POST /api/projects/[id]/tasks']) {
    row(`p50 / p99 ${step}`, (m) => {
      const l = m.latency.find((x) => x.step === step);
      return l ? `${f0(l.p50)} / ${f0(l.p99)} ms` : 'n/a';
    });
  }
  row('load average (1 min) per phase', (m) => m.loadAverage);
  row('relay at the end (health)', (m) => (m.relay ? `${m.relay.rows} rows queued, ${Math.round(m.relay.bytes / 1024)} KiB; delivered ${m.relay.delivered}, dropped ${m.relay.dropped}` : 'n/a'));
  out.push('');
  for (const m of r.byMode) if (m.errors) out.push(`Errors on ${m.mode} (first 5):`, '', ...m.errorSamples.map((x) => `- ${x.step}: ${x.problem}`), '');
  out.push(r.logProblems.length ? `Unexpected server log lines:\n\n${r.logProblems.map((l) => `- \`${l}\``).join('\n')}\n` : 'Server logs: no unexpected warning or error (the e2e log check).', '');
  return out.join('\n');
}

// ---- Report ----

const f0 = (x) => (Number.isFinite(x) ? Math.round(x).toString() : 'n/a');
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');

function renderMarkdown(results, meta) {
  const out = [];
  out.push(`_Run: ${meta.date}, commit ${meta.commit}, \`${meta.command}\`; ${meta.machine}; load average ${meta.loadStart} at start, ${meta.loadEnd} at end._`, '');
  for (const r of results) {
    if (r.kind === 'relay') {
      out.push(renderRelay(r), '');
      continue;
    }
    out.push(`#### ${r.label}`, '');
    out.push(
      `${r.users} virtual users, ${r.durationS} s (${f1(r.elapsedS)} s with the requests in flight at the deadline). ` +
        `**${r.requests} requests, ${r.errors} errors**, ${f1(r.rps)} req/s; **${r.funnels.completed} funnels completed** (${r.funnels.started} started), ${r.funnelsPerS.toFixed(2)} funnels/s` +
        (r.instances > 1 ? `; requests per instance ${r.perInstance.map((p) => `${p.instance} ${p.requests}`).join(', ')}` : '') +
        '.',
      '',
    );
    out.push('| step | requests | p50 ms | p99 ms | max ms |', '|---|---:|---:|---:|---:|');
    for (const row of r.latency) out.push(`| ${row.step === 'all' ? '**all**' : row.step} | ${row.n} | ${f0(row.p50)} | ${f0(row.p99)} | ${f0(row.max)} |`);
    out.push('');
    for (const s of r.rss) out.push(`RSS of instance ${s.instance} (MiB, every ${meta.rssEveryS} s): ${rssLine(s.samples)}  `);
    const e = r.events;
    out.push(
      `Events: the server${r.instances > 1 ? 's' : ''} captured **${e.captured}** (posthog-node acknowledged ${e.app.sent}, failed attempts ${e.app.failed}, dropped ${e.app.dropped}, invalid ${e.app.invalid}, queued at exit ${e.app.queued}); ` +
        `the fake host received **${e.received}** unique uuids, ${e.duplicates} duplicates, ${e.withoutUuid} without uuid: **${e.lost} lost**. ` +
        `SIGTERM → exit: ${r.shutdown.map((x) => `${x.instance} ${x.ms} ms (code ${x.code ?? x.signal})`).join(', ')}. Sentry envelopes received: ${e.sentryEnvelopes}.`,
      '',
    );
    if (r.errors) out.push('Errors (first 5):', '', ...r.errorSamples.map((x) => `- ${x.step} on ${x.instance}: ${x.problem}${x.body ? ` — \`${x.body.replace(/\s+/g, ' ').slice(0, 160)}\`` : ''}`), '');
    out.push(r.logProblems.length ? `Unexpected server log lines:\n\n${r.logProblems.map((l) => `- \`${l}\``).join('\n')}\n` : 'Server logs: no unexpected warning or error (the e2e log check).', '');
    if (r.probeProblem) out.push(`**${r.probeProblem}.**`, '');
  }
  return out.join('\n');
}

function git() {
  try {
    const { execFileSync } = require('node:child_process');
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    // The previous run's results (bench/results/) do not make the code under test dirty.
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/results'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return `${commit}${dirty ? ' (with uncommitted changes)' : ''}`;
  } catch {
    return 'unknown';
  }
}

async function main() {
  const o = parseOptions(process.argv.slice(2));
  const loadStart = os.loadavg().map((x) => x.toFixed(1)).join(' / ');
  log(`production build in ${LOAD_DIST_DIR}/ …`);
  const b = await ensureBuild({ distDir: LOAD_DIST_DIR, env: LOAD_BUILD_ENV });
  log(b.built ? `built in ${Math.round(b.ms / 1000)} s` : 'build up to date, reused');
  const ids = actionIds();
  const results = [];
  for (const kind of o.configs) results.push(kind === 'relay' ? await runRelayConfig(ids, o) : await runConfig(kind, ids, o));
  const cpu = os.cpus();
  const meta = {
    date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
    commit: git(),
    command: `npm run bench:load -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}`,
    loadStart,
    loadEnd: os.loadavg().map((x) => x.toFixed(1)).join(' / '),
    rssEveryS: o.rssEveryS,
  };
  const md = renderMarkdown(results, meta);
  console.log(`\n${md}`);
  mkdirSync(RESULTS, { recursive: true });
  // The relay comparison alone keeps its own report, beside the instances' one.
  const name = o.configs.join() === 'relay' ? 'load-relay-latest' : 'load-latest';
  writeFileSync(path.join(RESULTS, `${name}.md`), `${md}\n`);
  writeFileSync(path.join(RESULTS, `${name}.json`), `${JSON.stringify({ meta, results }, null, 2)}\n`);
  log(`wrote bench/results/${name}.{md,json}`);
  const failed = results.filter((r) => r.errors > 0 || r.logProblems.length || (r.kind !== 'relay' && (r.events.lost > 0 || r.probeProblem)));
  if (failed.length) {
    const why = (r) => `${r.errors} errors, ${r.events?.lost ?? 0} events lost, ${r.logProblems?.length ?? 0} unexpected log lines${r.probeProblem ? `, ${r.probeProblem}` : ''}`;
    console.error(`[load] FAILED: ${failed.map((r) => `${r.label}: ${why(r)}`).join('; ')}`);
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (error) {
  console.error('[load] failed:', error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
