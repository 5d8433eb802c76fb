#!/usr/bin/env node
// `npm run bench:loaf`: where the landing page's main-thread time after `load` goes. Cold loads of `/` in real Chromium,
// CPU throttled (4× by default), with Long Animation Frames observed from navigation start: every frame over 50 ms
// after `load`, each with the scripts that ran in it (source file, the function or event that invoked it, and how
// long it ran). Sources are named by what they are (the chunk that holds posthog-js's core, the recorder, Sentry's
// chunk…), read from the build's chunk contents, so the table survives new chunk hashes. Uses the builds
// `npm run bench` made (or another dist dir: --dist .next-bench-main).
//
//   npm run bench:loaf                                     shipped, 3 loads
//   npm run bench:loaf -- --runs 5 --scenarios bare,shipped
//   npm run bench:loaf -- --scenarios 'shipped,shipped:NEXT_DIST_DIR=.next-bench-main'
//   npm run bench:loaf -- --scenarios 'shipped,shipped+no-recording'   the same build with session recording switched
//                                       off in PostHog's remote config (as a project with recordings off, or a visitor
//                                       sampled out, gets it): what recording costs after `load`
//   npm run bench:loaf -- --click-after 3000 --scenarios bare,shipped   a click on the hero CTA 3 s after `load` (the
//                                       SDKs' start-up is over): the frames from the click on, and the click's delay
//                                       to its next paint — what each click costs once everything runs
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { hasBuild, PORT_BASE, ROOT, SCENARIOS, startServer } from './lib/app.mjs';
import { startCollector } from './lib/collector-client.mjs';
import { CONTEXT_OPTIONS, launchBrowser } from './lib/pages.mjs';
import { killAllNow, stop, stopAll } from './lib/processes.mjs';
import { summarize } from './lib/stats.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  return args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1];
};
const RUNS = Number(opt('runs', 3));
const THROTTLE = Number(opt('cpu-throttle', 4));
const WATCH_MS = Number(opt('watch', 9000));
const names = String(opt('scenarios', 'shipped')).split(',');
const CLICK_AFTER = opt('click-after') === undefined ? undefined : Number(opt('click-after'));
const HERO_CTA = '[data-cta-id="hero_start_free"]';

process.on('exit', killAllNow);
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, async () => (await stopAll(), process.exit(130)));

const OBSERVE = `window.__loaf=[];
try{new PerformanceObserver(function(l){for(var e of l.getEntries())__loaf.push({start:e.startTime,duration:e.duration,blocking:e.blockingDuration,render:e.renderStart?e.startTime+e.duration-e.renderStart:0,scripts:(e.scripts||[]).map(function(s){return{src:s.sourceURL,fn:s.sourceFunctionName,invoker:s.invoker,type:s.invokerType,start:s.startTime,duration:s.duration,forcedLayout:s.forcedStyleAndLayoutDuration}})})}).observe({type:'long-animation-frame',buffered:true});}catch(e){}
window.__click={at:null,paint:0};addEventListener('pointerdown',function(e){if(__click.at===null)__click.at=e.timeStamp},{capture:true});
try{new PerformanceObserver(function(l){for(var e of l.getEntries())if(e.name==='pointerdown'||e.name==='pointerup'||e.name==='click')__click.paint=Math.max(__click.paint,e.duration)}).observe({type:'event',durationThreshold:16,buffered:true});}catch(e){}`;

/** What a script URL is, from the chunk's own contents (hashes change with every build). */
function labeller(distDir) {
  const cache = new Map();
  return (src) => {
    if (!src) return '(no script: browser work, style/layout, GC)';
    const u = new URL(src, 'http://x');
    if (u.pathname.includes('lazy-recorder') || u.pathname.includes('recorder')) return 'posthog-js recorder (rrweb)';
    // (the recorder bundled as a chunk of Orbit's build is recognised by its contents below)
    if (u.pathname.startsWith('/ingest')) return `posthog-js lazy script ${path.basename(u.pathname)}`;
    if (!u.pathname.startsWith('/_next/static/')) return u.pathname;
    if (cache.has(u.pathname)) return cache.get(u.pathname);
    const file = path.join(ROOT, distDir, 'static', u.pathname.slice('/_next/static/'.length));
    let label = `app chunk ${path.basename(u.pathname)}`;
    if (existsSync(file)) {
      const code = readFileSync(file, 'utf8');
      const has = (s) => code.includes(s);
      if (has('rrweb/console@1')) label = 'posthog-js recorder chunk (rrweb), evaluation';
      else if (has('__extensionClasses') || has('posthog-js/dist/module.slim') || has('$pageleave')) label = 'posthog-js core + Orbit init (posthog-init.ts)';
      else if (has('sessionRecording') || has('SessionRecording')) label = 'posthog-js extensions';
      else if (has('browserTracingIntegration') || has('sentry.javascript')) label = 'Sentry browser SDK (sentry.ts)';
      else if (has('ZodError') || has('$ZodType')) label = 'catalog validator (zod)';
      else if (has('react-dom') || has('__reactFiber') || has('scheduler')) label = `React/Next runtime ${path.basename(u.pathname)}`;
    }
    cache.set(u.pathname, label);
    return label;
  };
}

/** PostHog's remote config with `sessionRecording: false` (the answer for a project with recordings off). */
async function recordingOff(page) {
  const rewrite = async (route) => {
    const res = await route.fetch();
    const type = res.headers()['content-type'] ?? '';
    let body = await res.text();
    if (type.includes('json')) {
      const json = JSON.parse(body);
      if ('sessionRecording' in json) json.sessionRecording = false;
      body = JSON.stringify(json);
    } else body = body.replace(/"sessionRecording":\{[^{}]*\}/, '"sessionRecording":false');
    await route.fulfill({ response: res, body });
  };
  await page.route(/\/ingest\/(array\/[^/]+\/config|flags)/, rewrite);
}

/** Frames that contain the recorder start (the `orbit:recorder-start` mark: the full snapshot follows it at once). */
const RECORDER_MARK = 'orbit:recorder-start';

async function loadOnce(browser, url, { noRecording = false } = {}) {
  const context = await browser.newContext(CONTEXT_OPTIONS);
  try {
    const page = await context.newPage();
    if (noRecording) await recordingOff(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (THROTTLE > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    await page.addInitScript(OBSERVE);
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    const loadSeenAt = Date.now();
    if (CLICK_AFTER === undefined) await page.waitForTimeout(WATCH_MS);
    else {
      // Where to click, read before the wait (reading it later would itself wait for a busy main thread).
      const box = await page.locator(HERO_CTA).boundingBox();
      if (!box) throw new Error(`no ${HERO_CTA} on the page`);
      await page.waitForTimeout(Math.max(0, loadSeenAt + CLICK_AFTER - Date.now()));
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForURL((u) => u.pathname === '/signup', { timeout: 30_000 });
      await page.waitForTimeout(1000); // the frames and the event entry are reported after the next paint
    }
    return await page.evaluate((mark) => ({
      loaf: window.__loaf,
      load: performance.getEntriesByType('navigation')[0]?.loadEventStart ?? 0,
      recorderStart: performance.getEntriesByName(mark)[0]?.startTime,
      click: window.__click,
    }), RECORDER_MARK);
  } finally {
    await context.close();
  }
}

async function main() {
  let port = PORT_BASE + 12;
  for (const spec of names) {
    if (SCENARIOS[spec]) continue;
    if (spec.endsWith('+no-recording')) {
      const base = spec.slice(0, -'+no-recording'.length);
      SCENARIOS[spec] = { ...SCENARIOS[base], port: port++, noRecording: true };
      continue;
    }
    if (!spec.includes(':')) continue;
    const base = spec.slice(0, spec.indexOf(':'));
    const env = Object.fromEntries(spec.slice(spec.indexOf(':') + 1).split(';').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
    SCENARIOS[spec] = { ...SCENARIOS[base], port: port++, env: { ...SCENARIOS[base].env, ...env } };
  }
  for (const n of names) {
    if (!SCENARIOS[n]) throw new Error(`unknown scenario ${n}`);
    const dist = SCENARIOS[n].env.NEXT_DIST_DIR;
    if (dist ? !existsSync(path.join(ROOT, dist, 'BUILD_ID')) : !hasBuild(SCENARIOS[n].build)) throw new Error(`no build for ${n}: run npm run bench first`);
  }
  const collector = await startCollector({ delayMs: 50 });
  const { browser } = await launchBrowser();
  const servers = {};
  try {
    for (const n of names) servers[n] = await startServer(n);
    const perSource = Object.fromEntries(names.map((n) => [n, new Map()]));
    const frames = Object.fromEntries(names.map((n) => [n, []]));
    const clicks = Object.fromEntries(names.map((n) => [n, []]));
    for (let i = 0; i < RUNS; i++) {
      for (const n of i % 2 ? [...names].reverse() : names) {
        const label = labeller(SCENARIOS[n].env.NEXT_DIST_DIR ?? (SCENARIOS[n].build === 'bare' ? '.next-bench-bare' : '.next-bench-shipped'));
        const { loaf, load, recorderStart, click } = await loadOnce(browser, `${servers[n].url}/`, { noRecording: SCENARIOS[n].noRecording });
        // From `load` on, or with --click-after from the click on (the frames the click's handlers and its navigation run in).
        const from = CLICK_AFTER === undefined ? load : (click.at ?? Infinity);
        const after = loaf.filter((f) => f.start + f.duration > from);
        let blocking = 0;
        for (const f of after) {
          blocking += f.blocking;
          const main = [...f.scripts].sort((a, b) => b.duration - a.duration)[0];
          const snapshot = recorderStart !== undefined && recorderStart >= f.start && recorderStart <= f.start + f.duration;
          const what = `${snapshot ? 'RECORDER START (rrweb full snapshot) in: ' : ''}${main ? `${label(main.src)} ← ${main.type} ${main.invoker ?? ''}`.trim() : label('')}`;
          frames[n].push({ run: i, at: Math.round(f.start - from), duration: Math.round(f.duration), blocking: Math.round(f.blocking), what, scripts: f.scripts.map((s) => ({ ...s, label: label(s.src) })) });
          for (const s of f.scripts) {
            const key = label(s.src);
            const e = perSource[n].get(key) ?? { total: [], max: 0 };
            e.total[i] = (e.total[i] ?? 0) + s.duration;
            e.max = Math.max(e.max, s.duration);
            perSource[n].set(key, e);
          }
        }
        const what = CLICK_AFTER === undefined ? 'after load' : `from the click at +${Math.round(from - load)} ms (its next paint after ${Math.round(click.paint)} ms)`;
        if (CLICK_AFTER !== undefined) clicks[n].push(click.paint);
        console.log(`${n} load ${i + 1}: ${after.length} long animation frames ${what}, blocking ${Math.round(blocking)} ms; recorder start ${recorderStart === undefined ? 'none' : `+${Math.round(recorderStart - load)} ms`}`);
        for (const f of frames[n].filter((x) => x.run === i)) console.log(`   +${String(f.at).padStart(5)} ms  ${String(f.duration).padStart(4)} ms (blocking ${String(f.blocking).padStart(3)})  ${f.what}`);
      }
    }
    for (const n of names) {
      if (CLICK_AFTER !== undefined) {
        const c = summarize(clicks[n]);
        console.log(`\n${n}: click ${CLICK_AFTER} ms after load → next paint ${Math.round(c.median)} ms [${Math.round(c.p25)}–${Math.round(c.p75)}]`);
      }
      console.log(`${CLICK_AFTER === undefined ? '\n' : ''}${n}: script time in long animation frames ${CLICK_AFTER === undefined ? 'after load' : 'from the click on'}, per source (median over ${RUNS} loads [IQR], longest single script)`);
      const rows = [...perSource[n].entries()].map(([k, e]) => [k, summarize(Array.from({ length: RUNS }, (_, i) => e.total[i] ?? 0)), e.max]).sort((a, b) => b[1].median - a[1].median);
      for (const [k, s, max] of rows) console.log(`  ${String(Math.round(s.median)).padStart(5)} ms [${Math.round(s.p25)}–${Math.round(s.p75)}]  max ${String(Math.round(max)).padStart(4)} ms  ${k}`);
    }
  } finally {
    await browser.close();
    for (const s of Object.values(servers)) await stop(s.process, 15_000);
    await stop(collector.process);
  }
}

main().catch(async (error) => {
  console.error(error);
  await stopAll();
  process.exit(1);
});
