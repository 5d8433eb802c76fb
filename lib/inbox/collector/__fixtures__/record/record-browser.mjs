// Drives the fixture page in Chromium so real posthog-js and @sentry/browser post to record-server.mjs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const origin = process.argv[2] ?? 'http://127.0.0.1:3104';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-blink-features=AutomationControlled'],
});
const context = await browser.newContext({ userAgent: UA });
// The fixture page and the @sentry/browser bundle are served by Playwright on the target origin itself, so the
// same script drives the recording server and Orbit's dev server alike.
const here = import.meta.dirname;
const bundle = await build({ entryPoints: [path.join(here, 'sentry-browser-entry.mjs')], bundle: true, format: 'iife', globalName: 'SentryBrowser', write: false, logLevel: 'warning' });
await context.route('**/__fixture/page.html*', (route) => route.fulfill({ contentType: 'text/html', body: readFileSync(path.join(here, 'page.html')) }));
await context.route('**/__fixture/sentry-browser.js', (route) => route.fulfill({ contentType: 'application/javascript', body: bundle.outputFiles[0].text }));
const page = await context.newPage();
page.on('console', (m) => { if (m.type() === 'error') console.log('[console]', m.text()); });
await page.goto(`${origin}/__fixture/page.html`);
await page.waitForFunction(() => window.__phLoaded === true);
await page.evaluate(() => {
  posthog.capture('fixture_button_clicked', { button: 'go', $set: { plan: 'pro' }, $set_once: { first_seen_plan: 'free' } });
  posthog.identify('user_fixture_1', { name: 'Fixture User' }, { signup_source: 'fixture' });
  posthog.group('company', 'ws_fixture', { name: 'Fixture Co' });
});
for (let i = 0; i < 3; i++) { await page.click('#go'); await page.fill('#name', 'typed ' + i); await page.waitForTimeout(300); }
await page.evaluate(() => { setTimeout(() => { throw new Error('fixture uncaught error'); }); SentryBrowser.captureException(new Error('fixture captured error')); });
await page.waitForTimeout(6000);
console.log('posthog-js state', await page.evaluate(() => ({
  distinctId: posthog.get_distinct_id(),
  sessionId: posthog.get_session_id(),
  recording: posthog.sessionRecordingStarted(),
  flags: { 'pricing-page-layout': posthog.getFeatureFlag('pricing-page-layout'), 'new-onboarding-checklist': posthog.getFeatureFlag('new-onboarding-checklist') },
})));
// Navigating away flushes what is left with sendBeacon (base64 form bodies).
await page.evaluate(() => {
  posthog.capture('fixture_beacon', { n: 3 }, { transport: 'sendBeacon' });
  posthog.capture('fixture_before_unload', { n: 1 });
});
await page.goto(`${origin}/__fixture/page.html?plain=1`);
await page.waitForFunction(() => window.__phLoaded === true);
await page.evaluate(() => {
  posthog.capture('fixture_plain_json', { n: 2 });
  // Uncompressed + sendBeacon is the one case posthog-js posts a base64 `data=` form.
  posthog.capture('fixture_beacon_plain', { n: 4 }, { transport: 'sendBeacon' });
});
await page.waitForTimeout(4000);
await browser.close();
