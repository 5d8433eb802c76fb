// Real-Chromium page loads over CDP: JavaScript bytes on the wire (Network.loadingFinished.encodedDataLength =
// compressed body + response headers) before the `load` event and in total, and LCP / long tasks from
// PerformanceObservers. Every load is cold: a new browser context, cache disabled.
import { chromium } from 'playwright-core';
import { DESKTOP_CHROME_USER_AGENT, findBrowser } from '../../scripts/find-browser.mjs';
import { timeToInteractive, totalBlockingTime } from './stats.mjs';

export const CONTEXT_OPTIONS = { userAgent: DESKTOP_CHROME_USER_AGENT, viewport: { width: 1280, height: 800 }, locale: 'en-US' };

export async function launchBrowser() {
  const found = findBrowser();
  if (!found.found) throw new Error(found.reason);
  const browser = await chromium.launch({ executablePath: found.executablePath, args: found.args, headless: true });
  return { browser, executablePath: found.executablePath, version: browser.version() };
}

// Installed before any page script: collects long tasks, LCP candidates and FCP from the start of navigation.
const OBSERVE = `window.__bench={lt:[],lcp:0,fcp:0};
try{new PerformanceObserver(function(l){for(var e of l.getEntries())__bench.lt.push([e.startTime,e.duration])}).observe({type:'longtask',buffered:true});}catch(e){}
try{new PerformanceObserver(function(l){for(var e of l.getEntries())__bench.lcp=e.startTime}).observe({type:'largest-contentful-paint',buffered:true});}catch(e){}
try{new PerformanceObserver(function(l){for(var e of l.getEntries())if(e.name==='first-contentful-paint')__bench.fcp=e.startTime}).observe({type:'paint',buffered:true});}catch(e){}
try{new PerformanceObserver(function(l){for(var e of l.getEntries())if(e.interactionId||e.name==='pointerdown'||e.name==='click')__bench.ev.push([e.name,e.startTime,e.processingStart,e.processingEnd,e.duration])}).observe({type:'event',durationThreshold:16,buffered:true});}catch(e){}
__bench.ev=[];`;

/**
 * The bench's interaction: a click on the landing page's hero CTA ("Start free", a client-side navigation) `afterLoadMs`
 * after the `load` event, and the delay until the next paint — the Event Timing entry of the click (its `duration`:
 * from the input to the first paint after its handlers, as INP measures it; 8 ms granularity), and the input delay
 * (input → handlers start: the main thread was busy). Without an event entry (the browser painted within 16 ms) the
 * delay counts as 16 ms.
 */
const HERO_CTA = '[data-cta-id="hero_start_free"]';

/**
 * One cold load of `url`.
 * @param {object} o
 * @param {number} [o.cpuThrottle]   CDP CPU slowdown (1 = none; 4 = Lighthouse's mobile setting)
 * @param {number} [o.minAfterLoadMs] keep watching at least this long after `load`
 * @param {number} [o.scriptQuietMs]  …and until no script request started or finished for this long
 * @param {number} [o.taskQuietMs]    …and until no long task for this long (the TTI quiet window)
 * @param {number} [o.maxAfterLoadMs] hard cap after `load`
 */
export async function coldLoad(browser, url, { cookies = [], cpuThrottle = 1, minAfterLoadMs = 4000, scriptQuietMs = 2500, taskQuietMs = 0, maxAfterLoadMs = 12_000, clickAfterLoadMs } = {}) {
  const context = await browser.newContext(CONTEXT_OPTIONS);
  try {
    if (cookies.length) await context.addCookies(cookies);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Page.enable');
    if (cpuThrottle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle });
    const requests = new Map();
    let loadTs = Number.POSITIVE_INFINITY;
    let lastScriptActivity = Date.now();
    cdp.on('Network.requestWillBeSent', (e) => {
      requests.set(e.requestId, { url: e.request.url, type: e.type });
      if (e.type === 'Script') lastScriptActivity = Date.now();
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = requests.get(e.requestId);
      if (r) r.type = e.type;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = requests.get(e.requestId);
      if (!r) return;
      r.end = e.timestamp;
      r.bytes = e.encodedDataLength;
      if (r.type === 'Script') lastScriptActivity = Date.now();
    });
    let loadSeenAt = 0;
    cdp.on('Page.loadEventFired', (e) => {
      loadTs = e.timestamp;
      loadSeenAt = Date.now();
    });
    await page.addInitScript(OBSERVE);
    const response = await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    if (!response || response.status() >= 400) throw new Error(`GET ${url} answered ${response?.status()}`);
    const loadedAt = Date.now();
    if (clickAfterLoadMs !== undefined) return await clickAndMeasure(page, loadSeenAt || loadedAt, clickAfterLoadMs);
    for (;;) {
      await page.waitForTimeout(250);
      const now = Date.now();
      if (now - loadedAt >= maxAfterLoadMs) break;
      if (now - loadedAt < minAfterLoadMs || now - lastScriptActivity < scriptQuietMs) continue;
      if (taskQuietMs > 0) {
        const quietFor = await page.evaluate(() => {
          const lt = window.__bench.lt;
          const last = lt.length ? Math.max(...lt.map(([s, d]) => s + d)) : 0;
          return performance.now() - last;
        });
        if (quietFor < taskQuietMs) continue;
      }
      break;
    }
    const m = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      // lib/telemetry/browser/loader.ts's performance marks: when the SDKs started loading, when PostHog was ready.
      const mark = (name) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? null;
      return {
        ...window.__bench,
        load: nav ? nav.loadEventStart : Number.NaN,
        domContentLoaded: nav ? nav.domContentLoadedEventEnd : Number.NaN,
        sdkStart: mark('orbit:sdk-load-start'),
        sdkDone: mark('orbit:posthog-ready'),
      };
    });
    const finished = [...requests.values()].filter((r) => r.bytes !== undefined);
    const scripts = finished.filter((r) => r.type === 'Script');
    const sum = (xs) => xs.reduce((a, r) => a + r.bytes, 0);
    const tti = timeToInteractive(m.lt, Math.max(m.fcp, m.domContentLoaded), taskQuietMs || 3000);
    return {
      jsBeforeLoad: sum(scripts.filter((r) => r.end <= loadTs)),
      jsTotal: sum(scripts),
      jsRequestsBeforeLoad: scripts.filter((r) => r.end <= loadTs).length,
      jsRequestsTotal: scripts.length,
      htmlBytes: sum(finished.filter((r) => r.type === 'Document')),
      lateScripts: scripts.filter((r) => r.end > loadTs).map((r) => ({ path: new URL(r.url).pathname, bytes: r.bytes })),
      fcp: m.fcp,
      lcp: m.lcp,
      load: m.load,
      tti,
      tbt: totalBlockingTime(m.lt, m.fcp, tti),
      tbtToLoad: totalBlockingTime(m.lt, m.fcp, m.load),
      longTasks: m.lt.length,
      sdkStart: m.sdkStart,
      sdkDone: m.sdkDone,
    };
  } finally {
    await context.close();
  }
}

/** Clicks the hero CTA `afterLoadMs` after `load` (wall clock of the load event), then reads its Event Timing entry. */
async function clickAndMeasure(page, loadSeenAt, afterLoadMs) {
  // Where to click, read before the wait (reading it later would itself wait for a busy main thread).
  const box = await page.locator(HERO_CTA).boundingBox();
  if (!box) throw new Error(`no ${HERO_CTA} on the page`);
  const wait = loadSeenAt + afterLoadMs - Date.now();
  if (wait > 0) await page.waitForTimeout(wait);
  const clickedLate = Math.max(0, Date.now() - loadSeenAt - afterLoadMs);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForURL((u) => u.pathname === '/signup', { timeout: 30_000 });
  await page.waitForTimeout(300); // the entry is queued after the next paint
  const m = await page.evaluate(() => ({ ev: window.__bench.ev, load: performance.getEntriesByType('navigation')[0]?.loadEventStart ?? Number.NaN }));
  const click = m.ev.filter(([name]) => name === 'pointerdown' || name === 'click' || name === 'pointerup' || name === 'mousedown');
  const nextPaint = click.length ? Math.max(...click.map(([, , , , duration]) => duration)) : 16;
  const inputDelay = click.length ? Math.max(...click.map(([, start, processingStart]) => processingStart - start)) : 0;
  const at = click.length ? Math.min(...click.map(([, start]) => start)) - m.load : Number.NaN;
  return { nextPaint, inputDelay, at, clickedLate };
}
