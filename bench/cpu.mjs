#!/usr/bin/env node
// `npm run bench:cpu`: server CPU time per request — the quiet-machine-independent counterpart of the latency
// table. Starts `next start` for each scenario (the builds `npm run bench` made), sends N requests one after the
// other to POST /api/projects/[id]/tasks, and reads the server process group's CPU time (utime + stime from
// /proc) before and after. CPU milliseconds per request do not include time spent waiting for the CPU, so they move
// less with machine load than latency does — still by ±10–15 % between rounds on a 2-core VM: compare medians of
// several rounds, never single figures. Optional --profile writes a V8 CPU profile per scenario and prints the self
// time by package (where the extra milliseconds go).
//
//   npm run bench:cpu
//   npm run bench:cpu -- --requests 400 --scenarios bare,shipped,sentryOnly --profile
//   npm run bench:cpu -- --scenarios 'shipped,shipped:POSTHOG_ENABLED=0'   a scenario with extra runtime env
//   npm run bench:cpu -- --scenarios 'shipped,shipped:NEXT_DIST_DIR=.next-bench-main'   another build (a copy of a dist dir)
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hasBuild, PORT_BASE, ROOT, SCENARIOS, setUpUser, startServer } from './lib/app.mjs';
import { startCollector } from './lib/collector-client.mjs';
import { CONTEXT_OPTIONS, launchBrowser } from './lib/pages.mjs';
import { groupCpuMs, killAllNow, stop, stopAll } from './lib/processes.mjs';
import { summarize } from './lib/stats.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  return args[i].includes('=') ? args[i].split('=')[1] : args[i + 1];
};
const REQUESTS = Number(opt('requests', 300));
const WARMUP = Number(opt('warmup', 60));
const ROUNDS = Number(opt('rounds', 2));
const PROFILE = args.includes('--profile');
const names = String(opt('scenarios', 'bare,shipped,sentryOnly')).split(',');
const PROFILE_DIR = path.join(ROOT, '.data', 'bench-profiles');

process.on('exit', killAllNow);
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, async () => (await stopAll(), process.exit(130)));

async function post(url, cookieHeader, origin, i) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookieHeader, origin },
    body: JSON.stringify({ title: `CPU task ${i}` }),
  });
  await res.arrayBuffer();
  if (res.status >= 300) throw new Error(`POST ${url} answered ${res.status}`);
}

/** Package of a profile node's script: '@sentry', '@opentelemetry', 'next', 'app', 'node:internal', … */
function bucket(url) {
  if (!url) return '(vm)';
  if (url.startsWith('node:')) return 'node';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.includes('/.next-bench')) {
    if (/\[externals\]|node_modules|\[root-of-the-server\]/.test(url)) return 'app-bundle(vendored)';
    return 'app-bundle';
  }
  return url.replace(ROOT, '.');
}

function summarizeProfile(file) {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = p.timeDeltas;
  for (let i = 0; i < p.samples.length; i++) {
    const n = byId.get(p.samples[i]);
    const key = n.callFrame.functionName === '(garbage collector)' ? '(gc)' : n.callFrame.functionName === '(idle)' ? '(idle)' : bucket(n.callFrame.url);
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  }
  return [...self.entries()].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]);
}

/** `base:K=V;K2=V2` → a copy of scenario `base` on its own port with extra runtime environment. */
function defineVariants() {
  let port = PORT_BASE + 12;
  for (const spec of names) {
    if (SCENARIOS[spec] || !spec.includes(':')) continue;
    const [base, extra] = [spec.slice(0, spec.indexOf(':')), spec.slice(spec.indexOf(':') + 1)];
    if (!SCENARIOS[base]) continue;
    const env = Object.fromEntries(extra.split(';').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
    SCENARIOS[spec] = { ...SCENARIOS[base], port: port++, env: { ...SCENARIOS[base].env, ...env } };
  }
}

async function main() {
  defineVariants();
  for (const n of names) if (!SCENARIOS[n]) throw new Error(`unknown scenario ${n}: ${Object.keys(SCENARIOS).join(', ')}`);
  for (const n of names) {
    const dist = SCENARIOS[n].env.NEXT_DIST_DIR;
    if (dist ? !existsSync(path.join(ROOT, dist, 'BUILD_ID')) : !hasBuild(SCENARIOS[n].build)) throw new Error(`no build for ${n}: run npm run bench first`);
  }
  const collector = await startCollector({ delayMs: 50 });
  const { browser } = await launchBrowser();
  const results = Object.fromEntries(names.map((n) => [n, []]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of round % 2 ? [...names].reverse() : names) {
        const dir = path.join(PROFILE_DIR, name.replace(/[^\w.-]+/g, '_'));
        if (PROFILE) {
          rmSync(dir, { recursive: true, force: true });
          mkdirSync(dir, { recursive: true });
        }
        const server = await startServer(name, { nodeArgs: PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [] });
        try {
          const user = await setUpUser(browser, server, CONTEXT_OPTIONS);
          const url = `${server.url}/api/projects/${user.projectId}/tasks`;
          for (let i = 0; i < WARMUP; i++) await post(url, user.cookieHeader, server.url, i);
          await new Promise((r) => setTimeout(r, 500));
          const before = groupCpuMs(server.pid);
          const t = performance.now();
          for (let i = 0; i < REQUESTS; i++) await post(url, user.cookieHeader, server.url, i);
          await new Promise((r) => setTimeout(r, 300)); // after() work of the last requests
          const cpu = groupCpuMs(server.pid) - before;
          const wall = performance.now() - t - 300;
          results[name].push({ cpuPerReq: cpu / REQUESTS, wallPerReq: wall / REQUESTS });
          console.log(`${name.padEnd(12)} round ${round + 1}: ${(cpu / REQUESTS).toFixed(2)} ms CPU/request, ${(wall / REQUESTS).toFixed(2)} ms wall/request (sequential)`);
        } finally {
          await stop(server.process, 15_000);
        }
        if (PROFILE) {
          const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
          for (const f of files) {
            const top = summarizeProfile(path.join(dir, f)).slice(0, 14);
            const total = top.reduce((a, [, v]) => a + v, 0);
            console.log(`  profile ${f} (top buckets, ${total.toFixed(0)} ms):`);
            for (const [k, v] of top) console.log(`    ${v.toFixed(0).padStart(7)} ms  ${k}`);
          }
        }
      }
    }
  } finally {
    await browser.close();
    await stop(collector.process);
  }
  // Median and interquartile range over the rounds (scenarios interleaved, order reversed every other round).
  const stats = Object.fromEntries(names.map((n) => [n, summarize(results[n].map((r) => r.cpuPerReq))]));
  const base = stats[names[0]].median;
  console.log(`\nscenario (${ROUNDS} rounds × ${REQUESTS} requests)   CPU ms/request: median [IQR]   vs first`);
  for (const n of names) {
    const s = stats[n];
    console.log(`${n.padEnd(30)}  ${s.median.toFixed(2).padStart(6)} [${s.p25.toFixed(2)}–${s.p75.toFixed(2)}]   ${(s.median / base).toFixed(2)}×`);
  }
  const out = path.join(ROOT, 'bench', 'results', 'cpu-latest.json');
  writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), requests: REQUESTS, rounds: ROUNDS, stats, results }, null, 2) + '\n');
  console.log(`raw figures: ${path.relative(ROOT, out)}`);
}

main().catch(async (error) => {
  console.error(error);
  await stopAll();
  process.exit(1);
});
