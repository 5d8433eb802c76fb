#!/usr/bin/env node
// `npm run bench`: builds Orbit twice — as shipped and bare (NEXT_PUBLIC_INSTRUMENTATION=off, all instrumentation
// compiled out) — and measures both in one run: first-load JS, landing-page LCP/TBT, API latency and throughput
// with Orbit's server capture vs no analytics vs the naive await-per-event pattern, delivery, a blackholed analytics
// host, and memory. Writes bench/results/latest.{json,md} and the table in docs/performance.md. Never part of
// `npm test`. Everything it starts binds 127.0.0.1:3300–3320 (ORBIT_BENCH_PORT_BASE moves them) and is stopped on exit, error or Ctrl-C.
//
//   npm run bench
//   npm run bench -- --skip-build          reuse .next-bench-{shipped,bare} (harness work; the report says so)
//   npm run bench -- --runs 5 --duration 3 --rounds 1 --saturation 3   a quicker, noisier run
//   npm run bench -- --only pages|api
//   npm run bench -- --saturation-rounds 5 --interaction-runs 7   more rounds of the throughput and click figures
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { firstLoadJs, readBudget } from '../scripts/size-budget.mjs';
import { build, BUILDS, hasBuild, LOG_DIR, naiveMode, ROOT, SCENARIOS, setUpUser, startServer } from './lib/app.mjs';
import { startCollector } from './lib/collector-client.mjs';
import { runLoad, runPaced } from './lib/load.mjs';
import { coldLoad, CONTEXT_OPTIONS, launchBrowser } from './lib/pages.mjs';
import { groupRss, killAllNow, pause, resume, stopAll } from './lib/processes.mjs';
import { renderMarkdown, targetsTable, machineLine } from './lib/report.mjs';
import { quantile, ratio, summarize } from './lib/stats.mjs';

const RESULTS = path.join(ROOT, 'bench', 'results');
const DOC = path.join(ROOT, 'docs', 'performance.md');

function parseOptions(argv) {
  const o = {
    skipBuild: false,
    sequentialBuilds: false,
    only: null,
    runs: 9,
    byteRuns: 2,
    cpuThrottle: 4,
    taskQuietMs: 3000,
    connections: 10,
    rate: 0, // 0 = half of the slowest server's measured saturation throughput
    rounds: 2,
    durationS: 5,
    saturationS: 5,
    warmupS: 2,
    delayMs: 50,
    saturationRounds: 3,
    interactionRuns: 5,
  };
  const num = { '--runs': 'runs', '--byte-runs': 'byteRuns', '--cpu-throttle': 'cpuThrottle', '--connections': 'connections', '--rate': 'rate', '--rounds': 'rounds', '--duration': 'durationS', '--saturation': 'saturationS', '--delay': 'delayMs', '--warmup': 'warmupS', '--saturation-rounds': 'saturationRounds', '--interaction-runs': 'interactionRuns' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=');
    const next = () => inline ?? argv[++i];
    if (flag === '--skip-build') o.skipBuild = true;
    else if (flag === '--sequential-builds') o.sequentialBuilds = true;
    else if (flag === '--only') o.only = next();
    else if (num[flag]) {
      const v = Number(next());
      if (!Number.isFinite(v) || v < 0) throw new Error(`${flag} needs a number`);
      o[num[flag]] = v;
    } else throw new Error(`unknown option ${argv[i]} (see the header of bench/run.mjs)`);
  }
  return o;
}

const t0 = Date.now();
const log = (line) => console.log(`[bench +${String(Math.round((Date.now() - t0) / 1000)).padStart(3)}s] ${line}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) process.exit(130);
    stopping = true;
    console.error(`\n[bench] ${signal}: stopping every server the benchmark started…`);
    await stopAll();
    process.exit(130);
  });
}
process.on('exit', killAllNow);

function git() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean).length;
    return { commit, dirty };
  } catch {
    return { commit: 'unknown', dirty: 0 };
  }
}

const summarizeRuns = (runs, keys) => Object.fromEntries(keys.map((k) => [k, summarize(runs.map((r) => r[k] ?? Number.NaN))]));

async function measurePages(browser, servers, users, o) {
  const pages = {};
  const targets = [
    ['/', false],
    ['/pricing', false],
    ['/dashboard', true],
  ];
  for (const [pagePath, signedIn] of targets) {
    const runs = { bare: [], shipped: [] };
    for (let i = 0; i < o.byteRuns; i++) {
      for (const b of i % 2 ? ['shipped', 'bare'] : ['bare', 'shipped']) {
        const r = await coldLoad(browser, `${servers[b].url}${pagePath}`, { cookies: signedIn ? users[b].cookies : [] });
        runs[b].push(r);
      }
    }
    pages[pagePath] = {};
    for (const b of ['bare', 'shipped']) {
      pages[pagePath][b] = {
        ...summarizeRuns(runs[b], ['jsBeforeLoad', 'jsTotal', 'jsRequestsBeforeLoad', 'jsRequestsTotal', 'htmlBytes']),
        lateScripts: runs[b][0]?.lateScripts ?? [],
      };
    }
    log(`first-load JS ${pagePath}: bare ${pages[pagePath].bare.jsBeforeLoad.median} B before load / ${pages[pagePath].bare.jsTotal.median} B total; shipped ${pages[pagePath].shipped.jsBeforeLoad.median} / ${pages[pagePath].shipped.jsTotal.median} B`);
  }
  return pages;
}

async function measureVitals(browser, servers, o) {
  // The consent option's server, when it runs: the same loads, interleaved with the others.
  const builds = ['bare', 'shipped', ...(servers.consentOptIn ? ['consentOptIn'] : [])];
  const runs = Object.fromEntries(builds.map((b) => [b, []]));
  for (let i = 0; i < o.runs; i++) {
    for (const b of i % 2 ? [...builds].reverse() : builds) {
      runs[b].push(
        await coldLoad(browser, `${servers[b].url}/`, { cpuThrottle: o.cpuThrottle, minAfterLoadMs: 1500, scriptQuietMs: 1500, taskQuietMs: o.taskQuietMs, maxAfterLoadMs: 15_000 }),
      );
    }
  }
  const vitals = {};
  for (const b of builds) {
    vitals[b] = { ...summarizeRuns(runs[b], ['lcp', 'fcp', 'load', 'tti', 'tbt', 'tbtToLoad', 'longTasks', 'sdkStart', 'sdkDone']), raw: runs[b].map(({ lateScripts: _l, ...rest }) => rest) };
  }
  log(`LCP median bare ${Math.round(vitals.bare.lcp.median)} ms / shipped ${Math.round(vitals.shipped.lcp.median)} ms; TBT ${Math.round(vitals.bare.tbt.median)} / ${Math.round(vitals.shipped.tbt.median)} ms`);
  return vitals;
}

/** A click on the hero CTA at 500 ms, 1 s and 2 s after `load` (cold loads, same throttle): delay to the next paint. */
const INTERACTION_DELAYS_MS = [500, 1000, 2000];

async function measureInteractions(browser, servers, o) {
  const runs = Object.fromEntries(INTERACTION_DELAYS_MS.map((d) => [d, { bare: [], shipped: [] }]));
  for (let i = 0; i < o.interactionRuns; i++) {
    for (const d of INTERACTION_DELAYS_MS) {
      for (const b of i % 2 ? ['shipped', 'bare'] : ['bare', 'shipped']) {
        runs[d][b].push(await coldLoad(browser, `${servers[b].url}/`, { cpuThrottle: o.cpuThrottle, clickAfterLoadMs: d }));
      }
    }
  }
  const out = {};
  for (const d of INTERACTION_DELAYS_MS) {
    out[d] = Object.fromEntries(['bare', 'shipped'].map((b) => [b, { ...summarizeRuns(runs[d][b], ['nextPaint', 'inputDelay', 'at', 'clickedLate']), raw: runs[d][b] }]));
    log(`click ${d} ms after load → next paint: bare ${Math.round(out[d].bare.nextPaint.median)} ms / shipped ${Math.round(out[d].shipped.nextPaint.median)} ms (medians)`);
  }
  return out;
}

function latencySummary(parts) {
  const latencies = parts.flatMap((p) => p.latencies);
  const requests = latencies.length;
  const seconds = parts.reduce((a, p) => a + p.durationS, 0);
  const ok = parts.reduce((a, p) => a + p.ok, 0);
  const status = {};
  for (const p of parts) for (const [k, v] of Object.entries(p.status)) status[k] = (status[k] ?? 0) + v;
  return {
    requests,
    ok,
    nonOk: requests - ok,
    status,
    errors: parts.reduce((a, p) => a + p.errors + p.timeouts, 0),
    rps: requests / Math.max(seconds, 1e-9),
    p50: quantile(latencies, 0.5),
    p90: quantile(latencies, 0.9),
    p99: quantile(latencies, 0.99),
    max: latencies.length ? Math.max(...latencies) : Number.NaN,
    mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
  };
}

async function measureApi(servers, users, collector, o) {
  const names = Object.keys(servers).filter((n) => SCENARIOS[n] && !SCENARIOS[n].pagesOnly);
  const naive = naiveMode();
  const route = (n) => `${servers[n].url}${n === 'naive' ? naive.path(users[n].projectId) : `/api/projects/${users[n].projectId}/tasks`}`;
  const listRoute = (n) => `${servers[n].url}/api/projects/${users[n].projectId}/tasks`;
  const okCount = Object.fromEntries(names.map((n) => [n, 0]));
  // One server at a time: the others are frozen (SIGSTOP) while it is measured, as if each had the machine to itself.
  // Otherwise their background work (flush timers, Sentry's client reports, GC, PGlite) lands in the measured
  // server's tail latency on a 2-core machine.
  const load = async (n, opts) => {
    // Let the previous server finish what it does after its load (after()-flushes in flight) before freezing it:
    // a flush frozen mid-request would time out on resume and be re-sent.
    await new Promise((r) => setTimeout(r, 1500));
    const others = names.filter((x) => x !== n).map((x) => servers[x].process);
    for (const p of others) pause(p);
    try {
      const r = await (opts.rate ? runPaced : runLoad)({ url: route(n), cookieHeader: users[n].cookieHeader, origin: servers[n].url, connections: o.connections, ...opts });
      okCount[n] += r.ok;
      return r;
    } finally {
      for (const p of others) resume(p);
    }
  };

  // Memory of every server through the whole phase.
  const memory = Object.fromEntries(names.map((n) => [n, [groupRss(servers[n].pid)]]));
  const sampler = setInterval(() => {
    for (const n of names) memory[n].push(groupRss(servers[n].pid));
  }, 500);

  try {
    for (const n of names) await load(n, { durationS: o.warmupS, connections: 4 });
    log('API warm-up done');

    // Saturation first: it also tells what "bounded" means on this machine.
    // Several rounds, scenarios interleaved and the order reversed every other round: one figure per round, the
    // median and IQR over the rounds (a single 5 s run moves by ±15 % on a shared machine).
    const saturation = {};
    const satNames = names.filter((x) => x !== 'blackholed' && x !== 'naive');
    const satRounds = Object.fromEntries(satNames.map((n) => [n, []]));
    for (let round = 0; round < Math.max(1, o.saturationRounds); round++) {
      for (const n of round % 2 ? [...satNames].reverse() : satNames) {
        const r = latencySummary([await load(n, { durationS: o.saturationS })]);
        satRounds[n].push(r);
        log(`  ${n.padEnd(10)} saturation round ${round + 1}: ${Math.round(r.rps)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`);
      }
    }
    for (const n of satNames) {
      const rounds = satRounds[n];
      const rps = summarize(rounds.map((r) => r.rps));
      const p50 = summarize(rounds.map((r) => r.p50));
      saturation[n] = { rps: rps.median, rpsStats: rps, p50: p50.median, p50Stats: p50, p99: summarize(rounds.map((r) => r.p99)).median, rounds: rounds.map(({ rps: r, p50: a, p99: b }) => ({ rps: r, p50: a, p99: b })) };
    }
    // Bounded load: a fixed rate well below what every server can do, so latency is service time, not queueing. Half
    // of the slowest server's saturation throughput: half of the bare server's put the shipped one (0.70× of bare) at
    // ~70 % of its own capacity, where its p50 moved from 23 to 124 ms between two rounds — queueing, not cost.
    const slowest = Math.min(...satNames.map((n) => saturation[n]?.rps ?? Infinity), saturation.bare?.rps ?? 20);
    const rate = o.rate || Math.max(5, Math.round(slowest * 0.5));
    log(`bounded load: ${rate} requests/s over ${o.connections} connections`);

    const latency = Object.fromEntries(names.map((n) => [n, []]));
    for (let round = 0; round < o.rounds; round++) {
      const order = round % 2 ? [...names].reverse() : names;
      for (const n of order) {
        const r = await load(n, { durationS: o.durationS, rate });
        latency[n].push(r);
        log(`  ${n.padEnd(10)} round ${round + 1}: ${r.latencies.length} req, p50 ${quantile(r.latencies, 0.5).toFixed(1)} ms, p99 ${quantile(r.latencies, 0.99).toFixed(1)} ms`);
      }
    }

    // Delivery: every task.created a server captured must reach the collector once the queue has flushed. The
    // server's truth is the tasks table (autocannon does not see the answers to requests in flight when a run
    // ends, but the server still created — and captured — those tasks).
    const delivery = {};
    const loadEnded = Date.now();
    const tasksIn = async (n) => {
      const res = await fetch(listRoute(n), { headers: { cookie: users[n].cookieHeader } });
      if (!res.ok) throw new Error(`GET tasks on ${n} answered ${res.status}`);
      return ((await res.json()).tasks ?? []).length;
    };
    for (const n of names.filter((x) => x === 'shipped' || x === 'naive')) {
      const expected = await tasksIn(n);
      let received = 0;
      let waitedMs = null;
      const deadline = Date.now() + 20_000;
      for (;;) {
        const stats = await collector.stats();
        received = stats.byDistinctId[users[n].userId]?.['task.created'] ?? 0;
        if (received >= expected) {
          waitedMs = Date.now() - loadEnded;
          break;
        }
        if (Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      delivery[n] = { expected, received, waitedMs, answered2xx: okCount[n] };
      log(`delivery ${n}: ${received}/${expected} task.created events at the collector`);
    }
    const stats = await collector.stats();
    delivery.bare = { expected: 0, received: stats.byDistinctId[users.bare.userId]?.['task.created'] ?? 0, waitedMs: null };

    return {
      route: 'POST /api/projects/[id]/tasks',
      rate,
      latency: Object.fromEntries(names.map((n) => [n, { ...latencySummary(latency[n]), rounds: latency[n].map((r) => latencySummary([r])).map(({ p50, p99, requests }) => ({ p50, p99, requests })) }])),
      saturation,
      delivery,
      memory: Object.fromEntries(names.map((n) => [n, { start: memory[n][0], peak: Math.max(...memory[n]), end: memory[n].at(-1), samples: memory[n].length }])),
      collector: { events: stats.events, duplicates: stats.duplicates, byEvent: stats.byEvent, sentryEnvelopes: stats.sentryEnvelopes, sentryItems: stats.sentryItems, errors: stats.errors },
    };
  } finally {
    clearInterval(sampler);
  }
}

function evaluateTargets(r, notes) {
  const t = [];
  const add = (label, target, measured, pass, note) => t.push({ label, target, measured, pass, note });
  const home = r.pages?.['/'];
  if (home) {
    const d = home.shipped.jsBeforeLoad.median - home.bare.jsBeforeLoad.median;
    add('First-load JS of `/` (before load)', '+≤ 1 KB', `${d >= 0 ? '+' : ''}${(d / 1024).toFixed(2)} KB`, d <= 1024, `bare ${(home.bare.jsBeforeLoad.median / 1024).toFixed(1)} KB`);
  }
  if (r.vitals?.bare) {
    const v = r.vitals;
    const iqrOf = (k) => `IQR bare ${Math.round(v.bare[k].p25)}–${Math.round(v.bare[k].p75)}, shipped ${Math.round(v.shipped[k].p25)}–${Math.round(v.shipped[k].p75)} ms`;
    const lcp = ratio(v.shipped.lcp.median, v.bare.lcp.median);
    add('Landing LCP', '≤ 1.02×', `${lcp.toFixed(2)}×`, lcp <= 1.02, `${Math.round(v.shipped.lcp.median)} vs ${Math.round(v.bare.lcp.median)} ms; ${iqrOf('lcp')}`);
    const tbt = ratio(v.shipped.tbt.median, v.bare.tbt.median);
    add('Landing TBT (FCP→TTI), 4× CPU', '≤ 1.5×', `${tbt.toFixed(2)}×`, tbt <= 1.5, `${Math.round(v.shipped.tbt.median)} vs ${Math.round(v.bare.tbt.median)} ms; ${iqrOf('tbt')}`);
    if (v.consentOptIn) {
      const c = v.consentOptIn.tbt;
      add('Landing TBT (FCP→TTI), option ANALYTICS_CONSENT=opt-in (no answer yet)', '≤ 1.5×', `${ratio(c.median, v.bare.tbt.median).toFixed(2)}×`, null, `${Math.round(c.median)} vs ${Math.round(v.bare.tbt.median)} ms; IQR ${Math.round(c.p25)}–${Math.round(c.p75)} ms; posthog-js not loaded, Sentry and the validator only`);
    }
    const tbtLoad = ratio(v.shipped.tbtToLoad.median, v.bare.tbtToLoad.median);
    add('Landing TBT (FCP→load)', '≤ 1.05×', `${tbtLoad.toFixed(2)}×`, tbtLoad <= 1.05, `${Math.round(v.shipped.tbtToLoad.median)} vs ${Math.round(v.bare.tbtToLoad.median)} ms; ${iqrOf('tbtToLoad')}`);
  }
  for (const [d, i] of Object.entries(r.interactions ?? {})) {
    const rr = ratio(i.shipped.nextPaint.median, i.bare.nextPaint.median);
    add(`Click on the hero CTA ${d} ms after load: delay to next paint`, 'reported', `${Math.round(i.shipped.nextPaint.median)} vs ${Math.round(i.bare.nextPaint.median)} ms (${rr.toFixed(2)}×)`, null, `IQR bare ${Math.round(i.bare.nextPaint.p25)}–${Math.round(i.bare.nextPaint.p75)}, shipped ${Math.round(i.shipped.nextPaint.p25)}–${Math.round(i.shipped.nextPaint.p75)} ms`);
  }
  const a = r.api;
  if (a) {
    const p50 = ratio(a.latency.shipped.p50, a.latency.bare.p50);
    const p99 = ratio(a.latency.shipped.p99, a.latency.bare.p99);
    add('API p50 vs bare (paced)', '≤ 1.05×', `${p50.toFixed(2)}×`, p50 <= 1.05, `${a.latency.shipped.p50.toFixed(1)} vs ${a.latency.bare.p50.toFixed(1)} ms`);
    for (const [label, x] of [['option SENTRY_SERVER_SPANS=requests', a.latency.requestSpans], ['option SENTRY_SERVER_SPANS=none', a.latency.errorsOnly]]) {
      if (x) add(`API p50 vs bare (paced), ${label}`, '≤ 1.05×', `${ratio(x.p50, a.latency.bare.p50).toFixed(2)}×`, null, `${x.p50.toFixed(1)} vs ${a.latency.bare.p50.toFixed(1)} ms`);
    }
    const sb = a.saturation?.bare;
    const ss = a.saturation?.shipped;
    if (sb?.rpsStats && ss?.rpsStats) {
      const sat = ratio(ss.rps, sb.rps);
      const lean = a.saturation?.requestSpans;
      add('Saturation throughput vs bare', '≥ 0.90×', `${sat.toFixed(2)}×`, sat >= 0.9, `${Math.round(ss.rps)} vs ${Math.round(sb.rps)} req/s, medians of ${sb.rounds.length} rounds; IQR bare ${Math.round(sb.rpsStats.p25)}–${Math.round(sb.rpsStats.p75)}, shipped ${Math.round(ss.rpsStats.p25)}–${Math.round(ss.rpsStats.p75)}; saturation p50 ${ratio(ss.p50, sb.p50).toFixed(2)}×`);
      const option = (label, x) => x && add(`Saturation throughput vs bare, ${label}`, '≥ 0.90×', `${ratio(x.rps, sb.rps).toFixed(2)}×`, null, `${Math.round(x.rps)} req/s; IQR ${Math.round(x.rpsStats.p25)}–${Math.round(x.rpsStats.p75)}`);
      option('option SENTRY_SERVER_SPANS=requests (no Next.js spans)', lean);
      option('option SENTRY_SERVER_SPANS=none (errors only, no server tracing)', a.saturation?.errorsOnly);
      option('breakdown: PostHog capture off (Sentry only)', a.saturation?.sentryOnly);
      option('breakdown: Sentry off on the server (PostHog only)', a.saturation?.posthogOnly);
    }
    add('API p99 vs bare', '≤ 1.05×', `${p99.toFixed(2)}×`, p99 <= 1.05, `${a.latency.shipped.p99.toFixed(1)} vs ${a.latency.bare.p99.toFixed(1)} ms`);
    if (a.latency.naive) {
      const better = ratio(a.latency.naive.p99, a.latency.shipped.p99);
      const active = a.naiveMode !== 'missing';
      add('p99 better than naive await-per-event', '≥ 3×', `${better.toFixed(2)}×`, active ? better >= 3 : null, active ? `naive p99 ${a.latency.naive.p99.toFixed(1)} ms` : 'naive switch missing: scenario equals shipped');
    }
    const d = a.delivery.shipped;
    if (d) add('Delivery under load', '100 %', `${d.received}/${d.expected}`, d.expected > 0 && d.received === d.expected, d.waitedMs === null ? 'not all arrived within 20 s' : `all in ${Math.round(d.waitedMs)} ms after load`);
    if (a.latency.blackholed) {
      const bh = ratio(a.latency.blackholed.p99, a.latency.shipped.p99);
      add('p99 with PostHog blackholed vs healthy', '≤ 1.05×', `${bh.toFixed(2)}×`, bh <= 1.05, `${a.latency.blackholed.p99.toFixed(1)} ms`);
      const m = a.memory.blackholed;
      const healthy = a.memory.shipped;
      const bounded = m.peak <= Math.max(healthy.peak * 1.25, healthy.peak + 64 * 1048576);
      add('Memory with PostHog blackholed', 'bounded (peak ≤ healthy peak × 1.25 or + 64 MB)', `${Math.round(m.start / 1048576)} → ${Math.round(m.peak / 1048576)} MB (healthy peak ${Math.round(healthy.peak / 1048576)} MB)`, bounded, null);
    }
  }
  if (!t.length) notes.push('Nothing was measured.');
  return t;
}

function updateDoc(result, md) {
  if (!existsSync(DOC)) return false;
  const doc = readFileSync(DOC, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) return false;
  const section = [
    start,
    `_Latest run: ${result.meta.startedAt.slice(0, 16).replace('T', ' ')} UTC, commit ${result.meta.git.commit}${result.meta.git.dirty ? ' (with uncommitted changes)' : ''}, ${machineLine(result.meta)}. Full report: [bench/results/latest.md](../bench/results/latest.md)._`,
    '',
    ...result.meta.notes.map((n) => `> ${n}\n`),
    targetsTable(result),
    '',
    end,
  ].join('\n');
  writeFileSync(DOC, doc.slice(0, a) + section + doc.slice(b + end.length));
  void md;
  return true;
}

async function main() {
  const o = parseOptions(process.argv.slice(2));
  const notes = [];
  const startedAt = new Date().toISOString();
  const loadavgStart = os.loadavg();
  mkdirSync(LOG_DIR, { recursive: true });
  mkdirSync(RESULTS, { recursive: true });
  log(`Orbit benchmark; logs in ${path.relative(ROOT, LOG_DIR)}/`);
  if (loadavgStart[0] > os.availableParallelism() * 0.75) notes.push(`The machine was busy when the run started (load average ${loadavgStart[0].toFixed(1)} on ${os.availableParallelism()} cores): timings are noisier than on a quiet machine; byte counts are unaffected.`);

  // Both builds at once: much of `next build` is single-threaded (type check, page data), so on 2 cores two builds
  // side by side finish well before two in a row. --sequential-builds when memory is tight.
  const builds = {};
  const buildOne = async (variant) => {
    if (o.skipBuild && hasBuild(variant)) builds[variant] = { ms: 0, reused: true };
    else builds[variant] = { ms: await build(variant, log), reused: false };
  };
  // Each build type-checks against its own tsconfig copy (bench/lib/app.mjs), so tsconfig.json is never touched.
  if (o.sequentialBuilds) for (const variant of ['shipped', 'bare']) await buildOne(variant);
  else await Promise.all(['shipped', 'bare'].map(buildOne));
  if (o.skipBuild) notes.push('Builds were reused (--skip-build): they may not match the current source.');
  const sizeBudget = { shipped: firstLoadJs(BUILDS.shipped.distDir, '/'), bare: firstLoadJs(BUILDS.bare.distDir, '/') };
  for (const b of Object.values(sizeBudget)) delete b.files;
  sizeBudget.committed = readBudget();
  log(`build-output first-load JS of /: bare ${sizeBudget.bare.gzip} B, shipped ${sizeBudget.shipped.gzip} B gzip`);

  const naive = naiveMode();
  if (naive.mode === 'missing') notes.push('Neither POSTHOG_DELIVERY=await nor the bench-only naive route exists, so the "naive" scenario ran Orbit\'s normal delivery.');

  const collector = await startCollector({ delayMs: o.delayMs });
  log(`collector up (capture answers after ${o.delayMs} ms), blackhole up`);
  const wantPages = o.only !== 'api';
  const wantApi = o.only !== 'pages';
  const scenarioNames = Object.keys(SCENARIOS).filter((n) => (wantApi ? !SCENARIOS[n].pagesOnly || wantPages : ['bare', 'shipped', 'consentOptIn'].includes(n)));
  const servers = Object.fromEntries(await Promise.all(scenarioNames.map(async (n) => [n, await startServer(n)])));
  log(`servers up: ${scenarioNames.map((n) => `${n} :${servers[n].port}`).join(', ')}`);

  const { browser, version } = await launchBrowser();
  const users = {};
  for (const n of scenarioNames.filter((x) => !SCENARIOS[x].pagesOnly)) users[n] = await setUpUser(browser, servers[n], CONTEXT_OPTIONS);
  log('a signed-in, onboarded user with a project on every server');

  const result = { meta: {}, sizeBudget, pages: null, vitals: null, interactions: null, api: null, targets: [] };
  if (wantPages) {
    result.pages = await measurePages(browser, servers, users, o);
    result.vitals = await measureVitals(browser, servers, o);
    if (o.interactionRuns > 0) result.interactions = await measureInteractions(browser, servers, o);
  }
  await browser.close();
  if (wantApi) {
    result.api = await measureApi(servers, users, collector, o);
    result.api.naiveMode = naive.mode;
  }
  await stopAll();
  log('all servers stopped');

  result.meta = {
    startedAt,
    finishedAt: new Date().toISOString(),
    durationS: (Date.now() - t0) / 1000,
    machine: {
      cores: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown',
      ramGB: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      chromium: version,
      os: `${os.type()} ${os.release()}`,
      loadavgStart,
      loadavgEnd: os.loadavg(),
    },
    git: git(),
    options: o,
    builds,
    notes,
  };
  result.targets = evaluateTargets(result, notes);
  const md = renderMarkdown(result);
  writeFileSync(path.join(RESULTS, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(path.join(RESULTS, 'latest.md'), `${md}\n`);
  const docUpdated = updateDoc(result, md);
  console.log(`\n${targetsTable(result)}\n`);
  log(`wrote bench/results/latest.json and latest.md${docUpdated ? ', and the table in docs/performance.md' : ''}`);
}

main().catch(async (error) => {
  console.error(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : error}`);
  await stopAll();
  process.exit(1);
});
